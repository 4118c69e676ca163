/**
 * Rendering a payload with sample data (what the preview and the send command do, in the render
 * worker): the generated bench payloads with a sample that gives every merge field a value
 * (generateSample), rendered by renderTemplate as bundled (Handlebars without source maps, as in
 * dist/renderWorker.js). Each size runs in a child process of its own, with the worker's young
 * generation size, so that its peak memory is its own: the growth of the resident set over the
 * process's size before the first render. Limits are raised so that every render runs to the end; the
 * report says which sizes the default budget (2 s, 1,000,000 characters) would stop.
 */
import { spawnSync } from 'node:child_process';
import { renderTemplate } from '../server/src/rendering/renderTemplate';
import { DEFAULT_RENDER_LIMITS } from '../server/src/rendering/renderBudget';
import { generatePayload, generateSample } from './generatePayload';
import { summarize, type Summary } from './measure';

export interface RenderSizeCase {
  label: string;
  bytes: number;
  runs: number;
}

export interface RenderBenchResult {
  label: string;
  length: number;
  outputLength: number;
  render: Summary;
  /** Peak resident set growth over the process before rendering, in MB. */
  peakMb: number;
  /** Whether the default budget would stop this render (time or output). */
  overDefaultBudget: boolean;
}

const BENCH_LIMITS = { timeMs: 600_000, maxOutputChars: 100_000_000 };

/** The child's side: renders `runs` times and prints one JSON line. */
export function renderChild(bytes: number, runs: number): void {
  const template = generatePayload(bytes);
  const sample = generateSample(template);
  const baseline = process.memoryUsage().rss;
  const samples: number[] = [];
  let outputLength = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const result = renderTemplate(template, sample, { now: new Date(0), limits: BENCH_LIMITS });
    samples.push(performance.now() - started);
    if (result.text === undefined || result.jsonError)
      throw new Error(`The ${bytes}-byte bench payload did not render to JSON: ${JSON.stringify(result).slice(0, 300)}`);
    outputLength = result.text.length;
  }
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ length: template.length, outputLength, samples, peakMb: (peak - baseline) / 1024 / 1024 }));
}

export function benchRendering(sizes: readonly RenderSizeCase[], script = process.argv[1] as string): RenderBenchResult[] {
  return sizes.map((size) => {
    // --max-semi-space-size=32: the render worker's young generation (renderInWorker.ts).
    const child = spawnSync(process.execPath, ['--max-semi-space-size=32', script, '--render-child', String(size.bytes), String(size.runs)], {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    if (child.status !== 0) throw new Error(`render bench child for ${size.label} failed (${child.status ?? child.signal}):\n${child.stderr}`);
    const measured = JSON.parse(child.stdout.trim().split('\n').at(-1) as string) as {
      length: number;
      outputLength: number;
      samples: number[];
      peakMb: number;
    };
    const render = summarize(measured.samples);
    return {
      label: size.label,
      length: measured.length,
      outputLength: measured.outputLength,
      render,
      peakMb: measured.peakMb,
      overDefaultBudget: render.p50 > DEFAULT_RENDER_LIMITS.timeMs || measured.outputLength > DEFAULT_RENDER_LIMITS.maxOutputChars,
    };
  });
}
