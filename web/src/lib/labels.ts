// The Chinese words for the API's codes, in one place for every screen.

export const ROLE_LABELS: Record<string, string> = {
  secretary: '秘书长',
  board: '理事',
  treasurer: '出纳',
  supervisor: '监事',
  collector: '信息员',
};

export const CASE_STATUS_LABELS: Record<string, string> = {
  draft: '草稿',
  voting: '表决中',
  approved: '已批准待付款',
  rejected: '未通过',
  paid: '已付款待公示',
  publicized: '公示中',
  disputed: '异议成立',
  recovered: '已追回',
  closed: '已结案',
  withdrawn: '已撤回',
};

export const CATEGORY_LABELS: Record<string, string> = {
  serious_illness: '因病',
  accident: '意外事故',
  disaster: '自然灾害',
  fire: '火灾',
  sudden_hardship: '突发困难',
  other: '其他',
};

export const SOURCE_LABELS: Record<string, string> = {
  self_application: '本人申请',
  collector_report: '信息员报告',
  platform_warning: '平台预警',
  department_referral: '部门转介',
  home_visit: '入户走访',
  hotline: '热线',
};

export const CHANNEL_LABELS: Record<string, string> = {
  cash: '现金',
  bank_transfer: '银行转账',
  wechat: '微信',
  alipay: '支付宝',
  other: '其他',
};

export const ACCOUNT_LABELS: Record<string, string> = {
  bank: '银行存款',
  cash: '库存现金',
  donations: '捐赠收入',
  recoveries: '追回款',
  aid: '救助支出',
};

export const DONOR_KIND_LABELS: Record<string, string> = {
  individual: '个人',
  enterprise: '企业',
  retired_cadre: '离退休干部',
  migrant_entrepreneur: '在外创业人士',
  collective: '集体',
  government: '政府',
  other: '其他',
};

/** The label of a code, or the code itself when there is none. */
export function label(table: Record<string, string>, code: string | null | undefined): string {
  return code ? (table[code] ?? code) : '';
}
