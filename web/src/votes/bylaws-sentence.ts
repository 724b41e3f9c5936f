// The bylaws' vote rule said as a secretary would read it out: "9 名理事中至少 6 人参加、参加者三分之二以上
// 同意". Pure, so the vote screens and the settings screen say the same thing. The numbers come from the
// server's own rules (src/common/fraction.ts): quorum met ⇔ C ≥ q·E; passes ⇔ A ≥ a·C (`at_least`,
// 以上 includes the number) or A > a·C (`more_than`, 超过; 过半数 for one half).
import { ceilTimes, parseFraction, type Fraction } from '../../../src/common/fraction';

/** The society's settings that decide a vote (API.md "Societies and members"). */
export interface VoteBylaws {
  quorum: string;
  approval: string;
  approvalRule: string;
}

const DIGITS = '零一二三四五六七八九';

/** 0 ≤ n < 10000 in Chinese numerals with 一十 for the tens ("一百一十"); inner zeros read 零. */
function underTenThousand(n: number): string {
  const units = ['千', '百', '十', ''];
  const digits = String(n).padStart(4, '0').split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += '零';
    zero = false;
    out += DIGITS[d] + units[i];
  });
  return out;
}

/**
 * A whole number 0 … 99,999,999 in Chinese numerals as written in bylaws: 2 → 二, 10 → 十, 11 → 十一,
 * 110 → 一百一十, 1005 → 一千零五, 10010 → 一万零一十.
 */
export function chineseNumber(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n >= 100_000_000) {
    throw new RangeError(`not a whole number below 10^8: ${n}`);
  }
  if (n === 0) return '零';
  const high = Math.floor(n / 10_000);
  const low = n % 10_000;
  if (high === 0) {
    const s = underTenThousand(low);
    return n >= 10 && n < 20 ? s.slice(1) : s;
  }
  const head = (high >= 10 && high < 20 ? underTenThousand(high).slice(1) : underTenThousand(high)) + '万';
  if (low === 0) return head;
  return head + (low < 1000 ? '零' : '') + underTenThousand(low);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** p/q in lowest terms, as said: 2/3 → 三分之二, 4/6 → 三分之二, 67/100 → 百分之六十七, 1/2 → 二分之一. */
export function chineseFraction(f: Fraction): string {
  const g = gcd(f.p, f.q);
  const [p, q] = [f.p / g, f.q / g];
  const denominator = q === 100 ? '百' : q === 1000 ? '千' : chineseNumber(q);
  return `${denominator}分之${chineseNumber(p)}`;
}

function approvalClause(approval: Fraction, rule: 'at_least' | 'more_than'): string {
  const whole = approval.p === approval.q;
  const half = approval.p * 2 === approval.q;
  if (rule === 'at_least') {
    if (whole) return '参加者全部同意';
    if (half) return '参加者半数以上同意';
    return `参加者${chineseFraction(approval)}以上同意`;
  }
  // "超过全部" can never be met: say so rather than print a rule nobody can satisfy.
  if (whole) return '参加者超过全部同意（无法满足，任何动议都不能通过）';
  if (half) return '参加者过半数同意';
  return `参加者超过${chineseFraction(approval)}同意`;
}

/**
 * What decides a vote under these bylaws with `boardSize` board members able to vote:
 * `bylawsSentence({quorum: '2/3', approval: '2/3', approvalRule: 'at_least'}, 9)` →
 * "9 名理事中至少 6 人参加、参加者三分之二以上同意". The quorum is a count (the fewest ballots, at least
 * one, as the server counts it); the approval a share of those taking part (abstentions take part).
 * null when the settings are not valid bylaws (a fraction "p/q" in (0, 1], a known rule), e.g. while
 * they are being typed.
 */
export function bylawsSentence(bylaws: VoteBylaws, boardSize: number): string | null {
  if (!Number.isSafeInteger(boardSize) || boardSize < 0) {
    throw new RangeError(`board size must be a count: ${boardSize}`);
  }
  const quorum = parseFraction(bylaws.quorum);
  const approval = parseFraction(bylaws.approval);
  const rule = bylaws.approvalRule;
  if (!quorum || !approval || (rule !== 'at_least' && rule !== 'more_than')) return null;
  if (boardSize === 0) return '目前没有理事，无法表决';
  const needed = Math.max(1, ceilTimes(quorum, boardSize));
  const attend =
    needed >= boardSize
      ? boardSize === 1
        ? '唯一的 1 名理事参加'
        : `${boardSize} 名理事全部参加`
      : `${boardSize} 名理事中至少 ${needed} 人参加`;
  return `${attend}、${approvalClause(approval, rule)}`;
}
