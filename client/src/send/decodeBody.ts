/** A response body as text, for both POST implementations (httpPost.ts on Node, web/fetchPost.ts in a browser). */

/** The body in the charset its Content-Type declares; UTF-8 when it declares none or an unknown one. */
export function decodeBody(bytes: Uint8Array, contentType: string | undefined): string {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1];
  if (charset) {
    try {
      return new TextDecoder(charset).decode(bytes);
    } catch {
      // An unknown charset label: fall back to UTF-8.
    }
  }
  return new TextDecoder('utf-8').decode(bytes);
}
