/**
 * Diagnostic messages are plain text (the Problems panel shows them as written, on one line): they
 * quote the payload's own text in double quotes, never in backticks. Text taken from the payload
 * may hold backticks itself; they are shown as single quotes, so no message ever carries one.
 */

/** `text` in double quotes, cut to `max` characters (with …), backticks shown as `'`. */
export function quoted(text: string, max = 40): string {
  const trimmed = text.trim();
  const shown = trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
  return `"${shown.replace(/`/g, "'")}"`;
}

/** Payload text shown bare (a key, a field name), backticks shown as `'`. */
export function plain(text: string): string {
  return text.replace(/`/g, "'");
}
