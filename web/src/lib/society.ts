import { computed, reactive, type ComputedRef } from 'vue';
import { api, ok, type Schemas } from '../api/client';

// The society a screen works in and the caller's roles there, loaded once per society per session
// and shared by every screen (the tab bar, the home screen, forms that depend on the bylaws).

type Society = Schemas['SocietyResponseDto'];
type Me = Schemas['MeResponseDto'];
export type Role = 'secretary' | 'board' | 'treasurer' | 'supervisor' | 'collector';

interface Loaded {
  society: Society;
  me: Me;
  roles: Role[];
}

const cache = new Map<string, Promise<Loaded>>();

export function loadSocietyContext(sid: string): Promise<Loaded> {
  let loading = cache.get(sid);
  if (!loading) {
    loading = Promise.all([
      ok(api.GET('/api/v1/societies/{sid}', { params: { path: { sid } } })),
      ok(api.GET('/api/v1/auth/me')),
    ]).then(([society, me]) => ({
      society,
      me,
      roles: (me.memberships.find((m) => m.societyId === sid)?.roles ?? []) as Role[],
    }));
    // A failure is not kept: the next screen asks again.
    loading.catch(() => cache.delete(sid));
    cache.set(sid, loading);
  }
  return loading;
}

/** After a change of the society's settings or members, or on sign-out. */
export function forgetSocietyContext(sid?: string): void {
  if (sid) cache.delete(sid);
  else cache.clear();
}

export interface SocietyContext {
  loaded: boolean;
  society: Society | null;
  me: Me | null;
  roles: Role[];
  error: string;
}

/** Reactive context for a screen: `ctx.society?.name`, `has('treasurer')`. */
export function useSociety(sid: string): {
  ctx: SocietyContext;
  has: (...roles: Role[]) => ComputedRef<boolean>;
} {
  const ctx = reactive<SocietyContext>({ loaded: false, society: null, me: null, roles: [], error: '' });
  loadSocietyContext(sid).then(
    (l) => Object.assign(ctx, { ...l, loaded: true }),
    (e: Error) => Object.assign(ctx, { loaded: true, error: e.message }),
  );
  const has = (...roles: Role[]) => computed(() => roles.some((r) => ctx.roles.includes(r)));
  return { ctx, has };
}
