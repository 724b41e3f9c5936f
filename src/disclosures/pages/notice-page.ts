import { auditSeq, capitals, date, period, voteSentence, yuan } from './format';
import { html, Html, pathSegment, safeHref } from './html';
import { contact, renderDocument } from './layout';
import { objectionForm } from './objection-form';
import type { NoticeItemView, NoticePageView, NoticeStatus } from './views';

export const NOTICE_STATUS_LABELS: Record<NoticeStatus, string> = {
  active: '公示中',
  ended: '已结束',
  withdrawn: '已撤回',
};

/**
 * `GET /p/disclosures/:did`: one notice, readable on a phone (a card per item), with what a resident
 * needs to check it against the paper notice, and while it is active the objection form.
 * A withdrawn notice shows no items and no printable copy: a withdrawal is how a wrongly published
 * entry is taken down.
 */
export function renderNoticePage(view: NoticePageView): string {
  const { society, notice } = view;
  const title = `${society.name}救助公示`;
  const items = notice.status === 'withdrawn' ? [] : notice.items;
  return renderDocument({
    title: `${title} ${notice.noticeNo}`,
    site: society.name,
    main: html`
<h1>${title}</h1>
<p>公示编号 <strong>${notice.noticeNo}</strong>
<span class="badge status-${notice.status}">${NOTICE_STATUS_LABELS[notice.status]}</span></p>
<dl class="kv">
<dt>发布日期</dt><dd>${date(notice.publishedOn)}</dd>
<dt>公示期</dt><dd>${period(notice.periodFrom, notice.periodTo)}</dd>
</dl>
${statusBanner(notice.status, notice.periodTo)}
${
  items.length > 0 &&
  html`<section aria-labelledby="items">
<h2 id="items">救助明细（${items.length}项）</h2>
<ul class="list">${items.map(itemCard)}</ul>
<div class="total">
<p>合计 <span class="amount">${yuan(notice.totalFen)}</span></p>
<p class="capitals">${capitals(notice.totalFen)}</p>
</div>
</section>`
}
${
  notice.note !== null &&
  notice.note.trim() !== '' &&
  html`<section aria-labelledby="note">
<h2 id="note">说明</h2>
<p class="note">${notice.note}</p>
</section>`
}
<section aria-labelledby="check">
<h2 id="check">核对</h2>
<dl class="kv">
<dt>校验码</dt><dd class="mono">${notice.checkCode}</dd>
<dt>审计链</dt><dd>${auditSeq(notice.auditHead)} <span class="mono">${notice.auditHead.hashPrefix}</span></dd>
</dl>
<p class="muted">校验码与张贴的纸质公示一致，说明两者内容相同。审计链编码是发布时互助会记录的位置，日后可请监事核对记录没有被改动。</p>
${
  notice.status !== 'withdrawn' &&
  notice.pdfUrl !== null &&
  html`<p><a class="tap" href="${safeHref(notice.pdfUrl)}">下载打印版公示（PDF）</a></p>`
}
</section>
${notice.status === 'active' && objectionForm(view)}`,
    footer: html`${contact(society)}
<p><a class="tap" href="/p/${pathSegment(society.id)}">返回${society.name}公示栏</a></p>`,
  });
}

function statusBanner(status: NoticeStatus, periodTo: string): Html {
  switch (status) {
    case 'active':
      return html`<p class="banner">对本公示有不同意见的，公示期内（至${date(periodTo)}）可以在本页下方提出异议，可以不留姓名。</p>`;
    case 'ended':
      return html`<p class="banner">公示期已结束，不再受理异议。</p>`;
    case 'withdrawn':
      return html`<p class="banner">本公示已撤回，内容不再公开。</p>`;
  }
}

function itemCard(item: NoticeItemView): Html {
  return html`<li class="card">
<h3>${item.displayName}</h3>
<p class="muted">${item.categoryLabel} · 编号 ${item.caseNo}</p>
<p class="amount">${yuan(item.amountFen)}</p>
<p class="capitals">${capitals(item.amountFen)}</p>
<dl class="kv">
<dt>批准日期</dt><dd>${date(item.approvedOn)}</dd>
<dt>发放日期</dt><dd>${date(item.paidOn)}</dd>
<dt>理事会表决</dt><dd>${voteSentence(item.vote)}</dd>
</dl>
</li>`;
}
