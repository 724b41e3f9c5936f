import { describe, expect, it } from '@jest/globals';
import { deadlineText, linkOf, sectionsFor, type Task } from './tasks';

const SID = '11111111-1111-4111-8111-111111111111';
const CID = '22222222-2222-4222-8222-222222222222';
const task = (over: Partial<Task>): Task => ({
  societyId: SID,
  societyName: '甲村救急难互助社',
  kind: 'draft',
  title: '2026-0001 小范（化名） 草稿 ¥1,000.00',
  overdue: false,
  ...over,
});

describe('the home screen’s tasks', () => {
  it('shows the sections of the roles held, each with its tasks in the server’s order', () => {
    const tasks = [
      task({ kind: 'disclosure', caseId: 'a' }),
      task({ kind: 'draft', caseId: 'b' }),
      task({ kind: 'disclosure', caseId: 'c' }),
    ];
    const secretary = sectionsFor(['secretary'], tasks);
    expect(secretary.map((s) => [s.section.title, s.tasks.map((t) => t.caseId)])).toEqual([
      ['待公示', ['a', 'c']],
      ['我的草稿', ['b']],
    ]);
    expect(sectionsFor(['treasurer', 'board'], []).map((s) => [s.section.title, s.section.empty])).toEqual([
      ['待我投票', '没有等待您投票的表决'],
      ['待付款', '没有等待付款的案件'],
    ]);
    expect(sectionsFor(['collector'], []).map((s) => s.section.kind)).toEqual(['lead', 'draft']);
    expect(sectionsFor([], tasks)).toEqual([]);
  });

  it('leads each task one tap to its action', () => {
    const s = `/s/${SID}`;
    expect(linkOf(task({ kind: 'ballot', caseId: CID, voteId: 'v' }))).toBe(`${s}/votes/v?case=${CID}`);
    expect(linkOf(task({ kind: 'payment', caseId: CID }))).toBe(`${s}/cases/${CID}/pay`);
    expect(linkOf(task({ kind: 'disclosure', caseId: CID }))).toBe(`${s}/disclosures/new?cases=${CID}`);
    expect(linkOf(task({ kind: 'objection', objectionId: 'o' }))).toBe(`${s}/objections/o`);
    expect(linkOf(task({ kind: 'draft', caseId: CID }))).toBe(`${s}/cases/${CID}`);
    expect(linkOf(task({ kind: 'lead', leadId: 'l' }))).toBe(`${s}/leads/l`);
  });

  it('says how much time is left, and how late in red words when overdue', () => {
    expect(deadlineText(task({ kind: 'disclosure', daysLeft: 4 }))).toBe('还剩 4 天');
    expect(deadlineText(task({ kind: 'disclosure', daysLeft: 0 }))).toBe('今天截止');
    expect(deadlineText(task({ kind: 'disclosure', daysLeft: -3, overdue: true }))).toBe('已逾期 3 天');
    expect(deadlineText(task({ kind: 'ballot', dueAt: '2026-12-02T04:00:00.000Z' }))).toMatch(
      /^12月2日 \d\d:00 截止$/,
    );
    expect(deadlineText(task({ kind: 'draft' }))).toBe('');
  });
});
