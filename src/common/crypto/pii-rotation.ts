import type { PiiCipher } from './pii-cipher';

/**
 * Key rotation (`pii:rotate`, SECURITY.md): each module that stores ciphertexts re-encrypts its own
 * rows, a batch at a time, through its own repository (SQL stays with the table's owner). A batch
 * selects rows with a ciphertext not made under the current key (SQL: its first bytes differ from
 * PiiCipher.currentPrefix), locks them, rewrites them, and returns how many: rerunning after a crash
 * carries on where it stopped, and a run with nothing left is a no-op.
 */
export interface PiiRotationBatch {
  (limit: number): Promise<number>;
}

/** The value under the current key: unchanged when it already is (or null). */
export function reencrypted(cipher: PiiCipher, value: Buffer | null): Buffer | null {
  return value === null || cipher.isCurrent(value) ? value : cipher.encryptBytes(cipher.decryptBytes(value));
}
