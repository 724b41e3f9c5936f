// How numbers, dates and votes read on the residents' pages (DOMAIN.md "Conventions").
import { formatFen } from '../../common/money/fen';
import { toRmbCapitals } from '../../common/money/capitals';
import { formatCnDate } from '../../documents/cn-format';
import { html, Html } from './html';
import type { AuditHeadView } from './views';

/** ¥1,234.56 */
export const yuan = formatFen;

/** 人民币壹仟贰佰叁拾肆元伍角陆分 */
export const capitals = toRmbCapitals;

/** '2026-11-29' → 2026年11月29日, kept on one line (a phone would break it as 2026年11 / 月29日). */
export function date(isoDate: string): Html {
  return html`<span class="nw">${formatCnDate(isoDate)}</span>`;
}

/** 2026年11月29日至2026年12月5日, breaking only between the two dates. */
export function period(from: string, to: string): Html {
  return html`${date(from)}至${date(to)}`;
}

/** 9人中8人参加，7人同意 — breaking only after the comma. */
export function voteSentence(vote: { eligible: number; cast: number; approve: number }): Html {
  return html`<span class="nw">${vote.eligible}人中${vote.cast}人参加，</span><span class="nw">${vote.approve}人同意</span>`;
}

/** 第1234条 */
export function auditSeq(head: AuditHeadView): string {
  return `第${head.seq}条`;
}

/** A tel: link for a phone number as written ('0566-1234567', '+86 138…'): digits, + and - only. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^0-9+-]/g, '')}`;
}
