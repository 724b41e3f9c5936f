import { ValidationError } from 'class-validator';
import { AppError } from './app-error';
import { Lang } from './error-codes';

/** Chinese texts for class-validator's built-in constraints; `$1` is the first number of the English text. */
const ZH: Record<string, string> = {
  whitelistValidation: '不允许的字段',
  isDefined: '必填',
  isNotEmpty: '不能为空',
  isString: '必须是字符串',
  isInt: '必须是整数',
  isNumber: '必须是数字',
  isBoolean: '必须是布尔值',
  isArray: '必须是数组',
  isObject: '必须是对象',
  isUUID: '必须是 UUID',
  isEnum: '取值不在允许范围内',
  isIn: '取值不在允许范围内',
  isISO8601: '必须是 ISO 8601 格式的日期或时间',
  isDateString: '必须是 ISO 8601 格式的日期或时间',
  isTimeZone: '必须是有效的 IANA 时区',
  matches: '格式不正确',
  min: '不能小于 $1',
  max: '不能大于 $1',
  minLength: '长度不能少于 $1 个字符',
  maxLength: '长度不能超过 $1 个字符',
  length: '长度不符合要求',
  arrayMinSize: '至少需要 $1 项',
  arrayMaxSize: '最多 $1 项',
  arrayUnique: '不能有重复项',
  nestedValidation: '必须是对象',
  isUrl: '必须是有效的网址',
};

function zhMessage(constraint: string, en: string, contexts?: Record<string, unknown>): string {
  const fromContext = (contexts?.[constraint] as { zh?: string } | undefined)?.zh;
  if (fromContext) return fromContext;
  const template = ZH[constraint];
  if (!template) return en;
  const number = /-?\d+(\.\d+)?/.exec(en)?.[0] ?? '';
  return template.replace('$1', number);
}

function collect(
  errors: ValidationError[],
  prefix: string,
  out: Record<Lang, Record<string, string[]>>,
): void {
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    for (const [constraint, en] of Object.entries(error.constraints ?? {})) {
      (out.en[field] ??= []).push(en);
      (out.zh[field] ??= []).push(zhMessage(constraint, en, error.contexts));
    }
    if (error.children?.length) collect(error.children, field, out);
  }
}

/** Turns class-validator errors into VALIDATION_FAILED with `{ field: [messages] }` in both languages. */
export function validationError(errors: ValidationError[]): AppError {
  const out: Record<Lang, Record<string, string[]>> = { zh: {}, en: {} };
  collect(errors, '', out);
  return new AppError('VALIDATION_FAILED', out.en, undefined, out);
}

/** A validation failure on one field, when a rule is checked outside a DTO. */
export function fieldError(field: string, zh: string, en: string): AppError {
  return new AppError('VALIDATION_FAILED', { [field]: [en] }, undefined, {
    zh: { [field]: [zh] },
    en: { [field]: [en] },
  });
}
