import type { components } from '../api/schema';
import { parseYuan } from '../lib/money';
import { DOCUMENT_TYPES } from '../../../src/cases/domain/attachments';

// The new-case form's rules, pure (no browser globals) so Jest checks them: the request body built
// from what was typed, and the checks a photo passes before it is sent.

export type CreateCaseBody = components['schemas']['CreateCaseDto'];
export type Category = CreateCaseBody['category'];
export type Source = CreateCaseBody['source'];
export type DocumentKind = components['schemas']['AttachmentResponseDto']['kind'];

/** A photo picked for the case, kept in the form's draft with its upload state. */
export interface PickedPhoto {
  key: string;
  file: File;
  /** An object URL for the thumbnail. */
  url: string;
  /** What the photo shows (the board reads documents by kind). */
  kind: DocumentKind;
  state: 'waiting' | 'uploading' | 'done' | 'failed';
  /** 0…1 while uploading. */
  progress: number;
  error: string;
}

/** Everything the form holds, as typed (the draft kept across an expired session). */
export interface CaseDraft {
  applicant: { name: string; idNumber: string; phone: string; address: string; householdSize: string };
  pseudonym: string;
  category: Category | '';
  source: Source | '';
  description: string;
  amount: string;
  withPayee: boolean;
  payee: { name: string; bankName: string; accountNo: string };
  photos: PickedPhoto[];
  /** Set once the case is filed: a failed photo upload is retried without filing it again. */
  filed: { id: string; caseNo: string } | null;
}

export function emptyDraft(): CaseDraft {
  return {
    applicant: { name: '', idNumber: '', phone: '', address: '', householdSize: '' },
    pseudonym: '',
    category: '',
    source: '',
    description: '',
    amount: '',
    withPayee: false,
    payee: { name: '', bankName: '', accountNo: '' },
    photos: [],
    filed: null,
  };
}

/** A trimmed value, or undefined when nothing was typed (optional fields are left out). */
function optional(value: string): string | undefined {
  const s = value.trim();
  return s ? s : undefined;
}

/**
 * The POST body of the draft. Left to the server (which names the field in its answer): whatever the
 * form's own checks let through, e.g. a household size that is not a whole number is sent as typed.
 */
export function caseBody(d: CaseDraft): CreateCaseBody {
  const size = d.applicant.householdSize.trim();
  const body: CreateCaseBody = {
    applicant: {
      name: d.applicant.name.trim(),
      idNumber: d.applicant.idNumber.trim().toUpperCase(),
      phone: optional(d.applicant.phone.replace(/[\s-]/g, '')),
      address: optional(d.applicant.address),
      householdSize: size ? Number(size) : undefined,
    },
    pseudonym: optional(d.pseudonym),
    category: d.category as Category,
    source: d.source as Source,
    description: d.description.trim(),
    requestedAmountFen: parseYuan(d.amount) ?? 0,
  };
  if (d.withPayee) {
    body.payee = {
      name: d.payee.name.trim(),
      bankName: d.payee.bankName.trim(),
      accountNo: d.payee.accountNo.trim(),
    };
  }
  return body;
}

/** What the public notice will call the applicant when no pseudonym is given (the server's default). */
export function defaultPseudonym(name: string): string {
  const surname = Array.from(name.trim())[0];
  return surname ? `小${surname}` : '';
}

/** API.md: at most 10 MiB a document. */
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;

/**
 * '' when the server would take the file, else why not (before anything is sent): a JPEG or PNG photo,
 * or with `pdf` also a PDF (the detail screen's later documents).
 */
export function photoProblem(file: { type: string; size: number }, pdf = false): string {
  const types = DOCUMENT_TYPES.filter((t) => pdf || t.startsWith('image/')) as string[];
  if (!types.includes(file.type)) {
    return pdf ? '仅支持 JPG、PNG 照片或 PDF 文件' : '仅支持 JPG 或 PNG 照片，请换一张或改用相机拍摄';
  }
  if (file.size > PHOTO_MAX_BYTES) return '文件超过 10 MB，请重新拍摄或压缩后再选';
  if (file.size === 0) return '文件是空的，请重新选择';
  return '';
}

/** Bytes as "1.2 MB" / "35 KB". */
export function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
