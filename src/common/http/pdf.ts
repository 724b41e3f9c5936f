import type { FastifyReply } from 'fastify';

/** Sends a rendered PDF inline, named for saving; personal data, so no cache keeps it. */
export function sendPdf(reply: FastifyReply, doc: { pdf: Buffer; filename: string }): Buffer {
  void reply
    .header('Content-Type', 'application/pdf')
    .header('Content-Disposition', `inline; filename="${doc.filename}"`)
    .header('Cache-Control', 'private, no-store');
  return doc.pdf;
}
