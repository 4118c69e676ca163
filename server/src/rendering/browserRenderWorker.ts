/**
 * The render worker of the web extension (dist/web/renderWorker.js), a Web Worker started by
 * client/src/web/browserRenderThread.ts: the browser twin of renderWorker.ts, with the same messages.
 * Its first message is `{ type: 'init', cancelled }`, the SharedArrayBuffer view of cancelled request
 * ids when the page has one (cross-origin isolated), else undefined: renders then cannot be asked to
 * stop and the pool terminates the worker instead.
 */
import type { RenderReplyMessage, RenderRequestMessage } from './renderWorker';
import { renderTemplate } from './renderTemplate';

export interface RenderInitMessage {
  type: 'init';
  cancelled: Int32Array | undefined;
}

/** The worker's global scope, as far as this file uses it (the project compiles without the DOM library). */
declare const self: {
  postMessage(message: RenderReplyMessage | { type: 'ready' }): void;
  onmessage: ((event: { data: RenderInitMessage | RenderRequestMessage }) => void) | null;
};

let cancelled: Int32Array | undefined;

self.onmessage = ({ data: request }) => {
  if (request.type === 'init') {
    cancelled = request.cancelled;
    return;
  }
  if (request.type !== 'render') return;
  const flag = cancelled;
  const result = renderTemplate(request.template, request.sample, {
    ...(request.now !== undefined ? { now: new Date(request.now) } : {}),
    limits: request.limits,
    isCancelled: () => (flag ? Atomics.load(flag, 0) >= request.id : false),
  });
  self.postMessage({ type: 'result', id: request.id, result });
};
self.postMessage({ type: 'ready' });
