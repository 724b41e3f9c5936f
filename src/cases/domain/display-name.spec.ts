import { CHILD_DISPLAY_NAME, displayName } from './display-name';

const source = (
  over: Partial<{ applicantName: string; pseudonym: string | null; birthDate: string }> = {},
) => ({ applicantName: '范某某', pseudonym: '小范' as string | null, birthDate: '1988-07-16', ...over });

describe('displayName', () => {
  it('is the pseudonym with （化名）', () => {
    expect(displayName(source(), '2026-12-01')).toBe('小范（化名）');
    expect(displayName(source({ pseudonym: '  小范 ' }), '2026-12-01')).toBe('小范（化名）');
  });

  it('is the masked name without a pseudonym: first character, one * per other character', () => {
    expect(displayName(source({ pseudonym: null }), '2026-12-01')).toBe('范**');
    expect(displayName(source({ pseudonym: '   ' }), '2026-12-01')).toBe('范**');
    expect(displayName(source({ pseudonym: null, applicantName: '张三' }), '2026-12-01')).toBe('张*');
    expect(displayName(source({ pseudonym: null, applicantName: '𠀋一二' }), '2026-12-01')).toBe('𠀋**');
    expect(displayName(source({ pseudonym: null, applicantName: '阿依古丽·买买提' }), '2026-12-01')).toBe(
      '阿*******',
    );
    // One character would be the whole name: it is hidden too.
    expect(displayName(source({ pseudonym: null, applicantName: '范' }), '2026-12-01')).toBe('*');
  });

  it.each([
    ['2012-12-02', '2026-12-01', true], // 13 until tomorrow
    ['2012-12-01', '2026-12-01', false], // 14 today
    ['2012-11-30', '2026-12-01', false],
    ['2026-01-01', '2026-12-01', true], // a baby
    ['2012-02-29', '2026-02-28', true], // born on 29 February: 14 on 1 March
    ['2012-02-29', '2026-03-01', false],
  ])('born %s, on %s: a child under 14 → 某未成年人 (%p), pseudonym or not', (birth, on, child) => {
    for (const pseudonym of ['小范', null]) {
      const name = displayName(source({ birthDate: birth, pseudonym }), on);
      expect(name === CHILD_DISPLAY_NAME).toBe(child);
    }
  });
});
