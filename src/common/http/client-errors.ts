import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { AppError } from '../errors/app-error';

/**
 * Node's `clientError` (through Fastify's `clientErrorHandler`): the request could not even be
 * parsed (request line and headers over 16 KiB, malformed HTTP, a client too slow), so there is no
 * request, no hook and no filter — only the socket. The answer still has our error body, a request
 * id and the security headers that matter for a JSON body. Messages are Chinese: no headers were read.
 */
export function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const error = new AppError(
    err.code === 'HPE_HEADER_OVERFLOW'
      ? 'REQUEST_HEADERS_TOO_LARGE'
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 'REQUEST_TIMEOUT'
        : 'VALIDATION_FAILED',
  );
  const requestId = randomUUID();
  const body = JSON.stringify({
    statusCode: error.status,
    code: error.code,
    message: error.messageIn('zh'),
    requestId,
  });
  if (socket.writable) {
    socket.write(
      [
        `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status]}`,
        'Content-Type: application/json; charset=utf-8',
        `Content-Length: ${Buffer.byteLength(body)}`,
        `X-Request-Id: ${requestId}`,
        "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'",
        'X-Content-Type-Options: nosniff',
        'X-Frame-Options: SAMEORIGIN',
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  }
  socket.destroy(err);
}
