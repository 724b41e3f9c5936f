import { reactive } from 'vue';
import { loadSession } from '../session';

// What a user has typed into a form, kept in this tab's memory (never in storage: it holds personal
// data) while they move between screens, and across a session that expires mid-form: the 401 leads
// to sign-in inside the page, and the same user coming back finds the form as they left it.

const drafts = new Map<string, { owner: string; value: object }>();

function owner(): string {
  return loadSession()?.userId ?? '';
}

/**
 * The form state for `key` (e.g. `case-new:<sid>`): the kept draft of the signed-in user, else a fresh
 * copy of `initial`. Changes are kept as they happen; call `discardDraft(key)` once the form is sent.
 */
export function useDraft<T extends object>(key: string, initial: () => T): T {
  const kept = drafts.get(key);
  const state = reactive(kept && kept.owner === owner() ? (kept.value as T) : initial()) as T;
  drafts.set(key, { owner: owner(), value: state });
  return state;
}

export function discardDraft(key: string): void {
  drafts.delete(key);
}

/** On sign-out: nothing of the user's forms stays. */
export function discardAllDrafts(): void {
  drafts.clear();
}

/** On sign-in: the same user finds their forms; another user finds nothing of them. */
export function keepDraftsOf(userId: string): void {
  for (const [key, draft] of drafts) if (draft.owner !== userId) drafts.delete(key);
}
