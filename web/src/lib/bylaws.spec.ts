import { describe, expect, it } from '@jest/globals';
import {
  approvalsNeeded,
  bylawsExample,
  bylawsLimits,
  bylawsSentence,
  chineseNumber,
  fractionText,
} from './bylaws';

const DEFAULTS = {
  quorum: '2/3',
  approval: '2/3',
  approvalRule: 'at_least' as const,
  voteWindowHours: 24,
  disclosureDays: 7,
  disclosureDeadlineDays: 10,
  maxAidPerCaseFen: 500_000,
  maxAidPerPersonPerYearFen: 1_000_000,
  allowSingleOfficer: false,
};

describe('Chinese numerals as read aloud', () => {
  it.each([
    [1, '一'],
    [2, '二'],
    [10, '十'],
    [12, '十二'],
    [20, '二十'],
    [105, '一百零五'],
    [110, '一百一十'],
    [1001, '一千零一'],
    [10_000, '一万'],
    [10_500, '一万零五百'],
    [123_456, '十二万三千四百五十六'],
  ])('%d is %s', (n, text) => expect(chineseNumber(n)).toBe(text));

  it('refuses what it cannot say', () => {
    expect(() => chineseNumber(-1)).toThrow(RangeError);
    expect(() => chineseNumber(1.5)).toThrow(RangeError);
  });

  it('names fractions as written in bylaws', () => {
    expect(fractionText({ p: 2, q: 3 })).toBe('三分之二');
    expect(fractionText({ p: 1, q: 2 })).toBe('二分之一');
    expect(fractionText({ p: 3, q: 4 })).toBe('四分之三');
    expect(fractionText({ p: 5, q: 5 })).toBe('全体');
  });
});

describe('the bylaws sentence', () => {
  it('says the issue example for the standard bylaws and nine board members', () => {
    expect(bylawsSentence(DEFAULTS, 9)).toBe('9 名理事中至少 6 人参加、参加者三分之二以上同意');
    expect(bylawsExample(DEFAULTS, 9)).toBe('6 人参加时至少 4 人同意才通过；弃权也算参加');
  });

  it('follows the quorum and the board size with the tally rule (ceil of q·E)', () => {
    expect(bylawsSentence(DEFAULTS, 7)).toBe('7 名理事中至少 5 人参加、参加者三分之二以上同意');
    expect(bylawsSentence({ ...DEFAULTS, quorum: '1/2' }, 9)).toMatch(/^9 名理事中至少 5 人参加/);
    expect(bylawsSentence({ ...DEFAULTS, quorum: '1/1' }, 5)).toMatch(/^5 名理事全部参加/);
    expect(bylawsSentence(DEFAULTS, 1)).toMatch(/^1 名理事全部参加/);
    expect(bylawsSentence(DEFAULTS, 0)).toMatch(/没有理事/);
  });

  it('says 以上 (counts the number) for at_least and 超过/过半数 (does not) for more_than', () => {
    expect(bylawsSentence({ ...DEFAULTS, approvalRule: 'more_than' }, 9)).toBe(
      '9 名理事中至少 6 人参加、参加者超过三分之二同意',
    );
    expect(bylawsSentence({ ...DEFAULTS, approval: '1/2', approvalRule: 'more_than' }, 9)).toBe(
      '9 名理事中至少 6 人参加、参加者过半数同意',
    );
    expect(bylawsSentence({ ...DEFAULTS, approval: '1/2' }, 9)).toMatch(/参加者半数以上同意$/);
    expect(bylawsSentence({ ...DEFAULTS, approval: '1/1' }, 9)).toMatch(/参加者一致同意$/);
  });

  it('works without the board size, and gives nothing while a fraction is half typed', () => {
    expect(bylawsSentence(DEFAULTS)).toBe('理事三分之二以上参加、参加者三分之二以上同意');
    expect(bylawsSentence({ ...DEFAULTS, quorum: '2/' }, 9)).toBe('');
    expect(bylawsSentence({ ...DEFAULTS, approval: '4/3' }, 9)).toBe('');
  });

  it('counts the approvals needed exactly as the tally does', () => {
    expect(approvalsNeeded({ p: 2, q: 3 }, 'at_least', 6)).toBe(4);
    expect(approvalsNeeded({ p: 2, q: 3 }, 'more_than', 6)).toBe(5);
    expect(approvalsNeeded({ p: 1, q: 2 }, 'more_than', 6)).toBe(4);
    expect(approvalsNeeded({ p: 1, q: 2 }, 'at_least', 6)).toBe(3);
    expect(approvalsNeeded({ p: 1, q: 1 }, 'more_than', 6)).toBeNull();
    expect(bylawsExample({ ...DEFAULTS, approval: '1/1', approvalRule: 'more_than' }, 9)).toMatch(
      /都不能通过/,
    );
  });

  it('lists the windows, caps and separation of duties', () => {
    expect(bylawsLimits(DEFAULTS)).toEqual([
      '远程表决 24 小时内截止',
      '付款后 10 日内公示，公示期 7 日',
      '每案救助不超过 ¥5,000.00，同一人每年不超过 ¥10,000.00',
      '付款人不得是该案的立案人或表决发起人（不相容岗位分离）',
    ]);
    expect(bylawsLimits({ ...DEFAULTS, allowSingleOfficer: true })[3]).toMatch(/允许同一人/);
  });

  it('names the smallest quorum that meets C·q ≥ p·E, for every board up to 15 and every quorum p/q with q ≤ 12', () => {
    for (let q = 1; q <= 12; q++) {
      for (let p = 1; p <= q; p++) {
        for (let board = 1; board <= 15; board++) {
          let needed = 0;
          while (needed * q < p * board) needed++;
          const sentence = bylawsSentence(
            { quorum: `${p}/${q}`, approval: '1/2', approvalRule: 'more_than' },
            board,
          );
          const expected =
            needed === board ? `${board} 名理事全部参加` : `${board} 名理事中至少 ${needed} 人参加`;
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
});
