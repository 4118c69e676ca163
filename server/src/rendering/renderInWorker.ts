/**
 * The render pool (renderPool.ts) on Node: each render worker is a worker thread running
 * renderWorker.js, with a heap limit. Used by the desktop extension host (preview and send) and the
 * CLI; the web extension starts Web Workers instead (client/src/web/browserRenderThread.ts).
 *
 * The worker file is `renderWorker.js` next to the running bundle by default (dist/cli.js sits beside
 * dist/renderWorker.js); the extension passes its own bundle (client/src/main.ts plays the worker too),
 * and tests built from source pass theirs.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { RenderPool, stopped, type RenderPoolOptions, type StartRenderThread } from './renderPool';
import { STOPPED_PREFIX } from './renderResult';
import type { RenderWorkerData } from './renderWorker';

export * from './renderPool';

export interface RenderWorkerPoolOptions extends RenderPoolOptions {
  /** The worker script (default: renderWorker.js next to this bundle). */
  workerFile?: string;
  /** The worker's heap limit in MB (V8's old generation; default 512). */
  maxMemoryMb?: number;
}

export const DEFAULT_MAX_MEMORY_MB = 512;

export class RenderWorkerPool extends RenderPool {
  constructor(options: RenderWorkerPoolOptions = {}) {
    super(nodeRenderThreads(options.workerFile ?? path.join(__dirname, 'renderWorker.js'), options.maxMemoryMb ?? DEFAULT_MAX_MEMORY_MB), options);
  }
}

function nodeRenderThreads(workerFile: string, maxMemoryMb: number): StartRenderThread {
  return (cancelled, listener) => {
    if (!cancelled) throw new Error('Node always has SharedArrayBuffer');
    const worker = new Worker(workerFile, {
      workerData: { cancelled } satisfies RenderWorkerData,
      // A young generation of 96 MB (32 MB semi-spaces) halves the collector's share of a big render.
      resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb, maxYoungGenerationSizeMb: 96 },
    });
    worker.on('message', listener.message);
    worker.on('error', (error: Error & { code?: string }) => {
      listener.died(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? stopped(
              'memory',
              `${STOPPED_PREFIX}it needed more memory than ${maxMemoryMb} MB. Simplify the template (a smaller payload, fewer nested helpers or loops).`,
            )
          : stopped('crashed', `${STOPPED_PREFIX}the render worker failed (${error.message}).`),
      );
    });
    worker.on('exit', (code) => listener.died(stopped('crashed', `${STOPPED_PREFIX}the render worker exited (code ${code}).`)));
    return {
      postMessage: (message) => worker.postMessage(message),
      ref: () => worker.ref(),
      unref: () => worker.unref(),
      terminate: () => void worker.terminate(),
    };
  };
}
