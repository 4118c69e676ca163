/**
 * Keeps the API key out of everything the extension shows or stores. Pure, unit-tested in plain Node.
 */

export const REDACTED = '<redacted>';

/**
 * Replaces every occurrence of `secret` in `text` with `<redacted>`, also in the form a JSON string
 * carries it (a server echoing the key in a JSON body escapes `"` and `\`). A missing or empty
 * secret changes nothing.
 */
export function redactSecret(text: string, secret: string | undefined): string {
  if (!secret) return text;
  const inJson = JSON.stringify(secret).slice(1, -1);
  const redacted = text.split(secret).join(REDACTED);
  return inJson === secret ? redacted : redacted.split(inJson).join(REDACTED);
}

/** Header lines for the log, with the Authorization value never shown (whatever it is). */
export function formatHeadersForLog(headers: Record<string, string | number>): string[] {
  return Object.entries(headers).map(([name, value]) => `${name}: ${name.toLowerCase() === 'authorization' ? REDACTED : String(value)}`);
}
