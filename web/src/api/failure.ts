import type { components } from './schema';

// Failures of API calls as the screens show them; no browser globals, so unit tests load it in Node.

export type ErrorBody = components['schemas']['ErrorResponseDto'];

/** What went wrong with a call: the server's error answer, or `network` when no answer came. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number | 'network',
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** The server's messages for one field of a VALIDATION_FAILED answer (`details`), joined. */
  field(name: string): string {
    if (this.code !== 'VALIDATION_FAILED') return '';
    const messages = this.details[name];
    return Array.isArray(messages) ? messages.join('；') : '';
  }
}

export const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试';

/** A failure from anything thrown or answered: an ApiFailure as is, an error body, or a dropped connection. */
export function failureOf(error: unknown, status?: number): ApiFailure {
  if (error instanceof ApiFailure) return error;
  const body = error as Partial<ErrorBody> | undefined;
  // An Error thrown (fetch's TypeError "Failed to fetch") is no answer, though it has a message too.
  if (body && typeof body === 'object' && !(error instanceof Error) && typeof body.message === 'string') {
    return new ApiFailure(
      body.statusCode ?? status ?? 500,
      String(body.code ?? 'ERROR'),
      body.message,
      body.details ?? {},
    );
  }
  return new ApiFailure('network', 'NETWORK', NETWORK_MESSAGE);
}

/** The server's Chinese message of an error answer, or a generic one for a dropped connection. */
export function messageOf(error: unknown): string {
  return failureOf(error).message;
}

/** A random Idempotency-Key: crypto.getRandomValues works on plain http too (randomUUID does not). */
export function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
