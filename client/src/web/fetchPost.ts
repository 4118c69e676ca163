/**
 * One POST with `fetch`, for the web extension (vscode.dev, github.dev), where Node's http is not
 * available: the same PostRequest in, the same PostOutcome out as httpPost.ts, so the send feature
 * does not know which one it runs. Never rejects.
 *
 * In a browser the request is cross-origin (from vscode.dev's web worker to Regal's API): the browser
 * sends it only if Regal's server allows that origin with CORS headers, which a server API need not
 * do. A request the browser blocks fails with a bare TypeError, indistinguishable from an unreachable
 * server; the outcome then carries code BROWSER_BLOCKED_CODE, whose message (sendMessages.ts) says CORS
 * may be the cause and that sending works from desktop VS Code (README, "vscode.dev and github.dev").
 *
 * Redirects are not followed (`redirect: 'manual'`): following one would send the API key to an
 * address the user never configured. A browser hides a manual redirect's status and Location (an
 * "opaqueredirect" response), so it is reported as a 3xx without them.
 */
import { decodeBody } from '../send/decodeBody';
import type { PostOutcome, PostRequest } from '../send/httpPost';
import { BROWSER_BLOCKED_CODE } from '../send/sendMessages';

export async function fetchPost(request: PostRequest): Promise<PostOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const maxBytes = request.maxResponseBytes ?? 1024 * 1024;
  const controller = new AbortController();
  let reason: 'timeout' | 'cancelled' | undefined;
  if (request.signal?.aborted) return { kind: 'cancelled', latencyMs: elapsed() };
  const cancel = () => {
    reason ??= 'cancelled';
    controller.abort();
  };
  request.signal?.addEventListener('abort', cancel, { once: true });
  const timer = setTimeout(() => {
    reason ??= 'timeout';
    controller.abort();
  }, request.timeoutMs);
  try {
    const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body, redirect: 'manual', signal: controller.signal });
    if (response.type === 'opaqueredirect') {
      return { kind: 'response', status: 302, statusText: 'Redirect (the browser hides its target)', body: '', truncated: false, latencyMs: elapsed() };
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    const contentType = response.headers.get('content-type') ?? undefined;
    const location = response.headers.get('location');
    return {
      kind: 'response',
      status: response.status,
      statusText: response.statusText,
      ...(contentType ? { contentType } : {}),
      ...(location ? { location } : {}),
      body: decodeBody(bytes.subarray(0, maxBytes), contentType),
      truncated: bytes.length > maxBytes,
      latencyMs: elapsed(),
    };
  } catch (error) {
    if (reason) return { kind: reason, latencyMs: elapsed() };
    // fetch rejects with a TypeError for every network failure, CORS refusals included, and says no more.
    if (error instanceof TypeError) return { kind: 'network', code: BROWSER_BLOCKED_CODE, message: error.message, latencyMs: elapsed() };
    return { kind: 'network', message: error instanceof Error ? error.message : String(error), latencyMs: elapsed() };
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', cancel);
  }
}
