// What a society's bylaws mean, said in one Chinese sentence as the secretary would read it out
// ("9 名理事中至少 6 人参加、参加者三分之二以上同意"), with the server's own fraction rules
// (src/common/fraction.ts), so the sentence never disagrees with the tally.
// In Chinese legal text 以上 includes the number and 超过 excludes it (民法典 第1259条).
import { atLeast, ceilTimes, moreThan, parseFraction, type Fraction } from '../../../src/common/fraction';
import { money } from './money';

export interface BylawsSettings {
  quorum: string;
  approval: string;
  approvalRule: 'at_least' | 'more_than';
  voteWindowHours: number;
  disclosureDays: number;
  disclosureDeadlineDays: number;
  maxAidPerCaseFen: number;
  maxAidPerPersonPerYearFen: number;
  allowSingleOfficer: boolean;
}

const DIGITS = '零一二三四五六七八九';
const UNITS = ['', '十', '百', '千'];

/** 0 … 99 999 999 in Chinese numerals as read aloud: 2 → 二, 10 → 十, 12 → 十二, 105 → 一百零五. */
export function chineseNumber(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n >= 100_000_000) throw new RangeError(`out of range: ${n}`);
  if (n === 0) return '零';
  const group = (g: number): string => {
    let out = '';
    let zero = false;
    for (let i = 3; i >= 0; i--) {
      const d = Math.floor(g / 10 ** i) % 10;
      if (d === 0) {
        zero = out !== '';
        continue;
      }
      if (zero) out += '零';
      zero = false;
      out += DIGITS[d] + UNITS[i];
    }
    return out;
  };
  const high = Math.floor(n / 10_000);
  const low = n % 10_000;
  let out = high ? `${group(high)}万` : '';
  if (low) out += (high && low < 1000 ? '零' : '') + group(low);
  // 十二, not 一十二, when the number starts with a ten.
  return out.startsWith('一十') ? out.slice(1) : out;
}

/** "2/3" → 三分之二; "1/2" → 二分之一; "3/3" → 全体. */
export function fractionText(f: Fraction): string {
  if (f.p === f.q) return '全体';
  return `${chineseNumber(f.q)}分之${chineseNumber(f.p)}`;
}

/** The fewest approvals that pass a vote in which `cast` members took part, or null when none can. */
export function approvalsNeeded(
  approval: Fraction,
  rule: BylawsSettings['approvalRule'],
  cast: number,
): number | null {
  for (let a = 0; a <= cast; a++) {
    if (rule === 'at_least' ? atLeast(a, approval, cast) : moreThan(a, approval, cast)) return a;
  }
  return null;
}

function approvalPhrase(a: Fraction, rule: BylawsSettings['approvalRule']): string {
  if (rule === 'more_than') {
    if (a.p * 2 === a.q) return '参加者过半数同意';
    if (a.p === a.q) return '参加者超过全体同意（任何表决都不能通过）';
    return `参加者超过${fractionText(a)}同意`;
  }
  if (a.p === a.q) return '参加者一致同意';
  if (a.p * 2 === a.q) return '参加者半数以上同意';
  return `参加者${fractionText(a)}以上同意`;
}

/**
 * The decision rule as one sentence. With the number of board members it names the head count
 * ("9 名理事中至少 6 人参加、参加者三分之二以上同意"); without it, the share ("理事三分之二以上参加、…").
 * Invalid fractions (while being typed) give ''.
 */
export function bylawsSentence(
  s: Pick<BylawsSettings, 'quorum' | 'approval' | 'approvalRule'>,
  board?: number,
): string {
  const q = parseFraction(s.quorum);
  const a = parseFraction(s.approval);
  if (!q || !a) return '';
  const approval = approvalPhrase(a, s.approvalRule);
  if (board === undefined) {
    const quorum = q.p === q.q ? '全体理事参加' : `理事${fractionText(q)}以上参加`;
    return `${quorum}、${approval}`;
  }
  if (board === 0) return `本社目前没有理事，无法表决（章程：理事${fractionText(q)}以上参加、${approval}）`;
  const min = ceilTimes(q, board);
  const quorum = min === board ? `${board} 名理事全部参加` : `${board} 名理事中至少 ${min} 人参加`;
  return `${quorum}、${approval}`;
}

/** The example under the sentence: how many approvals the smallest quorum needs. */
export function bylawsExample(
  s: Pick<BylawsSettings, 'quorum' | 'approval' | 'approvalRule'>,
  board: number,
): string {
  const q = parseFraction(s.quorum);
  const a = parseFraction(s.approval);
  if (!q || !a || board < 1) return '';
  const cast = ceilTimes(q, board);
  const needed = approvalsNeeded(a, s.approvalRule, cast);
  if (needed === null) return `${cast} 人参加时，无论多少人同意都不能通过`;
  return `${cast} 人参加时至少 ${needed} 人同意才通过；弃权也算参加`;
}

/** The other bylaws, one line each: windows, caps, separation of duties. */
export function bylawsLimits(s: BylawsSettings): string[] {
  return [
    `远程表决 ${s.voteWindowHours} 小时内截止`,
    `付款后 ${s.disclosureDeadlineDays} 日内公示，公示期 ${s.disclosureDays} 日`,
    `每案救助不超过 ${money(s.maxAidPerCaseFen)}，同一人每年不超过 ${money(s.maxAidPerPersonPerYearFen)}`,
    s.allowSingleOfficer
      ? '允许同一人立案、发起表决并付款（人手不足时）'
      : '付款人不得是该案的立案人或表决发起人（不相容岗位分离）',
  ];
}
