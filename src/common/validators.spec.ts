import { validateSync } from 'class-validator';
import { idCardCheckChar } from './cn-ids/id-card';
import { IsIdNumber } from './validators';

class WithIdNumber {
  @IsIdNumber()
  idNumber!: unknown;

  constructor(idNumber: unknown) {
    this.idNumber = idNumber;
  }
}

const bornOn = (yyyymmdd: string) => {
  const first17 = `340702${yyyymmdd}123`;
  return first17 + idCardCheckChar(first17);
};
const valid = (idNumber: unknown) => validateSync(new WithIdNumber(idNumber)).length === 0;

describe('@IsIdNumber()', () => {
  afterEach(() => jest.useRealTimers());

  it('checks the check character and the birth date', () => {
    expect(valid(bornOn('19900101'))).toBe(true);
    expect(valid('110105194912310021')).toBe(false); // wrong check character
    expect(valid(bornOn('19900230'))).toBe(false);
    expect(valid(123)).toBe(false);
  });

  it('refuses only birth dates in the future everywhere: after the date in UTC+14', () => {
    // 10:00 UTC on 29 November: already 30 November in UTC+14, still the 29th in Shanghai.
    jest.useFakeTimers({ now: new Date('2026-11-29T10:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
    expect(valid(bornOn('20261130'))).toBe(true);
    expect(valid(bornOn('20261201'))).toBe(false);
    // One millisecond earlier, the 30th has begun nowhere.
    jest.setSystemTime(new Date('2026-11-29T09:59:59.999Z'));
    expect(valid(bornOn('20261130'))).toBe(false);
    expect(valid(bornOn('20261129'))).toBe(true);
  });
});
