import { acceptedDocumentType, DocumentType } from './domain/attachments';

/**
 * The document's type from its bytes (file-type reads the magic numbers), never from its name or the
 * type the client claims: an executable renamed .jpg is refused. file-type is ES modules only, hence
 * the dynamic import.
 */
export async function documentType(data: Buffer): Promise<DocumentType | null> {
  const { fileTypeFromBuffer } = await import('file-type');
  return acceptedDocumentType((await fileTypeFromBuffer(data))?.mime);
}
