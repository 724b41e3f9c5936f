import { registerDecorator, ValidateIf, ValidationOptions } from 'class-validator';
import { isValidCreditCode } from './cn-ids/credit-code';
import { isValidIdCard, latestDateOnEarth } from './cn-ids/id-card';
import { isValidMobile, isValidPhone } from './cn-ids/mobile';
import { isValidRegionCode } from './cn-ids/region-code';
import { parseFraction } from './fraction';
import { isPositiveFen } from './money/fen';

/** A class-validator rule with its message in English (default) and Chinese (context.zh). */
export function rule(name: string, test: (value: unknown) => boolean, en: string, zh: string) {
  return (options?: ValidationOptions): PropertyDecorator =>
    (target: object, propertyName: string | symbol) =>
      registerDecorator({
        name,
        target: target.constructor,
        propertyName: propertyName as string,
        options: { message: en, ...options, context: { zh, ...options?.context } },
        validator: { validate: test },
      });
}

const str = (test: (s: string) => boolean) => (v: unknown) => typeof v === 'string' && test(v);

/** For names and reasons the service trims: all-blank would be empty once trimmed. */
export const IsNotBlank = rule(
  'isNotBlank',
  str((s) => s.trim().length > 0),
  '$property must not be blank',
  '不能为空白',
);

/**
 * May be left out, but not sent as `null`: for fields that always have a value (settings, time
 * zone), where `@IsOptional()` would let `null` through to be stored.
 */
export const IsOptionalNotNull = () => ValidateIf((_object, value) => value !== undefined);

export const IsFen = rule(
  'isFen',
  (v) => isPositiveFen(v),
  '$property must be an integer amount in fen, 1 to 10^12',
  '必须是以分为单位的整数金额，范围 1 至 10^12',
);
export const IsMobile = rule(
  'isMobile',
  str(isValidMobile),
  '$property must be a mainland mobile number',
  '必须是有效的手机号码',
);
export const IsPhone = rule(
  'isPhone',
  str(isValidPhone),
  '$property must be a mobile or landline number',
  '必须是有效的手机或固定电话号码',
);
export const IsRegionCode = rule(
  'isRegionCode',
  str(isValidRegionCode),
  '$property must be a 12-digit village/community region code',
  '必须是 12 位村（社区）级统计用区划代码',
);
export const IsFraction = rule(
  'isFraction',
  str((s) => parseFraction(s) !== null),
  '$property must be a fraction "p/q" with 0 < p/q <= 1',
  '必须是形如 "p/q" 的分数，且 0 < p/q ≤ 1',
);
export const IsCreditCode = rule(
  'isCreditCode',
  str(isValidCreditCode),
  '$property must be a valid unified social credit code (GB 32100)',
  '必须是有效的统一社会信用代码',
);
/**
 * Check character, a real birth date, and none in the future anywhere on Earth. A validator has no
 * Clock nor society, so "today" is the latest date on Earth (UTC+14) by the system time; the service
 * that stores the number checks the birth date against its society's today from the Clock.
 */
export const IsIdNumber = rule(
  'isIdNumber',
  str((s) => isValidIdCard(s, { today: latestDateOnEarth(new Date()) })),
  '$property must be a valid resident ID number (GB 11643)',
  '必须是有效的居民身份证号码',
);
export const IsTimeZone = rule(
  'isTimeZone',
  str(isIanaTimeZone),
  '$property must be an IANA time zone',
  '必须是有效的 IANA 时区',
);

export function isIanaTimeZone(tz: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
