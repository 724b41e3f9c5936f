import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Multipart } from '@fastify/multipart';
import { AppError } from '../errors/app-error';
import { fieldError } from '../errors/validation';

/**
 * Multipart bodies are accepted on routes that ask for them only (`@RouteConfig(MULTIPART_ROUTE)`):
 * everywhere else the contract is JSON, and a form would be a body no handler expects (415).
 * The file size limit is the upload route's own (the 1 MiB body limit does not see streamed parts).
 */
export const MULTIPART_ROUTE = { multipart: true } as const;

export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

export function refuseMultipartElsewhere(fastify: FastifyInstance): void {
  fastify.addHook('preParsing', async (request: FastifyRequest) => {
    const type = request.headers['content-type'];
    if (typeof type !== 'string' || !/^\s*multipart\//i.test(type)) return;
    const config = request.routeOptions.config as { multipart?: boolean } | undefined;
    if (config?.multipart !== true) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  });
}

export interface Upload {
  file: Buffer;
  fields: Record<string, string>;
}

/**
 * Reads a multipart form with exactly one file part named `fileField` (at most `maxBytes`: 413) and
 * the text fields in `fieldNames` (any other part: 400). Not multipart: 415.
 */
export async function readUpload(
  request: FastifyRequest,
  fileField: string,
  fieldNames: readonly string[],
  maxBytes: number,
): Promise<Upload> {
  if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  let file: Buffer | null = null;
  const fields: Record<string, string> = {};
  try {
    const parts = request.parts({
      limits: {
        fileSize: maxBytes,
        files: 1,
        fields: fieldNames.length,
        fieldSize: 1000,
        parts: fieldNames.length + 1,
      },
    });
    for await (const part of parts as AsyncIterableIterator<Multipart>) {
      if (part.type === 'file') {
        if (part.fieldname !== fileField) {
          await part.toBuffer().catch(() => undefined);
          throw fieldError(part.fieldname, '不支持的字段', 'unknown field');
        }
        file = await part.toBuffer();
      } else if (fieldNames.includes(part.fieldname) && typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      } else {
        throw fieldError(part.fieldname.slice(0, 50), '不支持的字段', 'unknown field');
      }
    }
  } catch (err) {
    throw uploadError(err, maxBytes);
  }
  if (!file || file.length === 0) throw fieldError(fileField, '请选择要上传的文件', 'a file is required');
  return { file, fields };
}

function uploadError(err: unknown, maxBytes: number): unknown {
  if (err instanceof AppError) return err;
  const code = (err as { code?: unknown })?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    const mib = maxBytes / 1024 / 1024;
    return new AppError(
      'PAYLOAD_TOO_LARGE',
      { limitBytes: maxBytes },
      {
        zh: `文件过大（上限 ${mib} MiB）`,
        en: `The file is too large (limit ${mib} MiB)`,
      },
    );
  }
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return fieldError('file', '只能上传一个文件', 'one file per request');
  }
  // Anything else is a malformed form (truncated body, bad boundary): the client's mistake.
  return fieldError('body', '表单格式有误', 'the multipart form is malformed');
}
