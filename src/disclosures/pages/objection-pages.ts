import { date } from './format';
import { html, pathSegment } from './html';
import { renderDocument } from './layout';
import type { ObjectionReceivedPageView, ObjectionStatus, ObjectionStatusPageView } from './views';

export const OBJECTION_STATUS_LABELS: Record<ObjectionStatus, string> = {
  open: '待处理',
  dismissed: '不成立',
  upheld: '成立',
};

/** The answer to a submitted objection: the tracking code, large, and what happens next. */
export function renderObjectionReceivedPage(view: ObjectionReceivedPageView): string {
  const statusUrl = `/p/objections/${pathSegment(view.trackingCode)}`;
  return renderDocument({
    title: '异议已收到',
    site: view.society.name,
    main: html`
<h1>异议已收到</h1>
<p>您对公示 ${view.notice.noticeNo} 提出的异议已经收到。您的查询码：</p>
<p class="code mono">${view.trackingCode}</p>
<p><strong>请抄下或截图保存查询码</strong>，凭它查看处理结果。</p>
<h2>接下来</h2>
<ol>
<li>互助会监事会核实您反映的情况。</li>
<li>核实后作出“成立”或“不成立”的结论，并写明答复。</li>
<li>异议成立的，相关救助重新审查，必要时追回款项。</li>
</ol>
<p><a class="button" href="${statusUrl}">查看处理进度</a></p>`,
    footer: html`<p><a class="tap" href="/p/disclosures/${pathSegment(view.notice.id)}">返回公示 ${view.notice.noticeNo}</a></p>`,
  });
}

/** `GET /p/objections/:code`: where an objection stands, and the supervisor's answer once resolved. */
export function renderObjectionStatusPage(view: ObjectionStatusPageView): string {
  return renderDocument({
    title: `异议处理进度 ${view.trackingCode}`,
    site: view.society?.name ?? '异议查询',
    main: html`
<h1>异议处理进度</h1>
<p>查询码 <span class="mono"><strong>${view.trackingCode}</strong></span></p>
<p>处理结果 <span class="badge status-${view.status}">${OBJECTION_STATUS_LABELS[view.status]}</span></p>
<dl class="kv">
${view.notice && html`<dt>公示</dt><dd>${view.notice.noticeNo}</dd>`}
<dt>提交日期</dt><dd>${date(view.createdOn)}</dd>
${view.resolvedOn !== null && html`<dt>处理日期</dt><dd>${date(view.resolvedOn)}</dd>`}
</dl>
${
  view.status === 'open'
    ? html`<p class="banner">监事会正在核实，请过几天再来查看。</p>`
    : html`<h2>答复</h2>
<p class="note">${view.response !== null && view.response.trim() !== '' ? view.response : '（无文字答复）'}</p>`
}`,
    footer:
      view.notice &&
      html`<p><a class="tap" href="/p/disclosures/${pathSegment(view.notice.id)}">查看公示 ${view.notice.noticeNo}</a></p>`,
  });
}
