/**
 * GET requests to Iterable's API (docs/iterable.md §5.4, §5.5), for the extension and the CLI alike: no vscode
 * import; `fetch` is injected (the global one by default, which VS Code's proxy support patches in the
 * extension host), and so is the wait before a retry. Never rejects: every way a request can end is an
 * `IterableResult`, and every failure message is redacted with the key in all its encodings.
 *
 * - The key goes in the `Api-Key` header, nowhere else (not in the URL, which a proxy may log).
 * - One AbortController ends the request: the timeout, or the caller's signal (a Cancel button).
 * - Redirects are not followed: the key would go to an address the user never chose.
 * - The body is read up to `maxResponseBytes`; a bigger answer is refused, not cut.
 * - 429 with a short `Retry-After` is retried once after it; a long one is reported with when to retry.
 */
import { redactSecret } from '../security/redact';
import { endpointUrl } from './iterableBaseUrl';
import {
  authFailure,
  badResponseFailure,
  cancelledFailure,
  httpFailure,
  MAX_RETRY_WAIT_SECONDS,
  networkFailure,
  rateLimitedFailure,
  retryAfterSeconds,
  serverFailure,
  timeoutFailure,
  tooLargeFailure,
  type FailureContext,
  type IterableFailure,
} from './iterableFailures';

export type IterableResult<T> = { ok: true; value: T } | { ok: false; failure: IterableFailure };

export interface IterableClientOptions {
  baseUrl: URL;
  apiKey: string;
  /** Names where the key and region come from, for the messages (see FailureContext). */
  keySource: string;
  regionSource: string;
  /** `us` or `eu`; undefined when a base URL replaced the region. */
  region?: string;
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** Waits before the one retry after a 429; ends early (rejecting) when `signal` aborts. */
  wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
}

export interface GetOptions {
  query?: Record<string, string>;
  signal?: AbortSignal;
  /** The message of a 404 (a missing user); other endpoints keep the generic HTTP message. */
  notFound?: string;
}

export const DEFAULT_TIMEOUT_MS = 20_000;
/** A field catalog of 20,000 fields is about 1 MB; a profile or 200 events far less. */
export const DEFAULT_MAX_RESPONSE_BYTES = 5_000_000;

type Attempt = { done: true; result: IterableResult<unknown> } | { done: false; retryAfter: number | undefined };

export class IterableClient {
  private readonly fetchFn: typeof globalThis.fetch;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly wait: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly now: () => number;

  constructor(private readonly options: IterableClientOptions) {
    this.fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.wait = options.wait ?? abortableWait;
    this.now = options.now ?? Date.now;
  }

  get host(): string {
    return this.options.baseUrl.host;
  }

  /** GET `path` and parse the JSON answer; `failure.message` is safe to show and log. */
  async getJson(path: string, options: GetOptions = {}): Promise<IterableResult<unknown>> {
    const result = await this.getJsonUnredacted(path, options);
    if (result.ok) return result;
    return { ok: false, failure: { ...result.failure, message: redactSecret(result.failure.message, this.options.apiKey) } };
  }

  private async getJsonUnredacted(path: string, options: GetOptions): Promise<IterableResult<unknown>> {
    const url = endpointUrl(this.options.baseUrl, path, options.query);
    const first = await this.attempt(url, options, false);
    if (first.done) return first.result;
    try {
      await this.wait((first.retryAfter ?? 0) * 1000, options.signal);
    } catch {
      return { ok: false, failure: cancelledFailure() };
    }
    const second = await this.attempt(url, options, true);
    return second.done ? second.result : { ok: false, failure: rateLimitedFailure(second.retryAfter, this.now(), true) };
  }

  private context(): FailureContext {
    return {
      keySource: this.options.keySource,
      regionSource: this.options.regionSource,
      host: this.host,
      ...(this.options.region ? { region: this.options.region } : {}),
    };
  }

  private async attempt(url: URL, options: GetOptions, retried: boolean): Promise<Attempt> {
    const fail = (failure: IterableFailure): Attempt => ({ done: true, result: { ok: false, failure } });
    if (options.signal?.aborted) return fail(cancelledFailure());
    const controller = new AbortController();
    let reason: 'timeout' | 'cancelled' | undefined;
    const timer = setTimeout(() => {
      reason ??= 'timeout';
      controller.abort();
    }, this.timeoutMs);
    const cancel = () => {
      reason ??= 'cancelled';
      controller.abort();
    };
    options.signal?.addEventListener('abort', cancel, { once: true });
    try {
      let response: Response;
      try {
        response = await this.fetchFn(url, {
          method: 'GET',
          headers: { 'Api-Key': this.options.apiKey, Accept: 'application/json' },
          redirect: 'manual',
          signal: controller.signal,
        });
      } catch (error) {
        if (reason === 'timeout') return fail(timeoutFailure(this.timeoutMs, this.host));
        if (reason === 'cancelled') return fail(cancelledFailure());
        return fail(networkFailure(error, this.host));
      }
      let body: string | undefined;
      try {
        body = await readBounded(response, this.maxBytes);
      } catch (error) {
        if (reason === 'timeout') return fail(timeoutFailure(this.timeoutMs, this.host));
        if (reason === 'cancelled') return fail(cancelledFailure());
        return fail(networkFailure(error, this.host));
      }
      if (body === undefined) return fail(tooLargeFailure(this.maxBytes));
      const status = response.status;
      if (status === 429) {
        const seconds = retryAfterSeconds(response.headers.get('retry-after'), this.now());
        // One retry, and only when Iterable asks for a short wait (or none): a long one is reported.
        if (!retried && (seconds === undefined || seconds <= MAX_RETRY_WAIT_SECONDS)) return { done: false, retryAfter: seconds ?? 1 };
        return fail(rateLimitedFailure(seconds, this.now(), retried));
      }
      if (status === 401 || status === 403) return fail(authFailure(status, this.context(), body));
      if (status === 404 && options.notFound) return { done: true, result: { ok: false, failure: { kind: 'notFound', status, message: options.notFound } } };
      if (status >= 500) return fail(serverFailure(status, response.statusText, body));
      if (status < 200 || status >= 300) return fail(httpFailure(status, response.statusText, url, body));
      try {
        return { done: true, result: { ok: true, value: JSON.parse(body.charCodeAt(0) === 0xfeff ? body.slice(1) : body) as unknown } };
      } catch {
        return fail(badResponseFailure(`the answer to ${url.pathname} is not JSON`));
      }
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', cancel);
    }
  }
}

/** The body as UTF-8 text, or undefined when it is longer than `maxBytes` (the stream is then cancelled). */
async function readBounded(response: Response, maxBytes: number): Promise<string | undefined> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return undefined;
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
}

function abortableWait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('cancelled'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('cancelled'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
