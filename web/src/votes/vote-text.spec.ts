import { describe, expect, it } from '@jest/globals';
import {
  choiceLabel,
  closingInstant,
  defaultClosingInput,
  outcomeText,
  quorumText,
  toLocalInput,
  voteScreenPath,
} from './vote-text';

const tally = (over: Partial<Parameters<typeof outcomeText>[0]> = {}) => ({
  eligible: 9,
  cast: 5,
  quorumRequired: 6,
  quorumMet: false,
  outcome: 'pending',
  ...over,
});

describe('the vote screens’ words', () => {
  it('names the hands by the API’s codes', () => {
    expect(['approve', 'reject', 'abstain'].map(choiceLabel)).toEqual(['同意', '反对', '弃权']);
  });

  it.each([
    [tally({ outcome: 'approved', cast: 6, quorumMet: true }), 'closed', '已决定：通过'],
    [tally({ outcome: 'rejected', cast: 6, quorumMet: true }), 'closed', '已决定：否决'],
    [tally({ outcome: 'no_quorum' }), 'closed', '未达法定人数，未作决定（案件退回草稿）'],
    [tally(), 'open', '表决进行中，尚未决定'],
    [tally(), 'cancelled', '表决已取消（案件已撤回）'],
  ])('%j while %s: %s', (t, status, text) => expect(outcomeText(t, status)).toBe(text));

  it('says how far the quorum is', () => {
    expect(quorumText(tally())).toBe('未达法定人数：已参加 5 人，至少需 6 人，还差 1 人');
    expect(quorumText(tally({ cast: 6, quorumMet: true }))).toBe('已达法定人数（已参加 6 人，至少需 6 人）');
  });
});

describe('the closing time', () => {
  const now = new Date(2026, 10, 29, 19, 5, 30);

  it('defaults to now plus the bylaws’ window, in the phone’s time', () => {
    expect(toLocalInput(now)).toBe('2026-11-29T19:05');
    expect(defaultClosingInput(now, 24)).toBe('2026-11-30T19:05');
    expect(defaultClosingInput(now, 6)).toBe('2026-11-30T01:05');
  });

  it('is sent as an instant, and refused when missing or past', () => {
    expect(closingInstant('2026-11-30T19:05', now)).toEqual({
      iso: new Date(2026, 10, 30, 19, 5).toISOString(),
    });
    expect(closingInstant('', now)).toEqual({ error: '请选择截止时间' });
    expect(closingInstant('2026-11-29T19:05', now)).toEqual({ error: '截止时间须晚于现在' });
    expect(closingInstant('2026-02-30T25:00', now)).toEqual({ error: '请选择截止时间' });
  });
});

it('the vote screen’s address carries its case', () => {
  expect(voteScreenPath('s1', 'v1', 'c1')).toBe('/s/s1/votes/v1?case=c1');
});
