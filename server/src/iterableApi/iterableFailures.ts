/**
 * How an Iterable API request can fail, and the one-line message that says what to do about it. Pure;
 * the client (iterableClient.ts) classifies, this module words. Every message is redacted by the client
 * before it leaves (a server may echo the key).
 */

export type IterableFailureKind =
  'auth' | 'notFound' | 'rateLimited' | 'server' | 'http' | 'timeout' | 'offline' | 'tls' | 'cancelled' | 'badResponse' | 'tooLarge';

export interface IterableFailure {
  kind: IterableFailureKind;
  /** One line, what happened and what to check; never the key. */
  message: string;
  status?: number;
  /** For `rateLimited`: the seconds Iterable asked to wait (Retry-After). */
  retryAfterSeconds?: number;
}

/** Where the key and the region come from, so that a message names the setting to check. */
export interface FailureContext {
  /** e.g. `the key set with "Regal: Set Iterable API Key"`, or `ITERABLE_API_KEY`. */
  keySource: string;
  /** e.g. `the "regal.iterable.region" setting`, or `--region`. */
  regionSource: string;
  /** The host requests went to, e.g. `api.iterable.com`. */
  host: string;
  /** `us` or `eu`, or undefined when a base URL replaced the region. */
  region?: string;
}

/** Iterable answers errors as `{"msg": …, "code": …, "params": …}` (docs/iterable.md §5.4): its own words, shortened. */
export function iterableErrorText(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { msg, code } = parsed as { msg?: unknown; code?: unknown };
    const parts = [typeof code === 'string' ? code : '', typeof msg === 'string' ? msg : ''].filter((part) => part.trim() !== '');
    if (parts.length === 0) return undefined;
    // One line, printable, short: it goes into a notification.
    return (
      parts
        .join(': ')
        // eslint-disable-next-line no-control-regex -- control characters are what this removes
        .replace(/[\u0000-\u001f\u007f]+/g, ' ')
        .trim()
        .slice(0, 160)
    );
  } catch {
    return undefined;
  }
}

const said = (text: string | undefined) => (text ? ` Iterable said: ${text}.`.replace(/\.\.$/, '.') : '');

export function authFailure(status: number, context: FailureContext, body: string): IterableFailure {
  const other = context.region === 'us' ? 'eu' : context.region === 'eu' ? 'us' : undefined;
  const region = other
    ? ` or the region: the request went to ${context.host} (${context.region!.toUpperCase()}), and a key works only in its own project's data center; if the project is in the ${other.toUpperCase()} data center, set ${context.regionSource} to ${other}`
    : ` or the API base URL (${context.host})`;
  const permission = status === 403 ? ' A key also needs permission for this endpoint (a server-side or read-only key).' : '';
  return {
    kind: 'auth',
    status,
    message: `Iterable refused the API key (HTTP ${status}): check ${context.keySource}${region}.${permission}${said(iterableErrorText(body))}`,
  };
}

export function notFoundFailure(what: string): IterableFailure {
  return { kind: 'notFound', status: 404, message: `${what} Check the spelling, and that the key belongs to the project that has this user.` };
}

/** Longer waits than this are reported instead of waited for. */
export const MAX_RETRY_WAIT_SECONDS = 10;

/** `Retry-After` as seconds: a number of seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

export function rateLimitedFailure(seconds: number | undefined, now: number, retried: boolean): IterableFailure {
  const again = retried ? ' (already retried once)' : '';
  if (seconds === undefined) {
    return {
      kind: 'rateLimited',
      status: 429,
      message: `Iterable's rate limit for this endpoint was reached (HTTP 429)${again}: wait a minute, then try again.`,
    };
  }
  const at = new Date(now + seconds * 1000).toISOString().slice(11, 19);
  const wait = seconds >= 120 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
  return {
    kind: 'rateLimited',
    status: 429,
    retryAfterSeconds: seconds,
    message: `Iterable's rate limit for this endpoint was reached (HTTP 429)${again}: try again in ${wait} (after ${at} UTC).`,
  };
}

export function serverFailure(status: number, statusText: string, body: string): IterableFailure {
  return {
    kind: 'server',
    status,
    message: `Iterable had a server error (HTTP ${status}${statusText ? ` ${statusText}` : ''}): nothing was changed; try again in a few minutes, and check status.iterable.com if it persists.${said(iterableErrorText(body))}`,
  };
}

export function httpFailure(status: number, statusText: string, url: URL, body: string): IterableFailure {
  const redirect =
    status >= 300 && status < 400 ? ' Redirects are not followed (the key would go to another address): check the region or the API base URL.' : '';
  return {
    kind: 'http',
    status,
    message: `Iterable answered HTTP ${status}${statusText ? ` ${statusText}` : ''} for ${url.pathname}.${redirect}${said(iterableErrorText(body))}`,
  };
}

export function timeoutFailure(timeoutMs: number, host: string): IterableFailure {
  const seconds = Math.max(1, Math.round(timeoutMs / 1000));
  return {
    kind: 'timeout',
    message: `Iterable (${host}) did not answer within ${seconds} second${seconds === 1 ? '' : 's'}: check your connection or proxy, then try again.`,
  };
}

export function cancelledFailure(): IterableFailure {
  return { kind: 'cancelled', message: 'Cancelled: nothing was changed.' };
}

/** Node's connection error codes that mean "no network path to the host". */
const OFFLINE_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_CLOSED',
]);

/** The error code of a fetch rejection: undici wraps the socket's error as `cause` (sometimes twice). */
export function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function isTlsCode(code: string): boolean {
  return /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|HOSTNAME|ALTNAME/i.test(code) && !OFFLINE_CODES.has(code);
}

export function networkFailure(error: unknown, host: string): IterableFailure {
  const code = networkErrorCode(error);
  if (code && isTlsCode(code)) {
    return {
      kind: 'tls',
      message: `Could not open a secure connection to ${host} (TLS: ${code}): a proxy or antivirus may be intercepting HTTPS; set NODE_EXTRA_CA_CERTS to its certificate.`,
    };
  }
  const detail = code ?? (error instanceof Error ? error.message : String(error)).slice(0, 120);
  return {
    kind: 'offline',
    message: `Could not reach Iterable at ${host} (${detail}): check that you are online and that a proxy or firewall lets ${host} through.`,
  };
}

export function badResponseFailure(what: string): IterableFailure {
  return { kind: 'badResponse', message: `Iterable's answer is not what its API documents: ${what}. Nothing was changed.` };
}

export function tooLargeFailure(limitBytes: number): IterableFailure {
  return {
    kind: 'tooLarge',
    message: `Iterable's answer is larger than ${Math.round(limitBytes / 1_000_000)} MB, more than this command reads: nothing was changed.`,
  };
}
