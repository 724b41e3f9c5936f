import {
  DESCRIPTION_MAX_CHARS,
  describeIndicators,
  LEAD_STATUSES,
  leadTransition,
  parseOffsetDateTime,
} from './lead';

describe('leadTransition', () => {
  it('turns a new lead into a converted or dismissed one', () => {
    expect(leadTransition('new', 'convert')).toBe('converted');
    expect(leadTransition('new', 'dismiss')).toBe('dismissed');
  });

  it.each(LEAD_STATUSES.filter((s) => s !== 'new'))('refuses both actions on a %s lead', (status) => {
    expect(leadTransition(status, 'convert')).toBeNull();
    expect(leadTransition(status, 'dismiss')).toBeNull();
  });
});

describe('describeIndicators', () => {
  it('writes each label, with its value when there is one, joined by ；', () => {
    expect(
      describeIndicators([
        { code: 'MED_OOP', label: '医疗自付费用高', value: '52000元' },
        { code: 'DISABILITY', label: '残疾等级变化' },
        { code: 'X', label: ' 空值 ', value: '  ' },
      ]),
    ).toBe('医疗自付费用高：52000元；残疾等级变化；空值');
  });

  it('cuts a long description to 2,000 characters counted in code points', () => {
    const label = '𠀋'.repeat(100);
    const text = describeIndicators(Array.from({ length: 50 }, (_, i) => ({ code: `C${i}`, label })));
    expect(Array.from(text)).toHaveLength(DESCRIPTION_MAX_CHARS);
    expect(text.endsWith('…')).toBe(true);
    expect(text.startsWith('𠀋')).toBe(true);
  });

  it('keeps a description of exactly 2,000 characters whole', () => {
    const text = describeIndicators([{ code: 'A', label: '字'.repeat(DESCRIPTION_MAX_CHARS) }]);
    expect(text).toBe('字'.repeat(DESCRIPTION_MAX_CHARS));
  });
});

describe('parseOffsetDateTime', () => {
  it.each([
    ['2026-11-28T09:30:00+08:00', '2026-11-28T01:30:00.000Z'],
    ['2026-11-28T09:30+08:00', '2026-11-28T01:30:00.000Z'],
    ['2026-11-28T01:30:00.123456Z', '2026-11-28T01:30:00.123Z'],
    ['2024-02-29T00:00:00-05:00', '2024-02-29T05:00:00.000Z'],
    ['2000-02-29T23:59:59+14:00', '2000-02-29T09:59:59.000Z'],
  ])('reads %s', (text, iso) => {
    expect(parseOffsetDateTime(text)?.toISOString()).toBe(iso);
  });

  it.each([
    '2026-11-28T09:30:00', // no offset
    '2026-11-28',
    '2026-02-29T00:00:00Z', // not a leap year
    '1900-02-29T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-00-01T00:00:00Z',
    '2026-01-00T00:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T23:60:00Z',
    '2026-01-01T23:59:60Z',
    '2026-01-01T00:00:00+15:00',
    '2026-01-01T00:00:00+08:60',
    '0000-01-01T00:00:00Z',
    ' 2026-01-01T00:00:00Z',
  ])('refuses %s', (text) => {
    expect(parseOffsetDateTime(text)).toBeNull();
  });
});
