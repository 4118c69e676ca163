/**
 * Reading a file named on the command line without hanging, running out of memory or changing its
 * text: only regular files (a FIFO named as a payload would block `readFile` forever), at most
 * MAX_INPUT_BYTES (a payload is a few KB; a 100 MB file exhausted the heap; the editor's limit,
 * from service/limits.ts, so that both check the same files), and strict UTF-8 (a
 * decoder that replaces bad bytes with U+FFFD would check, and pass, a different text).
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { MAX_DOCUMENT_BYTES, MAX_DOCUMENT_SIZE_TEXT } from '../service/limits';

export const MAX_INPUT_BYTES = MAX_DOCUMENT_BYTES;

export type InputFile = { ok: true; text: string } | { ok: false; reason: string; invalidUtf8?: { offset: number; validPrefix: string } };

export async function readInputFile(file: string, maxBytes = MAX_INPUT_BYTES): Promise<InputFile> {
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer.
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (code ?? String(error)) };
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) return { ok: false, reason: 'it is a directory' };
    if (!info.isFile()) return { ok: false, reason: 'not a regular file (a FIFO, socket or device); save the payload to a file first' };
    if (info.size > maxBytes) return { ok: false, reason: tooLarge(maxBytes, info.size) };
    const bytes = await handle.readFile();
    if (bytes.byteLength > maxBytes) return { ok: false, reason: tooLarge(maxBytes, bytes.byteLength) };
    try {
      // ignoreBOM keeps a byte order mark in the text, as an editor would: the checks report on it.
      return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
    } catch {
      const offset = firstInvalidUtf8(bytes);
      const validPrefix = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, offset));
      return { ok: false, reason: `not valid UTF-8 (first bad byte at offset ${offset}); save it as UTF-8`, invalidUtf8: { offset, validPrefix } };
    }
  } finally {
    await handle.close();
  }
}

function tooLarge(maxBytes: number, size: number): string {
  const limit = maxBytes === MAX_DOCUMENT_BYTES ? MAX_DOCUMENT_SIZE_TEXT : `${maxBytes} bytes`;
  return `larger than ${limit} (${size} bytes), the size above which neither this command nor the editor checks a payload; a payload is a few KB`;
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence (RFC 3629). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    const second = bytes[i + 1] as number;
    // Overlong forms, surrogates and code points past U+10FFFF.
    if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f) || (b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) return i;
    i += length;
  }
  return bytes.length;
}

/**
 * Text for a terminal: control characters (which a payload key or a file name may hold) are written as
 * `\u001b` and the like, so they cannot move the cursor, recolour or rewrite what the terminal shows.
 * Line breaks and tabs stay when `keepLines` is set (a rendered body).
 */
export function printable(text: string, keepLines = false): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this escapes
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) =>
    keepLines && (c === '\n' || c === '\r' || c === '\t') ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
