/**
 * What counts as an API key before it is stored. Pure, unit-tested in plain Node. The key goes
 * verbatim into the `Authorization` header (no `Bearer` prefix, docs/regal.md §1.1), so it must be a
 * valid header value: no line breaks or other control characters (header injection), and printable
 * ASCII only. Node accepts Latin-1 letters in a header but puts other bytes on the wire than the key
 * holds, so Regal would see a different key, and a server echoing it back would defeat redaction.
 */

/** The key to store (trimmed), or the reason it cannot be one. Messages never repeat the key. */
export function checkApiKey(input: string): { ok: true; key: string } | { ok: false; message: string } {
  const key = input.trim();
  if (!key) return { ok: false, message: 'The API key is empty. Paste the key Regal support gave you.' };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(key))
    return { ok: false, message: 'The API key contains a line break or another control character; paste it again as one line.' };
  if (/[^\u0020-\u007e]/.test(key))
    return {
      ok: false,
      message: 'The API key contains characters other than ASCII letters, digits and punctuation, which an HTTP header cannot carry as typed; paste it again.',
    };
  if (/^bearer\s/i.test(key)) return { ok: false, message: 'Leave out "Bearer ": Regal expects the key itself in the Authorization header.' };
  return { ok: true, key };
}
