// The signed-in user's token, kept in sessionStorage (this tab only) until it expires.

const KEY = 'huzhu.session';

export interface Session {
  token: string;
  userId: string;
  /** Epoch milliseconds after which the server refuses the token. */
  expiresAt: number;
  displayName: string;
  platformRole: string | null;
}

export function loadSession(): Session | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return undefined;
    const session = JSON.parse(raw) as Session;
    if (typeof session.token !== 'string' || !(session.expiresAt > Date.now())) {
      sessionStorage.removeItem(KEY);
      return undefined;
    }
    return session;
  } catch {
    return undefined;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}

const SOCIETY_KEY = 'huzhu.society';

export function savedSociety(): string | null {
  return sessionStorage.getItem(SOCIETY_KEY);
}

export function saveSociety(id: string): void {
  sessionStorage.setItem(SOCIETY_KEY, id);
}
