// The cases screens' own Chinese words (the shared ones are in lib/labels.ts).

/** What happened to a case, as its timeline (`action`) names it. */
export const TIMELINE_LABELS: Record<string, string> = {
  created: '登记案件',
  edit: '修改案件信息',
  attach: '上传证明材料',
  detach: '删除证明材料',
  attachment_downloaded: '查阅证明材料',
  revealed: '查看完整个人信息',
  open_vote: '提交理事会表决',
  approve: '表决通过',
  reject: '表决未通过',
  no_quorum: '表决人数不足，退回草稿',
  withdraw: '撤回案件',
  pay: '付款',
  publicize: '发布公示',
  withdraw_disclosure: '撤下公示',
  end_disclosure: '公示期满',
  dispute: '异议成立',
  recover: '追回款项',
  clear: '监事核查后结案',
};

/** The duplicate-aid warnings, in words the board understands at once. */
export const WARNING_LABELS: Record<string, string> = {
  AIDED_THIS_YEAR: '此人今年已在本互助社获得过救助，请理事会审慎核实',
  AIDED_ELSEWHERE_THIS_YEAR: '此人今年已在其他互助社获得过救助，请核实是否重复申请',
};

export const DOCUMENT_KIND_LABELS: Record<string, string> = {
  diagnosis: '诊断证明',
  bill: '住院发票',
  household_proof: '户籍或困难证明',
  visit_photo: '走访照片',
  other: '其他材料',
};

/** Status → Vant tag type: red for what needs attention, green for what is done. */
export const STATUS_TAG: Record<string, 'primary' | 'success' | 'danger' | 'warning' | 'default'> = {
  draft: 'default',
  voting: 'primary',
  approved: 'warning',
  rejected: 'default',
  paid: 'warning',
  publicized: 'success',
  disputed: 'danger',
  recovered: 'default',
  closed: 'success',
  withdrawn: 'default',
};

/** A time as "11月29日 14:05" (the phone's zone). */
export function when(iso: string): string {
  return new Date(iso).toLocaleString('zh-CN', {
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** A date as "11月29日" (the case number says the year). */
export function day(iso: string): string {
  return new Date(iso).toLocaleDateString('zh-CN', { month: 'long', day: 'numeric' });
}
