import { describe, expect, it } from '@jest/globals';
import { bylawsSentence, chineseFraction, chineseNumber } from './bylaws-sentence';

const rules = (quorum: string, approval: string, approvalRule = 'at_least') => ({
  quorum,
  approval,
  approvalRule,
});

/** Reads Chinese numerals back (the test's own oracle for chineseNumber). */
function readChinese(s: string): number {
  const digit: Record<string, number> = {
    零: 0,
    一: 1,
    二: 2,
    三: 3,
    四: 4,
    五: 5,
    六: 6,
    七: 7,
    八: 8,
    九: 9,
  };
  const unit: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
  let total = 0;
  let section = 0;
  let pending = 0;
  for (const c of s) {
    if (c in digit) pending = digit[c];
    else if (c in unit) {
      section += (pending || 1) * unit[c];
      pending = 0;
    } else if (c === '万') {
      total += (section + pending) * 10_000;
      section = 0;
      pending = 0;
    } else throw new Error(`not a numeral: ${c}`);
  }
  return total + section + pending;
}

describe('chineseNumber', () => {
  it.each([
    [0, '零'],
    [1, '一'],
    [2, '二'],
    [10, '十'],
    [11, '十一'],
    [20, '二十'],
    [99, '九十九'],
    [100, '一百'],
    [101, '一百零一'],
    [110, '一百一十'],
    [1005, '一千零五'],
    [1010, '一千零一十'],
    [10_000, '一万'],
    [10_010, '一万零一十'],
    [100_000, '十万'],
    [110_000, '十一万'],
    [999_999, '九十九万九千九百九十九'],
    [1_000_001, '一百万零一'],
    [99_999_999, '九千九百九十九万九千九百九十九'],
  ])('%d → %s', (n, text) => expect(chineseNumber(n)).toBe(text));

  it('reads back as the same number for every n below 200,000 (every bylaws term is below 10^6)', () => {
    for (let n = 0; n < 200_000; n++) {
      const s = chineseNumber(n);
      if (readChinese(s) !== n) throw new Error(`${n} → ${s}`);
      // No doubled zero, none at the end (plain checks: 200,000 expect() calls are slow).
      if (n !== 0 && (s.includes('零零') || s.endsWith('零'))) throw new Error(`${n} → ${s}`);
    }
    for (let n = 200_000; n < 100_000_000; n += 7_919) expect(readChinese(chineseNumber(n))).toBe(n);
  });

  it.each([-1, 1.5, 100_000_000, Number.NaN])('refuses %p', (n) => {
    expect(() => chineseNumber(n)).toThrow(RangeError);
  });
});

describe('chineseFraction', () => {
  it.each([
    [1, 2, '二分之一'],
    [2, 3, '三分之二'],
    [4, 6, '三分之二'],
    [3, 4, '四分之三'],
    [7, 10, '十分之七'],
    [11, 12, '十二分之十一'],
    [67, 100, '百分之六十七'],
    [60, 100, '五分之三'],
    [667, 1000, '千分之六百六十七'],
    [5, 5, '一分之一'],
  ])('%d/%d → %s', (p, q, text) => expect(chineseFraction({ p, q })).toBe(text));
});

describe('bylawsSentence', () => {
  it.each([
    // The standard bylaws of the seed: 9 members, 2/3 and 2/3.
    [rules('2/3', '2/3'), 9, '9 名理事中至少 6 人参加、参加者三分之二以上同意'],
    [rules('2/3', '2/3'), 8, '8 名理事中至少 6 人参加、参加者三分之二以上同意'],
    [rules('2/3', '2/3'), 10, '10 名理事中至少 7 人参加、参加者三分之二以上同意'],
    [rules('2/3', '2/3'), 3, '3 名理事中至少 2 人参加、参加者三分之二以上同意'],
    [rules('4/6', '4/6'), 9, '9 名理事中至少 6 人参加、参加者三分之二以上同意'],
    // 过半数 is strictly more than half; 半数以上 includes half.
    [rules('1/2', '1/2', 'more_than'), 9, '9 名理事中至少 5 人参加、参加者过半数同意'],
    [rules('1/2', '1/2', 'at_least'), 10, '10 名理事中至少 5 人参加、参加者半数以上同意'],
    [rules('2/3', '2/3', 'more_than'), 9, '9 名理事中至少 6 人参加、参加者超过三分之二同意'],
    [rules('3/4', '3/5'), 11, '11 名理事中至少 9 人参加、参加者五分之三以上同意'],
    [rules('67/100', '1/2', 'more_than'), 7, '7 名理事中至少 5 人参加、参加者过半数同意'],
    [rules('2/3', '67/100'), 7, '7 名理事中至少 5 人参加、参加者百分之六十七以上同意'],
    // Everyone must take part, or everyone taking part must agree.
    [rules('1/1', '2/3'), 5, '5 名理事全部参加、参加者三分之二以上同意'],
    [rules('9/10', '2/3'), 5, '5 名理事全部参加、参加者三分之二以上同意'],
    [rules('2/3', '1/1'), 9, '9 名理事中至少 6 人参加、参加者全部同意'],
    [
      rules('2/3', '1/1', 'more_than'),
      9,
      '9 名理事中至少 6 人参加、参加者超过全部同意（无法满足，任何动议都不能通过）',
    ],
    // A small board: at least one ballot, as the server counts (quorumRequired ≥ 1).
    [rules('2/3', '2/3'), 1, '唯一的 1 名理事参加、参加者三分之二以上同意'],
    [rules('1/3', '1/2', 'more_than'), 2, '2 名理事中至少 1 人参加、参加者过半数同意'],
    [rules('1/100', '1/2', 'more_than'), 2, '2 名理事中至少 1 人参加、参加者过半数同意'],
    [rules('2/3', '2/3'), 0, '目前没有理事，无法表决'],
  ])('%j with %d members → %s', (bylaws, board, text) => expect(bylawsSentence(bylaws, board)).toBe(text));

  it.each([
    rules('', '2/3'),
    rules('2/3', '3/2'),
    rules('0/3', '2/3'),
    rules('2/3', '2/3', 'majority'),
    rules('2 / 3', '2/3'),
    rules('0.66', '2/3'),
  ])('is null for settings that are no bylaws: %j', (bylaws) => {
    expect(bylawsSentence(bylaws, 9)).toBeNull();
  });

  it.each([-1, 2.5, Number.NaN])('refuses a board size of %p', (n) => {
    expect(() => bylawsSentence(rules('2/3', '2/3'), n)).toThrow(RangeError);
  });

  it('names the smallest quorum that meets C·q ≥ p·E, for every board up to 15 and every quorum p/q with q ≤ 12', () => {
    for (let q = 1; q <= 12; q++) {
      for (let p = 1; p <= q; p++) {
        for (let board = 1; board <= 15; board++) {
          let needed = 0;
          while (needed * q < p * board) needed++;
          needed = Math.max(1, needed);
          const sentence = bylawsSentence(rules(`${p}/${q}`, '1/2', 'more_than'), board) ?? '';
          const expected =
            needed === board
              ? board === 1
                ? '唯一的 1 名理事参加'
                : `${board} 名理事全部参加`
              : `${board} 名理事中至少 ${needed} 人参加`;
          expect({ p, q, board, sentence }).toEqual({
            p,
            q,
            board,
            sentence: `${expected}、参加者过半数同意`,
          });
        }
      }
    }
  });

  it('says the approval share in lowest terms for every fraction with q ≤ 12, each rule', () => {
    for (let q = 1; q <= 12; q++) {
      for (let p = 1; p <= q; p++) {
        for (const rule of ['at_least', 'more_than']) {
          const sentence = bylawsSentence(rules('1/2', `${p}/${q}`, rule), 4) ?? '';
          const clause = sentence.split('、')[1];
          if (p === q)
            expect(clause.startsWith(rule === 'at_least' ? '参加者全部同意' : '参加者超过全部')).toBe(true);
          else if (2 * p === q)
            expect(clause).toBe(rule === 'at_least' ? '参加者半数以上同意' : '参加者过半数同意');
          else {
            const share = chineseFraction({ p, q });
            expect(clause).toBe(rule === 'at_least' ? `参加者${share}以上同意` : `参加者超过${share}同意`);
          }
        }
      }
    }
  });
});
