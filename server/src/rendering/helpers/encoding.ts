/** Encoding and hashing helpers (docs/iterable.md §2.5). */
import { createHash, createHmac } from 'node:crypto';
import type { HelperName } from '../../service/iterable/iterableHelpers';
import { contentOf, text, type HelperImplementation } from './runtime';

/** Java's URLEncoder: spaces become `+`, and only letters, digits and `.-*_` stay as they are. */
export function urlEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

const hash = (algorithm: string): HelperImplementation =>
  function (args, options) {
    return createHash(algorithm).update(contentOf(this, args, options)).digest('hex');
  };

/** Iterable signs with the project's HMAC secret, which the preview does not have: an empty key, said in the header. */
const hmac = (algorithm: string): HelperImplementation =>
  function (args, options) {
    options.data?.regalAssumptions?.add('hmac-secret');
    return createHmac(algorithm, '').update(args.map(text).join('')).digest('hex');
  };

export const encoding = {
  // toJson is JSON, not HTML: written as is, even inside {{ }} ([S40]).
  toJson: (args, _options, hb) => new hb.SafeString(JSON.stringify(args[0] ?? null) ?? 'null'),
  toUrlEncodedJson: (args) => urlEncode(JSON.stringify(args[0] ?? null) ?? 'null'),
  urlEncode(args, options) {
    return urlEncode(contentOf(this, args, options));
  },
  base64(args, options) {
    return Buffer.from(contentOf(this, args, options), 'utf8').toString('base64');
  },
  hexEncode: (args) => Buffer.from(text(args[0]), 'utf8').toString('hex'),
  md5: hash('md5'),
  sha1: hash('sha1'),
  sha256: hash('sha256'),
  hmacSHA1: hmac('sha1'),
  hmacSHA256: hmac('sha256'),
} satisfies Partial<Record<HelperName, HelperImplementation>>;
