/**
 * The render worker (bundled as dist/renderWorker.js): renders payload templates off the main thread
 * of the extension host and of the CLI, one request at a time, for RenderWorkerPool
 * (renderInWorker.ts). The pool bounds it from outside: a render that overruns its time is
 * terminated with the worker, and the worker runs with a heap limit.
 *
 * Protocol (plain structured-clone messages):
 *   pool → worker  RenderRequestMessage; the worker answers each with one RenderReplyMessage.
 *   worker → pool  `{ type: 'ready' }` once loaded, before any request is answered.
 * `workerData.cancelled` is an Int32Array over a SharedArrayBuffer: a request whose id is at most its
 * value is cancelled, and the render stops at its next budget check (every helper call).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { answerRenderRequest, type RenderRequestMessage } from './renderMessages';

export type { RenderReplyMessage, RenderRequestMessage } from './renderMessages';

export interface RenderWorkerData {
  cancelled: Int32Array;
}

const port = parentPort;
if (port) {
  const { cancelled } = workerData as RenderWorkerData;
  port.on('message', (request: RenderRequestMessage) => {
    if (request.type !== 'render') return;
    port.postMessage(answerRenderRequest(request, cancelled));
  });
  port.postMessage({ type: 'ready' });
}
