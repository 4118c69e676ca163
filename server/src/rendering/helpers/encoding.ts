/** Encoding and hashing helpers (docs/iterable.md §2.5). */
// Pure JavaScript hashes (no node:crypto): the renderer also runs in a browser worker (vscode.dev).
import { hmac as hmacOf } from '@noble/hashes/hmac';
import { md5, sha1 } from '@noble/hashes/legacy';
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex } from '@noble/hashes/utils';
import type { HelperName } from '../../service/iterable/iterableHelpers';
import { contentOf, text, type HelperImplementation } from './runtime';

/** Java's URLEncoder: spaces become `+`, and only letters, digits and `.-*_` stay as they are. */
export function urlEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

const utf8 = (value: string) => new TextEncoder().encode(value);

const HASHES = { md5, sha1, sha256 };

const hash = (algorithm: keyof typeof HASHES): HelperImplementation =>
  function (args, options) {
    return bytesToHex(HASHES[algorithm](utf8(contentOf(this, args, options))));
  };

/** Base64 of the UTF-8 bytes (btoa takes one byte per character). */
function base64(value: string): string {
  let binary = '';
  for (const byte of utf8(value)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Iterable signs with the project's HMAC secret, which the preview does not have: an empty key, said in the header. */
const hmac = (algorithm: 'sha1' | 'sha256'): HelperImplementation =>
  function (args, options) {
    options.data?.regalAssumptions?.add('hmac-secret');
    return bytesToHex(hmacOf(HASHES[algorithm], new Uint8Array(0), utf8(args.map(text).join(''))));
  };

export const encoding = {
  // toJson is JSON, not HTML: written as is, even inside {{ }} ([S40]).
  toJson: (args, _options, hb) => new hb.SafeString(JSON.stringify(args[0] ?? null) ?? 'null'),
  toUrlEncodedJson: (args) => urlEncode(JSON.stringify(args[0] ?? null) ?? 'null'),
  urlEncode(args, options) {
    return urlEncode(contentOf(this, args, options));
  },
  base64(args, options) {
    return base64(contentOf(this, args, options));
  },
  hexEncode: (args) => bytesToHex(utf8(text(args[0]))),
  md5: hash('md5'),
  sha1: hash('sha1'),
  sha256: hash('sha256'),
  hmacSHA1: hmac('sha1'),
  hmacSHA256: hmac('sha256'),
} satisfies Partial<Record<HelperName, HelperImplementation>>;
