/**
 * The limits that bound the work done for one document, in one place: the server and the
 * command-line checker read them from here, and the README's "Known limits" lists them.
 */

/**
 * Above this size (UTF-8 bytes) a document is not checked: it gets one `document-too-large`
 * diagnostic and no feature reads it. A payload template is a few KB (Iterable's body field is far
 * smaller than this); the benchmark's 5 MB payload stays under the limit, fully checked. A 20 MB
 * document once took the server 4.7 s to check, 15 s for its outline and 1.2 GB of memory.
 */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/**
 * Diagnostics published for one document at most; the rest are counted in a final
 * `too-many-problems` diagnostic. Editors slow down with hundreds of thousands of markers, and
 * nobody reads past the first few hundred.
 */
export const MAX_DIAGNOSTICS = 1_000;

/** The size limit as people read it. */
export const MAX_DOCUMENT_SIZE_TEXT = megabytes(MAX_DOCUMENT_BYTES);

/** Over MAX_DOCUMENT_BYTES: a UTF-16 code unit is one to three UTF-8 bytes, so most texts are decided by their length. */
export function isTooLarge(text: string): boolean {
  return text.length > MAX_DOCUMENT_BYTES || (text.length * 3 > MAX_DOCUMENT_BYTES && utf8Length(text) > MAX_DOCUMENT_BYTES);
}

/** UTF-8 length of a string (a lone surrogate counts as U+FFFD, three bytes, as an encoder writes it). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** `10 MB`, `20.1 MB`: sizes in the messages (1 MB = 1,048,576 bytes, as the limit is written). */
export function megabytes(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}
