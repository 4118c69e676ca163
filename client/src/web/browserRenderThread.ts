/**
 * Render workers for the web extension: the render pool (server/src/rendering/renderPool.ts) drives
 * Web Workers running the extension's bundle in its render role (main.ts, server/src/rendering/browserRenderWorker.ts), with
 * the same render budget as on the desktop. A browser gives a worker no heap limit, so the pool's
 * hard time limit (terminating the worker) is what bounds a runaway render there.
 */
import { stopped, type StartRenderThread } from '../../../server/src/rendering/renderPool';
import { STOPPED_PREFIX } from '../../../server/src/rendering/renderResult';
import type { RenderInitMessage } from '../../../server/src/rendering/browserRenderWorker';
import type { RenderReplyMessage } from '../../../server/src/rendering/renderMessages';
import { WEB_RENDER_WORKER_NAME } from '../extensionBundle';
import { startWorker } from './browserWorker';

export function browserRenderThreads(workerUrl: string): StartRenderThread {
  return (cancelled, listener) => {
    const worker = startWorker(workerUrl, WEB_RENDER_WORKER_NAME);
    worker.onmessage = (event) => listener.message(event.data as RenderReplyMessage | { type: 'ready' });
    worker.onerror = (event) => {
      event.preventDefault(); // reported as the render's result, not as an uncaught error of the extension host
      listener.died(stopped('crashed', `${STOPPED_PREFIX}the render worker failed (${event.message ?? 'no details'}).`));
    };
    worker.postMessage({ type: 'init', cancelled } satisfies RenderInitMessage);
    return {
      postMessage: (message) => worker.postMessage(message),
      // A browser worker does not keep anything alive.
      ref: () => undefined,
      unref: () => undefined,
      terminate: () => worker.terminate(),
    };
  };
}
