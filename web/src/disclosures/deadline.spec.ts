import { describe, expect, it } from '@jest/globals';
import { caseIdsOf, deadlineText } from './deadline';

describe('deadlineText', () => {
  it('counts the days left, names the last day, and says how late in red words when overdue', () => {
    expect(deadlineText(3, '2026-12-02')).toEqual({ text: '还剩 3 天（2026-12-02 前公示）', overdue: false });
    expect(deadlineText(0, '2026-11-29')).toEqual({ text: '今天（2026-11-29）是公示截止日', overdue: false });
    expect(deadlineText(-9, '2026-11-20')).toEqual({
      text: '已逾期 9 天（应于 2026-11-20 前公示）',
      overdue: true,
    });
  });
});

describe('caseIdsOf', () => {
  const a = '5b0c2f1e-7a3d-4c2b-9e8f-0a1b2c3d4e5f';
  const b = '6c1d3f2e-8b4e-4d3c-af90-1b2c3d4e5f60';
  it('keeps the UUIDs in order, once each, and drops anything else', () => {
    expect(caseIdsOf(`${a},${b.toUpperCase()}, ,x,${a}`)).toEqual([a, b]);
    expect(caseIdsOf(null)).toEqual([]);
    expect(caseIdsOf('')).toEqual([]);
  });
});
