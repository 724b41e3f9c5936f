/** Supporting documents (API.md): JPEG, PNG or PDF as their content says, at most 20 per case. */
export const ATTACHMENTS_PER_CASE = 20;
export const DOCUMENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** The accepted type for a detected MIME type (file-type's answer), or null. */
export function acceptedDocumentType(mime: string | undefined): DocumentType | null {
  return (DOCUMENT_TYPES as readonly string[]).includes(mime ?? '') ? (mime as DocumentType) : null;
}
