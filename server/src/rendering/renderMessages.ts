/**
 * The messages between the render pool (renderPool.ts) and a render worker, and how a worker answers
 * one: the same in a Node worker thread (renderWorker.ts) and a browser Web Worker
 * (browserRenderWorker.ts). Plain structured-clone data.
 */
import type { RenderLimits } from './renderBudget';
import { renderTemplate, type RenderResult, type SampleData } from './renderTemplate';

export interface RenderRequestMessage {
  type: 'render';
  id: number;
  template: string;
  sample: SampleData;
  /** Epoch milliseconds `{{now}}` renders (default: the time of the render). */
  now?: number;
  limits: RenderLimits;
}

export interface RenderReplyMessage {
  type: 'result';
  id: number;
  result: RenderResult;
}

/**
 * Renders one request. `cancelled`: the pool's shared flag (a request whose id is at most
 * `cancelled[0]` is cancelled, checked at every helper call), when the platform has SharedArrayBuffer.
 */
export function answerRenderRequest(request: RenderRequestMessage, cancelled: Int32Array | undefined): RenderReplyMessage {
  const result = renderTemplate(request.template, request.sample, {
    ...(request.now !== undefined ? { now: new Date(request.now) } : {}),
    limits: request.limits,
    isCancelled: () => (cancelled ? Atomics.load(cancelled, 0) >= request.id : false),
  });
  return { type: 'result', id: request.id, result };
}
