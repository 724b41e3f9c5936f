import createClient, { type Middleware } from 'openapi-fetch';
import { clearSession, loadSession } from '../session';
import { go, here, route } from '../router';
import type { components, paths } from './schema';
import { failureOf } from './failure';

export { ApiFailure, failureOf, messageOf, newKey, NETWORK_MESSAGE } from './failure';

export type Schemas = components['schemas'];

/** Adds the token; a 401 on any call but the login itself ends the session and asks to sign in again. */
const auth: Middleware = {
  onRequest({ request }) {
    const session = loadSession();
    if (session) request.headers.set('Authorization', `Bearer ${session.token}`);
    return request;
  },
  onResponse({ request, response }) {
    // Parallel calls may all answer 401: the first one leads to sign-in, keeping the route. The screen
    // being left keeps its form in memory (lib/drafts.ts), so nothing typed is lost.
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

/**
 * The data of an openapi-fetch answer, or throws its ApiFailure: `const c = await ok(api.GET(…))`.
 * A dropped connection (fetch's TypeError) becomes an ApiFailure with status 'network'.
 */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let answer: { data?: T; error?: unknown; response: Response };
  try {
    answer = await call;
  } catch (e) {
    throw failureOf(e);
  }
  if (answer.response.ok) return answer.data as T;
  throw failureOf(answer.error, answer.response.status);
}

/**
 * An authenticated file (a receipt or statement PDF, an export): fetched with the token and opened
 * (PDF) or saved (anything else) through an object URL. `onProgress` gets the fraction received when
 * the server says the length, else -1, and the bytes received so far (to show when the length is unknown).
 */
export async function download(
  path: string,
  filename: string,
  onProgress?: (fraction: number, bytes: number) => void,
): Promise<void> {
  const session = loadSession();
  let response: Response;
  try {
    response = await fetch(path, { headers: session ? { Authorization: `Bearer ${session.token}` } : {} });
  } catch (e) {
    throw failureOf(e);
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => undefined);
    throw failureOf(body, response.status);
  }
  const total = Number(response.headers.get('content-length') ?? 0);
  const chunks: BlobPart[] = [];
  let received = 0;
  const reader = response.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      onProgress?.(total ? received / total : -1, received);
    }
  }
  const type = response.headers.get('content-type') ?? 'application/octet-stream';
  const url = URL.createObjectURL(new Blob(chunks, { type }));
  const a = document.createElement('a');
  a.href = url;
  if (type.startsWith('application/pdf')) a.target = '_blank';
  else a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
