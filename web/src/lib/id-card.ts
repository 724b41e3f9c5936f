// The ID number check as it is typed: the server's own GB 11643 rule (src/common/cn-ids/id-card.ts).
import { latestDateOnEarth, parseIdCard } from '../../../src/common/cn-ids/id-card';

const REASONS: Record<string, string> = {
  format: '应为 18 位：17 位数字加 1 位数字或 X',
  'legacy-15-digit': '15 位旧号码已停用，请填写 18 位号码',
  'birth-date': '出生日期不存在',
  'future-birth-date': '出生日期晚于今天',
  checksum: '校验码不符，请逐位核对',
};

/**
 * '' when the number is valid or nothing is typed yet; while fewer than 18 digits are typed, how many
 * are left; else what is wrong, in Chinese.
 */
export function idCardProblem(value: string): string {
  const s = value.trim().toUpperCase();
  if (!s) return '';
  if (/^\d{1,17}$/.test(s)) return `还差 ${18 - s.length} 位`;
  const result = parseIdCard(s, { today: latestDateOnEarth(new Date()) });
  return result.valid ? '' : (REASONS[result.reason] ?? '身份证号码无效');
}
