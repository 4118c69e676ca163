/**
 * Renders payload templates in a worker (a Node worker thread, renderInWorker.ts; a Web Worker in the
 * browser, client/src/web/browserRenderThread.ts), so that no template can freeze or crash the process
 * that asked: the VS Code extension host (preview and send), the CLI, and the web extension host.
 *
 * One persistent worker, started on the first render and started again after it was terminated.
 * Requests run one at a time, in order, and every `render` promise resolves (it never rejects):
 *
 * - **A newer request supersedes an older one with the same `key`** (the preview uses the payload's
 *   URI, so a keystroke replaces the render of the previous one). The older promise resolves at once
 *   with `stopped: { kind: 'superseded', reason: 'rendering stopped: superseded by a newer edit' }`;
 *   callers drop such results. A superseded render that is already running is told to stop (it stops at
 *   its next helper call); if it has not stopped within `cancelGraceMs`, the worker is terminated, so
 *   the newer request never waits long behind it.
 * - **`signal`** (an AbortSignal or a VS Code CancellationToken) cancels a request the same way, with
 *   `kind: 'cancelled'`.
 * - **Hard time limit.** The renderer checks its own budget (`limits.timeMs`) on every helper call;
 *   work between helper calls (compiling a huge template, say) is bounded here: after
 *   `limits.timeMs + graceMs` the worker is terminated and the result is `stopped` with
 *   `kind: 'timeout'` ("rendering stopped: it took longer than 2 s. …").
 * - **Memory** (Node only: a browser has no heap limit for a worker, where the time limit bounds a
 *   render). The worker's heap is limited (`maxMemoryMb`, default 512 MB); a render that needs more
 *   ends the worker with `stopped`, `kind: 'memory'` ("rendering stopped: it needed more memory than
 *   512 MB. …"). A worker that dies otherwise gives `kind: 'crashed'`.
 *
 * Cooperative cancellation needs a SharedArrayBuffer, which a browser gives only to cross-origin
 * isolated pages; without one, a superseded or cancelled render is stopped by terminating its worker
 * after `cancelGraceMs`, as a render that ignores the flag is in Node.
 */
import { DEFAULT_RENDER_LIMITS, type RenderLimits } from './renderBudget';
import { CANCELLED_REASON, STOPPED_PREFIX, SUPERSEDED_REASON, timeStoppedReason, type RenderResult, type StopKind } from './renderResult';
import type { SampleData } from './sampleData';
import type { RenderReplyMessage, RenderRequestMessage } from './renderMessages';

/** VS Code's CancellationToken, structurally (this module does not import vscode). */
export interface CancellationTokenLike {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => unknown): { dispose(): unknown };
}

export interface RenderRequestOptions {
  /** The time `{{now}}` and `{{timestamp}}` render (default: the time of the render). */
  now?: Date;
  /** Time and output limits (default DEFAULT_RENDER_LIMITS: 2 s, 1,000,000 characters). */
  limits?: RenderLimits;
  /** A newer request with the same key supersedes this one (default `'default'`). */
  key?: string;
  /** Cancels this request: its promise resolves with `stopped`, kind `cancelled`. */
  signal?: AbortSignal | CancellationTokenLike;
}

/** A started render worker, as the pool drives it (Node: renderInWorker.ts; browser: client/src/web/browserRenderThread.ts). */
export interface RenderThread {
  postMessage(message: RenderRequestMessage): void;
  /** Node: keep the process alive while a render runs, not while the worker idles. No-ops in a browser. */
  ref(): void;
  unref(): void;
  terminate(): void;
}

export interface RenderThreadListener {
  message(message: RenderReplyMessage | { type: 'ready' }): void;
  /** The worker died by itself; `result` says how (out of memory, crashed, exited). */
  died(result: RenderResult): void;
}

/**
 * Starts a worker. `cancelled`, when the platform has SharedArrayBuffer: a request whose id is at
 * most `cancelled[0]` is cancelled (the worker checks it at every helper call).
 */
export type StartRenderThread = (cancelled: Int32Array | undefined, listener: RenderThreadListener) => RenderThread;

export interface RenderPoolOptions {
  /** How long past `limits.timeMs` a render may run before the worker is terminated (default 500 ms). */
  graceMs?: number;
  /** How long a superseded or cancelled render may take to stop before the worker is terminated (default 250 ms). */
  cancelGraceMs?: number;
  /** How long a new worker may take to load before it counts as crashed (default 15 s). */
  startTimeoutMs?: number;
}

/** What the pool did so far, for tests and logs. */
export interface RenderWorkerStats {
  workersStarted: number;
  /** Workers the pool terminated: over time, superseded without stopping, or disposed. */
  workersTerminated: number;
  /** Workers that died by themselves (out of memory, crashed). */
  workersDied: number;
}

interface Job {
  id: number;
  key: string;
  message: RenderRequestMessage;
  limits: RenderLimits;
  resolve: (result: RenderResult) => void;
  settled: boolean;
  timer?: ReturnType<typeof setTimeout>;
  cancelTimer?: ReturnType<typeof setTimeout>;
  unsubscribe?: () => void;
}

interface WorkerState {
  worker: RenderThread;
  ready: boolean;
  startTimer?: ReturnType<typeof setTimeout>;
}

export const stopped = (kind: StopKind, reason: string): RenderResult => ({ stopped: { kind, reason } });

export class RenderPool {
  private readonly graceMs: number;
  private readonly cancelGraceMs: number;
  private readonly startTimeoutMs: number;
  /** A request whose id is at most `cancelled[0]` is cancelled (shared with every worker; see the module comment). */
  private readonly cancelled = typeof SharedArrayBuffer === 'function' ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
  private readonly queue: Job[] = [];
  private running: Job | undefined;
  private current: WorkerState | undefined;
  private nextId = 0;
  private disposed = false;
  private readonly counts: RenderWorkerStats = { workersStarted: 0, workersTerminated: 0, workersDied: 0 };

  constructor(
    private readonly startThread: StartRenderThread,
    options: RenderPoolOptions = {},
  ) {
    this.graceMs = options.graceMs ?? 500;
    this.cancelGraceMs = options.cancelGraceMs ?? 250;
    this.startTimeoutMs = options.startTimeoutMs ?? 15_000;
  }

  get stats(): Readonly<RenderWorkerStats> {
    return { ...this.counts };
  }

  /** Renders in the worker. Never rejects: every problem is in the result (see the module comment). */
  render(template: string, sample: SampleData, options: RenderRequestOptions = {}): Promise<RenderResult> {
    if (this.disposed) return Promise.resolve(stopped('cancelled', `${STOPPED_PREFIX}the renderer was shut down.`));
    const signal = options.signal;
    if (signal && isCancelled(signal)) return Promise.resolve(stopped('cancelled', CANCELLED_REASON));
    const key = options.key ?? 'default';
    const limits = options.limits ?? DEFAULT_RENDER_LIMITS;
    const id = ++this.nextId;
    return new Promise<RenderResult>((resolve) => {
      const job: Job = {
        id,
        key,
        limits,
        resolve,
        settled: false,
        message: {
          type: 'render',
          id,
          template,
          sample,
          limits: { timeMs: limits.timeMs, maxOutputChars: limits.maxOutputChars },
          ...(options.now ? { now: options.now.getTime() } : {}),
        },
      };
      for (const queued of this.queue.filter((other) => other.key === key)) this.cancel(queued, stopped('superseded', SUPERSEDED_REASON));
      if (this.running && this.running.key === key) this.cancel(this.running, stopped('superseded', SUPERSEDED_REASON));
      if (signal) job.unsubscribe = onCancel(signal, () => this.cancel(job, stopped('cancelled', CANCELLED_REASON)));
      this.queue.push(job);
      this.pump();
    });
  }

  /** Terminates the worker; pending renders resolve as cancelled. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const shutDown = stopped('cancelled', `${STOPPED_PREFIX}the renderer was shut down.`);
    for (const job of this.queue.splice(0)) this.settle(job, shutDown);
    if (this.running) this.settle(this.running, shutDown);
    this.running = undefined;
    this.terminate();
  }

  private settle(job: Job, result: RenderResult): void {
    if (job.timer) clearTimeout(job.timer);
    if (job.cancelTimer) clearTimeout(job.cancelTimer);
    job.timer = job.cancelTimer = undefined;
    if (job.settled) return;
    job.settled = true;
    job.unsubscribe?.();
    job.resolve(result);
  }

  /** Resolves `job` now; a running job is told to stop and, if it does not, the worker is terminated. */
  private cancel(job: Job, result: RenderResult): void {
    if (job.settled) return;
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.settle(job, result);
      return;
    }
    if (this.running !== job) return;
    job.settled = true;
    job.unsubscribe?.();
    job.resolve(result);
    if (this.cancelled) Atomics.store(this.cancelled, 0, Math.max(Atomics.load(this.cancelled, 0), job.id));
    job.cancelTimer = setTimeout(() => {
      if (this.running !== job) return;
      this.finishRunning();
      this.terminate();
      this.pump();
    }, this.cancelGraceMs);
  }

  private pump(): void {
    if (this.running || this.disposed) return;
    const job = this.queue.shift();
    if (!job) {
      this.current?.worker.unref();
      return;
    }
    this.running = job;
    const state = this.current ?? this.start();
    state.worker.ref();
    state.worker.postMessage(job.message);
    if (state.ready) this.startClock(job);
  }

  /** The hard time limit of the running job, from the moment a loaded worker has it. */
  private startClock(job: Job): void {
    if (job.timer || job.settled) return;
    job.timer = setTimeout(() => {
      if (this.running !== job) return;
      this.finishRunning();
      this.settle(job, stopped('timeout', timeStoppedReason(job.limits)));
      this.terminate();
      this.pump();
    }, job.limits.timeMs + this.graceMs);
  }

  private finishRunning(): Job | undefined {
    const job = this.running;
    this.running = undefined;
    if (job?.timer) clearTimeout(job.timer);
    if (job?.cancelTimer) clearTimeout(job.cancelTimer);
    return job;
  }

  private start(): WorkerState {
    let state: WorkerState | undefined;
    const worker = this.startThread(this.cancelled, {
      message: (message) => {
        if (!state || this.current !== state) return;
        if (message.type === 'ready') {
          state.ready = true;
          clearTimeout(state.startTimer);
          if (this.running) this.startClock(this.running);
          return;
        }
        if (message.type !== 'result' || this.running?.id !== message.id) return;
        const job = this.finishRunning();
        if (job) this.settle(job, message.result);
        this.pump();
      },
      died: (result) => {
        if (state) this.died(state, result);
      },
    });
    const started: WorkerState = { worker, ready: false };
    state = started;
    this.current = started;
    this.counts.workersStarted++;
    started.startTimer = setTimeout(() => {
      if (this.current !== started || started.ready) return;
      this.died(started, stopped('crashed', `${STOPPED_PREFIX}the render worker did not start within ${this.startTimeoutMs / 1000} s.`));
      worker.terminate();
    }, this.startTimeoutMs);
    return started;
  }

  /** The current worker is gone by itself: its running job ends with `result`, the next one gets a new worker. */
  private died(state: WorkerState, result: RenderResult): void {
    if (this.current !== state) return;
    clearTimeout(state.startTimer);
    this.current = undefined;
    this.counts.workersDied++;
    const job = this.finishRunning();
    if (job) this.settle(job, result);
    this.pump();
  }

  private terminate(): void {
    const state = this.current;
    if (!state) return;
    this.current = undefined;
    clearTimeout(state.startTimer);
    this.counts.workersTerminated++;
    state.worker.terminate();
  }
}

function isCancelled(signal: AbortSignal | CancellationTokenLike): boolean {
  return 'aborted' in signal ? signal.aborted : signal.isCancellationRequested;
}

function onCancel(signal: AbortSignal | CancellationTokenLike, listener: () => void): () => void {
  if ('aborted' in signal) {
    signal.addEventListener('abort', listener, { once: true });
    return () => signal.removeEventListener('abort', listener);
  }
  const subscription = signal.onCancellationRequested(listener);
  return () => void subscription.dispose();
}
