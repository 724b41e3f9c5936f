import { failureOf, type Schemas } from '../api/client';
import { clearSession, loadSession } from '../session';
import { go, here } from '../router';

export type Attachment = Schemas['AttachmentResponseDto'];

/**
 * Uploads one supporting document of a case (multipart `file` and `kind`), reporting the fraction
 * sent. XMLHttpRequest, not fetch, because only it reports upload progress. Throws an ApiFailure:
 * the server's (413, 415, 409…) or `network`. A 401 leads to sign-in like every other call, the
 * screen's draft keeping the photos.
 */
export function uploadAttachment(
  sid: string,
  caseId: string,
  file: File,
  kind: Attachment['kind'],
  onProgress: (fraction: number) => void,
): Promise<Attachment> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/societies/${sid}/cases/${caseId}/attachments`);
    const session = loadSession();
    if (session) xhr.setRequestHeader('Authorization', `Bearer ${session.token}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(failureOf(undefined));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status === 201) return resolve(body as Attachment);
      if (xhr.status === 401) {
        clearSession();
        go(`/signin?next=${encodeURIComponent(here())}`, true);
      }
      reject(
        failureOf(
          body ?? { statusCode: xhr.status, message: `上传失败（${xhr.status}），请重试` },
          xhr.status,
        ),
      );
    };
    xhr.send(form);
  });
}
