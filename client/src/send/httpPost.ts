/**
 * One POST with Node's own http/https (no extra packages, and VS Code's proxy support patches these
 * modules in the extension host). No `vscode` import: unit-tested in plain Node against a loopback
 * server. Never rejects: every way a request can end is a `PostOutcome`.
 *
 * One AbortController ends the request, triggered by the timeout or by the caller's signal (the
 * progress notification's Cancel button); `reason` remembers which came first.
 *
 * Redirects are never followed (Node's http does not, and nothing here does): following one would
 * send the API key to an address the user never configured. A 3xx is reported with its `Location`.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { decodeBody } from './decodeBody';

export interface PostRequest {
  url: URL;
  /** Sent byte for byte as given. */
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Aborting it cancels the request. */
  signal?: AbortSignal;
  /** Response bytes kept (the rest is read and dropped); Regal's answers are tiny. */
  maxResponseBytes?: number;
}

export type PostOutcome =
  | { kind: 'response'; status: number; statusText: string; contentType?: string; location?: string; body: string; truncated: boolean; latencyMs: number }
  | { kind: 'timeout'; latencyMs: number }
  | { kind: 'cancelled'; latencyMs: number }
  | { kind: 'network'; code?: string; message: string; latencyMs: number };

export function postJson(request: PostRequest): Promise<PostOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const maxBytes = request.maxResponseBytes ?? 1024 * 1024;
  const controller = new AbortController();
  let reason: 'timeout' | 'cancelled' | undefined;

  return new Promise<PostOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', cancel);
      resolve(outcome);
    };
    // An abort shows up as an error on the request or the response; report why we aborted instead.
    const failed = (error: NodeJS.ErrnoException) => {
      if (reason) finish({ kind: reason, latencyMs: elapsed() });
      else finish({ kind: 'network', code: error.code, message: error.message, latencyMs: elapsed() });
    };
    const timer = setTimeout(() => {
      reason ??= 'timeout';
      controller.abort();
    }, request.timeoutMs);
    const cancel = () => {
      reason ??= 'cancelled';
      controller.abort();
    };
    if (request.signal?.aborted) {
      cancel();
      finish({ kind: 'cancelled', latencyMs: elapsed() });
      return;
    }
    request.signal?.addEventListener('abort', cancel, { once: true });

    const transport = request.url.protocol === 'https:' ? https : http;
    let req: http.ClientRequest;
    try {
      req = transport.request(
        request.url,
        {
          method: 'POST',
          headers: { ...request.headers, 'Content-Length': String(Buffer.byteLength(request.body, 'utf8')) },
          signal: controller.signal,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let kept = 0;
          let truncated = false;
          res.on('data', (chunk: Buffer) => {
            if (kept >= maxBytes) {
              truncated = true;
              return;
            }
            const part = chunk.subarray(0, maxBytes - kept);
            if (part.length < chunk.length) truncated = true;
            chunks.push(part);
            kept += part.length;
          });
          res.on('error', failed);
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            finish({
              kind: 'response',
              status,
              statusText: res.statusMessage || http.STATUS_CODES[status] || '',
              contentType: res.headers['content-type'],
              ...(res.headers.location ? { location: res.headers.location } : {}),
              body: decodeBody(Buffer.concat(chunks), res.headers['content-type']),
              truncated,
              latencyMs: elapsed(),
            });
          });
        },
      );
    } catch (error) {
      // Invalid header values and the like throw synchronously.
      failed(error as NodeJS.ErrnoException);
      return;
    }
    req.on('error', failed);
    req.end(request.body, 'utf8');
  });
}
