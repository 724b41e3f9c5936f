/**
 * What every request value must be before any of our code sees it, whatever the route: no NUL
 * (PostgreSQL text cannot hold it), no lone UTF-16 surrogate (not Unicode; jsonb refuses it), no
 * non-finite number (`1e400` parses to Infinity) and no nesting deeper than MAX_DEPTH (recursive
 * code downstream — class-transformer, canonical JSON — would overflow the stack).
 */
export const MAX_DEPTH = 16;

export interface InputProblem {
  /** The dotted path of the value (`settings.quorum`, `roles.0`, `q`), or `body` for the whole. */
  field: string;
  zh: string;
  en: string;
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string may not be stored, or null. Also used for decoded cursors. */
export function stringProblem(s: string): { zh: string; en: string } | null {
  if (s.includes('\u0000')) return { zh: '不能包含 NUL 控制字符', en: 'must not contain the NUL character' };
  if (LONE_SURROGATE.test(s)) {
    return { zh: '包含无效的 Unicode 字符（孤立代理项）', en: 'contains invalid Unicode (a lone surrogate)' };
  }
  return null;
}

/** The first problem in a parsed body, query or params object, or null. `root` names the whole. */
export function findInputProblem(value: unknown, root = 'body'): InputProblem | null {
  return walk(value, '', root, 0);
}

function walk(value: unknown, path: string, root: string, depth: number): InputProblem | null {
  const field = path || root;
  if (typeof value === 'string') {
    const p = stringProblem(value);
    return p ? { field, ...p } : null;
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? null : { field, zh: '数值超出范围', en: 'the number is out of range' };
  }
  if (value === null || typeof value !== 'object') return null;
  if (depth >= MAX_DEPTH) {
    return {
      field: root,
      zh: `嵌套层级过深（最多 ${MAX_DEPTH} 层）`,
      en: `nested too deeply (at most ${MAX_DEPTH} levels)`,
    };
  }
  for (const [key, child] of Object.entries(value)) {
    const keyProblem = stringProblem(key);
    if (keyProblem) return { field, zh: `字段名${keyProblem.zh}`, en: `a property name ${keyProblem.en}` };
    const found = walk(child, path ? `${path}.${key}` : key, root, depth + 1);
    if (found) return found;
  }
  return null;
}
