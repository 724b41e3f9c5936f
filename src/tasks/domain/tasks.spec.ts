import {
  caseTitle,
  compareTasks,
  dayDeadline,
  leadTitle,
  objectionTitle,
  orderTasks,
  paymentDeadline,
  Task,
  TASKS_CAP,
} from './tasks';

const at = (iso: string) => new Date(iso);
const task = (over: Partial<Task>): Task => ({
  societyId: 's',
  societyName: '甲',
  kind: 'draft',
  title: 't',
  overdue: false,
  since: at('2026-11-01T00:00:00Z'),
  ...over,
});

describe('tasks (the home screen’s rules)', () => {
  it('a day deadline ends with the local day: its last millisecond is in time', () => {
    const tz = 'Asia/Shanghai';
    const d = dayDeadline('2026-11-30', at('2026-11-30T15:59:59.999Z'), tz);
    expect(d).toEqual({ dueAt: at('2026-11-30T15:59:59.999Z'), daysLeft: 0, overdue: false });
    expect(dayDeadline('2026-11-30', at('2026-11-30T16:00:00Z'), tz)).toMatchObject({
      daysLeft: -1,
      overdue: true,
    });
    expect(dayDeadline('2026-11-30', at('2026-11-20T16:00:00Z'), tz).daysLeft).toBe(9);
    // Another zone: the same local day ends at another instant.
    expect(dayDeadline('2026-11-30', at('2026-11-30T00:00:00Z'), 'Europe/London').dueAt).toEqual(
      at('2026-11-30T23:59:59.999Z'),
    );
  });

  it('an approved case is due by the end of the local day after its approval', () => {
    // Approved at 23:30 on 11-20 in Shanghai (15:30Z): due by the end of 11-21 there.
    expect(paymentDeadline(at('2026-11-20T15:30:00Z'), at('2026-11-20T15:31:00Z'), 'Asia/Shanghai')).toEqual({
      dueAt: at('2026-11-21T15:59:59.999Z'),
      daysLeft: 1,
      overdue: false,
    });
  });

  it('titles in Chinese, with the amount as ¥ figures', () => {
    expect(caseTitle('payment', { caseNo: '2026-0007', pseudonym: '小范' }, 100_000)).toBe(
      '2026-0007 小范（化名） 待付款 ¥1,000.00',
    );
    expect(caseTitle('ballot', { caseNo: '2026-0008', pseudonym: '老黄' }, 123_456)).toBe(
      '2026-0008 老黄（化名） 待投票 ¥1,234.56',
    );
    expect(objectionTitle('2026-01', null)).toBe('公示 2026-01 收到异议 · 针对整份公示');
    expect(leadTitle('范**', [])).toBe('监测预警 范**');
    const long = leadTitle('范**', Array(20).fill('医疗费用自付比例高'));
    expect(Array.from(long)).toHaveLength(40);
    expect(long.endsWith('…')).toBe(true);
  });

  it('orders overdue (most overdue first), then dated (soonest first), then undated by kind and age', () => {
    const tasks = [
      task({ title: 'draft-new', kind: 'draft', since: at('2026-11-05T00:00:00Z') }),
      task({ title: 'draft-old', kind: 'draft', since: at('2026-11-02T00:00:00Z') }),
      task({ title: 'lead', kind: 'lead' }),
      task({ title: 'objection', kind: 'objection' }),
      task({ title: 'soon', kind: 'ballot', dueAt: at('2026-11-10T00:00:00Z') }),
      task({ title: 'later', kind: 'disclosure', dueAt: at('2026-11-20T00:00:00Z') }),
      task({ title: 'late', kind: 'disclosure', dueAt: at('2026-11-08T00:00:00Z'), overdue: true }),
      task({ title: 'latest', kind: 'payment', dueAt: at('2026-11-01T00:00:00Z'), overdue: true }),
    ];
    expect(orderTasks(tasks).items.map((t) => t.title)).toEqual([
      'latest',
      'late',
      'soon',
      'later',
      'objection',
      'lead',
      'draft-old',
      'draft-new',
    ]);
    // Ties by society name: stable whatever order they come in.
    const x = task({ societyName: '乙' });
    const y = task({ societyName: '甲' });
    expect(Math.sign(compareTasks(x, y))).toBe(-Math.sign(compareTasks(y, x)));
  });

  it(`keeps at most ${TASKS_CAP}, the most urgent, and says so`, () => {
    const many = Array.from({ length: TASKS_CAP + 5 }, (_, i) =>
      task({ title: `t${i}`, since: at(`2026-11-01T00:00:${String(i % 60).padStart(2, '0')}Z`) }),
    );
    const overdue = task({
      title: 'overdue',
      kind: 'payment',
      dueAt: at('2026-10-01T00:00:00Z'),
      overdue: true,
    });
    const { items, truncated } = orderTasks([...many, overdue]);
    expect(items).toHaveLength(TASKS_CAP);
    expect(items[0].title).toBe('overdue');
    expect(truncated).toBe(true);
    expect(orderTasks(many.slice(0, 3)).truncated).toBe(false);
  });
});
