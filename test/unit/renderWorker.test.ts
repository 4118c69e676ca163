/**
 * Rendering in the worker thread (server/src/rendering/renderInWorker.ts + renderWorker.ts, built as a
 * script by test/support/renderWorker.ts): the pathological payloads end in `stopped`
 * results instead of crashing or freezing the process, a render that overruns between helper calls is
 * terminated at its time limit, a worker out of memory gives `stopped`, the worker comes back after
 * each termination, and newer requests supersede older ones. No sleeps: every wait is on a promise;
 * no clock is asserted on: a stop's kind and reason say which limit stopped it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { generatePayload, generateSample } from '../../bench/generatePayload';
import { RenderWorkerPool } from '../../server/src/rendering/renderInWorker';
import { STOPPED_PREFIX, type RenderResult } from '../../server/src/rendering/renderTemplate';
import { emptySample, type SampleData } from '../../server/src/rendering/sampleData';
import { nestedReplace, renderWorkerFile } from '../support/renderWorker';

const workerFile = renderWorkerFile();
const pools: RenderWorkerPool[] = [];
function pool(options: ConstructorParameters<typeof RenderWorkerPool>[0] = {}): RenderWorkerPool {
  const created = new RenderWorkerPool({ workerFile, ...options });
  pools.push(created);
  return created;
}
after(() => {
  for (const created of pools) created.dispose();
});

function assertStopped(result: RenderResult, kind: string, pattern: RegExp): void {
  assert.ok(result.stopped, `expected a stopped render, got ${JSON.stringify(result).slice(0, 300)}`);
  assert.equal(result.stopped.kind, kind, result.stopped.reason);
  assert.ok(result.stopped.reason.startsWith(STOPPED_PREFIX));
  assert.match(result.stopped.reason, pattern);
  assert.equal(result.text, undefined);
}

/** A template of `count` plain mustaches: compiling it takes seconds, and no helper is ever called. */
function helperFreeTemplate(count: number): string {
  const fields = Array.from({ length: count }, (_, i) => `{{f${i}}}`);
  return `{"a": "${fields.join('-')}"}`;
}

const small = '{"name": "{{upper firstName}}"}';
/** A hang guard (node:test fails the test instead of waiting forever), not a timing assertion: the renders here take a second or two. */
const HANG_GUARD_MS = 120_000;
const ada: SampleData = { profile: { firstName: 'Ada' }, event: {} };

describe("render worker: the issue's payloads", () => {
  it('14 nested replace calls (310 bytes) stop on the output budget, not on the time limit, and the worker lives on', { timeout: HANG_GUARD_MS }, async () => {
    const renderer = pool();
    const template = nestedReplace(14);
    assert.ok(template.length < 400);
    const result = await renderer.render(template, emptySample);
    // The output budget's reason, not the time budget's ("took longer") nor the watchdog's (kind timeout).
    assertStopped(result, 'budget', /output grew past 1,000,000 characters/);
    assert.equal((await renderer.render(small, ada)).text, '{"name": "ADA"}');
    assert.deepEqual(renderer.stats, { workersStarted: 1, workersTerminated: 0, workersDied: 0 });
  });

  it('renders a normal payload, with its assumptions, in the worker', async () => {
    const result = await pool().render(small, ada, { now: new Date(0) });
    assert.equal(result.text, '{"name": "ADA"}');
    assert.deepEqual(result.json, { name: 'ADA' });
    assert.ok(result.assumptions?.includes('workflow-fields'));
  });
});

describe('render worker: hard time limit', () => {
  it('terminates a render that never calls a helper once past timeMs + grace, then starts a new worker', { timeout: HANG_GUARD_MS }, async () => {
    const renderer = pool({ graceMs: 100 });
    const result = await renderer.render(helperFreeTemplate(200_000), emptySample, { limits: { timeMs: 50, maxOutputChars: 10_000_000 } });
    // Kind timeout is the watchdog's (the renderer's own budget says budget): the worker was terminated.
    assertStopped(result, 'timeout', /took longer than 0\.05 s/);
    assert.equal(renderer.stats.workersTerminated, 1);
    // The next render gets a new worker.
    assert.equal((await renderer.render(small, ada)).text, '{"name": "ADA"}');
    assert.deepEqual(renderer.stats, { workersStarted: 2, workersTerminated: 1, workersDied: 0 });
  });

  it('terminates a worker that never answers (a stand-in for any render stuck between helper calls)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'regal-stuck-worker-'));
    const stuck = path.join(dir, 'stuckWorker.js');
    writeFileSync(
      stuck,
      "const { parentPort } = require('node:worker_threads');\nparentPort.postMessage({ type: 'ready' });\nparentPort.on('message', () => { for (;;) {} });\n",
    );
    const renderer = pool({ workerFile: stuck, graceMs: 50 });
    const result = await renderer.render(small, ada, { limits: { timeMs: 100, maxOutputChars: 1_000 } });
    assertStopped(result, 'timeout', /took longer than 0\.1 s/);
    const second = await renderer.render(small, ada, { limits: { timeMs: 100, maxOutputChars: 1_000 } });
    assertStopped(second, 'timeout', /took longer/);
    assert.deepEqual(renderer.stats, { workersStarted: 2, workersTerminated: 2, workersDied: 0 });
  });
});

describe('render worker: memory', () => {
  it('a render that needs more than the heap limit gives stopped (memory), and the next render works', async () => {
    const renderer = pool({ maxMemoryMb: 32 });
    const template = generatePayload(1_000_000);
    const result = await renderer.render(template, generateSample(template), { limits: { timeMs: 60_000, maxOutputChars: 10_000_000 } });
    assertStopped(result, 'memory', /needed more memory than 32 MB/);
    assert.equal(renderer.stats.workersDied, 1);
    assert.equal((await renderer.render(small, ada)).text, '{"name": "ADA"}');
    assert.equal(renderer.stats.workersStarted, 2);
  });
});

describe('render worker: newer requests', () => {
  it('a newer request with the same key supersedes a queued or running one; the newest renders', async () => {
    const renderer = pool();
    const slow = renderer.render(generatePayload(100_000), emptySample, { key: 'preview' });
    const middle = renderer.render('{"v": 2}', emptySample, { key: 'preview' });
    const newest = renderer.render('{"v": 3}', emptySample, { key: 'preview' });
    const order: string[] = [];
    const [a, b, c] = await Promise.all([
      slow.then((r) => (order.push('slow'), r)),
      middle.then((r) => (order.push('middle'), r)),
      newest.then((r) => (order.push('newest'), r)),
    ]);
    assertStopped(a, 'superseded', /superseded by a newer edit/);
    assertStopped(b, 'superseded', /superseded by a newer edit/);
    assert.equal(c.text, '{"v": 3}');
    assert.deepEqual(order, ['slow', 'middle', 'newest']);
  });

  it('a superseded render that does not stop by itself is terminated after cancelGraceMs, so the newer one does not wait for it', async () => {
    const renderer = pool({ cancelGraceMs: 50 });
    const stuck = renderer.render(helperFreeTemplate(200_000), emptySample, { key: 'preview', limits: { timeMs: 60_000, maxOutputChars: 10_000_000 } });
    // Once the worker has the first request, a newer one supersedes it.
    const newer = renderer.render(small, ada, { key: 'preview' });
    assertStopped(await stuck, 'superseded', /superseded/);
    const result = await newer;
    assert.equal(result.text, '{"name": "ADA"}');
    assert.equal(renderer.stats.workersTerminated, 1, 'the stuck render was terminated');
  });

  it('requests with different keys do not supersede each other', async () => {
    const renderer = pool();
    const [a, b] = await Promise.all([
      renderer.render('{"v": "{{upper a}}"}', { profile: { a: 'x' }, event: {} }, { key: 'one' }),
      renderer.render('{"v": 2}', emptySample, { key: 'two' }),
    ]);
    assert.equal(a.text, '{"v": "X"}');
    assert.equal(b.text, '{"v": 2}');
  });

  it('an AbortSignal or a CancellationToken cancels a request', async () => {
    const renderer = pool();
    const controller = new AbortController();
    const aborted = renderer.render(generatePayload(100_000), emptySample, { signal: controller.signal });
    controller.abort();
    assertStopped(await aborted, 'cancelled', /cancelled/);
    assertStopped(await renderer.render(small, ada, { signal: AbortSignal.abort() }), 'cancelled', /cancelled/);
    let listener: (() => unknown) | undefined;
    const token = {
      isCancellationRequested: false,
      onCancellationRequested: (l: () => unknown) => ((listener = l), { dispose: () => (listener = undefined) }),
    };
    const viaToken = renderer.render(generatePayload(100_000), emptySample, { signal: token });
    token.isCancellationRequested = true;
    listener?.();
    assertStopped(await viaToken, 'cancelled', /cancelled/);
    assert.equal((await renderer.render(small, ada)).text, '{"name": "ADA"}');
  });

  it('dispose() resolves pending renders as cancelled, and later renders resolve stopped', async () => {
    const renderer = pool();
    const pending = renderer.render(generatePayload(100_000), emptySample);
    renderer.dispose();
    assertStopped(await pending, 'cancelled', /shut down/);
    assertStopped(await renderer.render(small, ada), 'cancelled', /shut down/);
  });
});
