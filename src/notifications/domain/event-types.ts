/** The events a webhook may receive (API.md "Notifications (webhooks)"). */
export const WEBHOOK_EVENT_TYPES = [
  'vote.opened',
  'vote.decided',
  'case.paid',
  'disclosure.published',
  'disclosure.overdue',
  'objection.received',
  'objection.resolved',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Whether a webhook subscribed to `events` (null: all) gets an event of `type`. */
export function subscribes(events: readonly string[] | null, type: WebhookEventType): boolean {
  return events === null || events.includes(type);
}
