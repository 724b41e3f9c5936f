import createClient, { type Middleware } from 'openapi-fetch';
import { clearSession, loadSession } from '../session';
import { go, here, route } from '../router';
import type { components, paths } from './schema';

export type ErrorBody = components['schemas']['ErrorResponseDto'];

/** Adds the token; a 401 on any call but the login itself ends the session and asks to sign in again. */
const auth: Middleware = {
  onRequest({ request }) {
    const session = loadSession();
    if (session) request.headers.set('Authorization', `Bearer ${session.token}`);
    return request;
  },
  onResponse({ request, response }) {
    // Parallel calls may all answer 401: the first one leads to sign-in, keeping the route.
    if (response.status === 401 && !request.url.endsWith('/auth/login') && route.value.name !== 'signin') {
      clearSession();
      go(`/signin?next=${encodeURIComponent(here())}`, true);
    }
    return response;
  },
};

/** The typed API client: paths, bodies and answers from the served OpenAPI document (schema.ts). */
export const api = createClient<paths>({ baseUrl: location.origin });
api.use(auth);

/** The server's Chinese message of an error answer, or a generic one for a dropped connection. */
export function messageOf(error: unknown): string {
  const body = error as Partial<ErrorBody> | undefined;
  if (body && typeof body === 'object' && typeof body.message === 'string') return body.message;
  return '网络连接失败，请检查网络后重试';
}

/** Fen as yuan with two decimals: 123456 → "1,234.56". */
export function yuan(fen: number): string {
  return (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
