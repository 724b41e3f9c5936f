// Words and small formats of the fund screens (entry kinds, donation status, byte counts, dates).

export const ENTRY_KIND_LABELS: Record<string, string> = {
  donation: '捐赠',
  donation_void: '捐赠作废',
  aid_payment: '救助付款',
  recovery: '追回',
  transfer: '内部划转',
};

export const DONATION_STATUS_LABELS: Record<string, string> = { recorded: '已入账', voided: '已作废' };

/** "12.3 KB" for a count of bytes received. */
export function bytesText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Today on this phone as YYYY-MM-DD (the society's day for a phone in its time zone). */
export function todayText(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** 2026-11-29T… → 2026年11月29日 (as documents write it). */
export function dateText(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
}

/** Date and time, short: 11月29日 10:30. */
export function dateTimeText(iso: string): string {
  return new Date(iso).toLocaleString('zh-CN', {
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(s: string): boolean {
  return UUID.test(s.trim());
}
