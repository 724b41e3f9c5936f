import type { FastifyReply, FastifyRequest } from 'fastify';

/** Sends a rendered PDF inline, named for saving; personal data, so no cache keeps it. */
export function sendPdf(reply: FastifyReply, doc: { pdf: Buffer; filename: string }): Buffer {
  void reply
    .header('Content-Type', 'application/pdf')
    .header('Content-Disposition', `inline; filename="${doc.filename}"`)
    .header('Cache-Control', 'private, no-store');
  return doc.pdf;
}

/** A public document that never changes for its ETag: rendered only when the client lacks it. */
export interface CachedPdf {
  /** A strong entity tag, quoted: `"…"`. */
  etag: string;
  filename: string;
  render(): Promise<Buffer>;
}

/**
 * Sends a public PDF with its ETag, or 304 Not Modified (no body, nothing rendered) when the request's
 * `If-None-Match` names it. Caches may keep it a minute, then revalidate: a withdrawn notice is gone
 * from every honest cache within that minute.
 */
export async function sendCachedPdf(
  request: FastifyRequest,
  reply: FastifyReply,
  doc: CachedPdf,
): Promise<Buffer | undefined> {
  void reply.header('ETag', doc.etag).header('Cache-Control', 'public, max-age=60');
  if (etagMatches(request.headers['if-none-match'], doc.etag)) {
    void reply.code(304);
    return undefined;
  }
  const pdf = await doc.render();
  void reply
    .header('Content-Type', 'application/pdf')
    .header('Content-Disposition', `inline; filename="${doc.filename}"`);
  return pdf;
}

/** RFC 9110 §13.1.2: `*`, or a list of tags compared weakly (a `W/` prefix is ignored). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const weak = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || weak(tag) === weak(etag));
}
