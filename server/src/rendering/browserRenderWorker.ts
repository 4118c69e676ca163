/**
 * The render worker of the web extension (the extension bundle's web render role, client/src/main.ts), a Web Worker started by
 * client/src/web/browserRenderThread.ts: the browser twin of renderWorker.ts, with the same messages (renderMessages.ts).
 * Its first message is `{ type: 'init', cancelled }`, the SharedArrayBuffer view of cancelled request
 * ids when the page has one (cross-origin isolated), else undefined: renders then cannot be asked to
 * stop and the pool terminates the worker instead.
 */
import { answerRenderRequest, type RenderReplyMessage, type RenderRequestMessage } from './renderMessages';

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
  self.postMessage(answerRenderRequest(request, cancelled));
};
self.postMessage({ type: 'ready' });
