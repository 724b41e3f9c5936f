import { auditSeq, date, period, yuan } from './format';
import { html, Html, pathSegment } from './html';
import { contact, renderDocument } from './layout';
import type { BoardPageView, NoticeSummaryView } from './views';

/** `GET /p/:sid`: the society's board — contact, the fund's totals, notices, the audit chain today. */
export function renderBoardPage(view: BoardPageView): string {
  const { society, fund } = view;
  const ended = view.endedNotices ?? [];
  return renderDocument({
    title: `${society.name} 公示栏`,
    site: society.name,
    main: html`
<h1>公示栏</h1>
${contact(society)}
<section aria-labelledby="fund">
<h2 id="fund">互助金</h2>
<p class="muted">截至${date(view.asOf)}</p>
<div class="stat"><span>余额</span><span class="value">${yuan(fund.balanceFen)}</span></div>
<div class="stat"><span>本年捐赠</span><span class="value">${yuan(fund.donatedThisYearFen)}</span></div>
<div class="stat"><span>本年救助支出</span><span class="value">${yuan(fund.aidPaidThisYearFen)}</span></div>
<div class="stat"><span>本年救助人次</span><span class="value">${fund.aidedThisYear}人次</span></div>
</section>
<section aria-labelledby="active">
<h2 id="active">正在公示</h2>
${
  view.activeNotices.length === 0
    ? html`<p>目前没有正在公示的救助。</p>`
    : html`<ul class="list">${view.activeNotices.map(noticeCard)}</ul>`
}
</section>
${
  ended.length > 0 &&
  html`<section aria-labelledby="ended">
<h2 id="ended">已结束的公示</h2>
<ul class="list">${ended.map(noticeCard)}</ul>
</section>`
}
<section aria-labelledby="audit">
<h2 id="audit">审计链</h2>
<p>今天：<strong>${auditSeq(view.auditHead)}</strong> <span class="mono">${view.auditHead.hashPrefix}</span></p>
<p class="muted">互助会的每一笔收支和每一次操作都按顺序记入审计链，每条都与前一条相扣。记下今天的编码，日后可以请监事或民政部门核对：如果有人改动过去的记录，这个编码就对不上了。</p>
</section>`,
  });
}

function noticeCard(n: NoticeSummaryView): Html {
  return html`<li class="card">
<a class="tap" href="/p/disclosures/${pathSegment(n.id)}">公示 ${n.noticeNo}</a>
<p>公示期：${period(n.periodFrom, n.periodTo)}</p>
<p>共${n.itemCount}项，合计 <strong>${yuan(n.totalFen)}</strong></p>
</li>`;
}
