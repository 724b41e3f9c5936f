// Chinese words for the codes of notices and objections (lib/labels.ts holds the shared ones).

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'default';

export const NOTICE_STATUS: Record<string, { label: string; tag: TagType }> = {
  active: { label: '公示中', tag: 'primary' },
  ended: { label: '已结束', tag: 'success' },
  withdrawn: { label: '已撤回', tag: 'default' },
};

export const OBJECTION_STATUS: Record<string, { label: string; tag: TagType }> = {
  open: { label: '待处理', tag: 'danger' },
  dismissed: { label: '不成立', tag: 'default' },
  upheld: { label: '成立', tag: 'warning' },
};

/** "2026年11月29日 10:00" in the society's time zone (else the phone's). */
export function when(iso: string, timeZone?: string): string {
  return new Date(iso).toLocaleString('zh-CN', {
    timeZone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}
