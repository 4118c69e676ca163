/**
 * Which Iterable host a request goes to (docs/iterable.md §5.4): the data center of the project the key
 * belongs to, `us` → https://api.iterable.com, `eu` → https://api.eu.iterable.com. A key works only in its
 * own data center.
 *
 * A base URL can replace the region for tests (a stand-in for Iterable on loopback) and for a user who
 * must go through an https gateway: it is taken only from the user's own settings (the extension) or from
 * `--api-base` (the CLI), never from a workspace, and it must be https, or http on a loopback address.
 * Pure: no vscode, no I/O.
 */

export type IterableRegion = 'us' | 'eu';

export const ITERABLE_REGIONS: readonly IterableRegion[] = ['us', 'eu'];

export const REGION_BASE_URLS: Readonly<Record<IterableRegion, string>> = {
  us: 'https://api.iterable.com',
  eu: 'https://api.eu.iterable.com',
};

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isIterableRegion(value: unknown): value is IterableRegion {
  return value === 'us' || value === 'eu';
}

export type BaseUrlCheck = { ok: true; url: URL } | { ok: false; message: string };

/**
 * The base URL of requests: `override` when given (checked), else the region's host. `overrideName`
 * names where the override came from, for the message (`--api-base`, `"regal.iterable.apiBaseUrl"`).
 */
export function iterableBaseUrl(region: IterableRegion, override?: string, overrideName = 'The API base URL'): BaseUrlCheck {
  if (override === undefined || override.trim() === '') return { ok: true, url: new URL(REGION_BASE_URLS[region]) };
  const text = override.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return {
      ok: false,
      message: `${overrideName} "${text.slice(0, 200)}" is not a URL: leave it out to use Iterable's ${region.toUpperCase()} host, ${REGION_BASE_URLS[region]}.`,
    };
  }
  if (url.username || url.password)
    return { ok: false, message: `${overrideName} must not contain a user name or password: the API key goes in the Api-Key header.` };
  if (url.search || url.hash)
    return { ok: false, message: `${overrideName} must not have a query or a fragment: give the scheme and host only, such as https://api.iterable.com.` };
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname.toLowerCase())) {
    return {
      ok: false,
      message: `${overrideName} uses http:// for ${url.hostname}, which would send your Iterable API key unencrypted: use https:// (http:// only on 127.0.0.1, ::1 or localhost).`,
    };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, message: `${overrideName} must be an https:// URL, not ${url.protocol}//.` };
  // Paths are appended (`/api/users/getFields`): keep a base path without its trailing slash.
  url.pathname = url.pathname.replace(/\/+$/, '');
  return { ok: true, url };
}

/** The URL of `path` (starting with `/api/`) under `base`, with `query` appended. */
export function endpointUrl(base: URL, path: string, query?: Record<string, string>): URL {
  const url = new URL(base.href);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
  for (const [name, value] of Object.entries(query ?? {})) url.searchParams.set(name, value);
  return url;
}

/**
 * What an Iterable API key may be: a header value (no line breaks or control characters, printable
 * ASCII). Iterable's keys are 32 hex digits today, but the format is not documented, so only what
 * HTTP requires is checked. Messages never repeat the key.
 */
export function checkIterableKey(input: string): { ok: true; key: string } | { ok: false; message: string } {
  const key = input.trim();
  if (!key) return { ok: false, message: 'The Iterable API key is empty: paste a server-side key from Iterable (Integrations > API Keys).' };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(key))
    return { ok: false, message: 'The Iterable API key contains a line break or another control character: paste it again as one line.' };
  if (/[^\u0020-\u007e]/.test(key))
    return { ok: false, message: 'The Iterable API key contains characters other than ASCII letters, digits and punctuation: paste it again.' };
  return { ok: true, key };
}
