/**
 * Keeps API keys (Regal's and Iterable's) out of everything the extension and the CLI show or store.
 * Pure (no Node modules: the web extension redacts in the browser too), shared by the send feature and the Iterable API client; unit-tested in plain Node.
 */

export const REDACTED = '<redacted>';

/**
 * The forms a server may echo the key in: as is, escaped in a JSON string, base64 (plain and URL-safe,
 * with or without padding), URL-encoded (either way spaces go), HTML-escaped, and hex.
 */
function encodedForms(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  const base64 = btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(''));
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  const html = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');
  const forms = [
    secret,
    JSON.stringify(secret).slice(1, -1),
    base64,
    base64.replace(/=+$/, ''),
    base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%20/g, '+'),
    html,
    html.replace(/&#x27;/g, '&#39;'),
    hex,
    hex.toUpperCase(),
  ];
  // Longest first, so that a form containing another is replaced whole; too-short forms are skipped (a
  // 1-character key would redact every such character).
  return [...new Set(forms)].filter((form) => form.length >= 4 || form === secret).sort((a, b) => b.length - a.length);
}

/**
 * Replaces every occurrence of `secret` in `text` with `<redacted>`, in every form of encodedForms (a
 * server echoing the key in a JSON body, a URL, HTML or base64 must not get it into a message, the log
 * or the history). A missing or empty secret changes nothing.
 */
export function redactSecret(text: string, secret: string | undefined): string {
  if (!secret) return text;
  let redacted = text;
  for (const form of encodedForms(secret)) redacted = redacted.split(form).join(REDACTED);
  return redacted;
}

/** Header lines for the log, with the Authorization value never shown (whatever it is). */
export function formatHeadersForLog(headers: Record<string, string | number>): string[] {
  return Object.entries(headers).map(([name, value]) => `${name}: ${name.toLowerCase() === 'authorization' ? REDACTED : String(value)}`);
}
