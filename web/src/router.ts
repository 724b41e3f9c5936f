import { shallowRef } from 'vue';
import { ROUTES, type RouteName } from './routes';

// A small history router (no vue-router in the dependencies): the table of screens is routes.ts,
// each a path pattern under /app with `:name` parameters, every parameter passed to the screen as a
// string prop, and the query string as `query`.

export const BASE = '/app';

export interface Route {
  name: RouteName | 'notFound';
  params: Record<string, string>;
  query: URLSearchParams;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** `:sid`, `:caseId`, `:id`… match a UUID; `:code` or other names match one path segment. */
function compile(pattern: string): { regex: RegExp; keys: string[] } {
  const keys: string[] = [];
  const source = pattern.replace(/:(\w+)/g, (_, key: string) => {
    keys.push(key);
    return key === 'code' || key === 'year' ? '([^/]+)' : `(${UUID})`;
  });
  return { regex: new RegExp(`^${source}/?$`, 'i'), keys };
}

const TABLE = ROUTES.map((r) => ({ ...r, ...compile(r.path) }));

export function parse(path: string, search: string): Route {
  const rest = path.startsWith(BASE) ? path.slice(BASE.length) : path;
  const query = new URLSearchParams(search);
  const at = rest === '' || rest === '/' ? '/societies' : rest;
  for (const r of TABLE) {
    const m = r.regex.exec(at);
    if (!m) continue;
    const params = Object.fromEntries(r.keys.map((k, i) => [k, decodeURIComponent(m[i + 1])]));
    return { name: r.name, params, query };
  }
  return { name: 'notFound', params: {}, query };
}

export const route = shallowRef<Route>(parse(location.pathname, location.search));

/** Goes to an address under /app (e.g. `/s/<id>/cases`), adding it to the history unless `replace`. */
export function go(to: string, replace = false): void {
  const url = `${BASE}${to}`;
  // An entry pushed here is marked, so that `back` knows the previous entry is a console screen.
  if (replace) history.replaceState(history.state, '', url);
  else history.pushState({ inApp: true }, '', url);
  const [path, search = ''] = url.split('?');
  route.value = parse(path, search ? `?${search}` : '');
  window.scrollTo(0, 0);
}

/** Back to the previous screen when there is one in this tab's history, else to `fallback`. */
export function back(fallback: string): void {
  if ((history.state as { inApp?: boolean } | null)?.inApp) history.back();
  else go(fallback, true);
}

/** The current address under /app, to come back to after signing in. */
export function here(): string {
  return location.pathname.slice(BASE.length) + location.search;
}

window.addEventListener('popstate', () => {
  route.value = parse(location.pathname, location.search);
});
