/** Every error code of the contract (API.md "Error codes"), its HTTP status and its messages. */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, zh: '请求参数有误', en: 'The request is invalid' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Authentication is required' },
  FORBIDDEN: { status: 403, zh: '没有执行此操作的权限', en: 'You are not allowed to do this' },
  NOT_ELIGIBLE: {
    status: 403,
    zh: '您不在本次表决的有表决权成员之列',
    en: 'You are not eligible in this vote',
  },
  NOT_FOUND: { status: 404, zh: '找不到该对象', en: 'Not found' },
  INVALID_STATE: { status: 409, zh: '当前状态下不能执行此操作', en: 'Not allowed in the current state' },
  ALREADY_VOTED: { status: 409, zh: '您已经表决过', en: 'You have already voted' },
  VOTE_CLOSED: { status: 409, zh: '表决已结束', en: 'The vote is closed' },
  INSUFFICIENT_FUNDS: { status: 409, zh: '可用资金不足', en: 'Insufficient funds' },
  DISCLOSURE_NOT_ACTIVE: { status: 409, zh: '公示不在公示期内', en: 'The disclosure is not active' },
  CONFLICT: { status: 409, zh: '与已有记录冲突', en: 'Conflicts with an existing record' },
  AMOUNT_EXCEEDS_APPROVED: {
    status: 422,
    zh: '金额超过批准金额',
    en: 'The amount exceeds the approved amount',
  },
  AMOUNT_OVER_CASE_CAP: {
    status: 422,
    zh: '金额超过单笔救助上限',
    en: 'The amount is over the per-case cap',
  },
  ANNUAL_CAP_EXCEEDED: {
    status: 422,
    zh: '超过每人每年救助上限',
    en: 'The annual cap per person is exceeded',
  },
  SEPARATION_OF_DUTIES: {
    status: 422,
    zh: '出纳不得由登记或发起表决的同一人担任',
    en: 'Separation of duties: the payer may not be who filed the case or opened its vote',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    zh: '幂等键已用于另一请求',
    en: 'The Idempotency-Key was already used with a different request',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    zh: '请求体过大（上限 1 MiB）',
    en: 'The request body is too large (limit 1 MiB)',
  },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  // Not in the contract's list but needed by any HTTP API.
  METHOD_NOT_ALLOWED: { status: 405, zh: '不支持该请求方法', en: 'Method not allowed' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '请求内容类型不受支持', en: 'Unsupported media type' },
  SERVICE_UNAVAILABLE: { status: 503, zh: '服务暂不可用', en: 'Service unavailable' },
  // Answered by Node before any request exists (src/common/http/client-errors.ts).
  REQUEST_HEADERS_TOO_LARGE: {
    status: 431,
    zh: '网址或请求头过长（上限 16 KiB）',
    en: 'The URL or the request headers are too large (limit 16 KiB)',
  },
  REQUEST_TIMEOUT: { status: 408, zh: '请求超时', en: 'The request timed out' },
  INTERNAL_ERROR: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
export type Lang = 'zh' | 'en';
