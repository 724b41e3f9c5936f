import { shallowRef } from 'vue';

// A small history router for three screens (no vue-router in the dependencies): paths under /app/.

export const BASE = '/app';

export type Route =
  | { name: 'signin'; next: string | null }
  | { name: 'societies' }
  | { name: 'home'; sid: string }
  | { name: 'notFound' };

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

export function parse(path: string, search: string): Route {
  const rest = path.startsWith(BASE) ? path.slice(BASE.length) : path;
  if (rest === '/signin') return { name: 'signin', next: new URLSearchParams(search).get('next') };
  if (rest === '' || rest === '/' || rest === '/societies') return { name: 'societies' };
  const home = new RegExp(`^/s/(${UUID})/?$`, 'i').exec(rest);
  if (home) return { name: 'home', sid: home[1] };
  return { name: 'notFound' };
}

export const route = shallowRef<Route>(parse(location.pathname, location.search));

/** Goes to an address under /app (e.g. `/s/<id>`), adding it to the history unless `replace`. */
export function go(to: string, replace = false): void {
  const url = `${BASE}${to}`;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  const [path, search = ''] = url.split('?');
  route.value = parse(path, search ? `?${search}` : '');
}

/** The current address under /app, to come back to after signing in. */
export function here(): string {
  return location.pathname.slice(BASE.length) + location.search;
}

window.addEventListener('popstate', () => {
  route.value = parse(location.pathname, location.search);
});
