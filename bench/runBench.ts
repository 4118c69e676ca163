/**
 * `npm run bench`: measures diagnostics against VS Code's JSON service and JSON.parse, completion
 * and hover latency, the stdio round trip and memory of the bundled server, and the package sizes;
 * prints the report and writes bench/results.md. Run from the repository root (npm does).
 * `BENCH_QUICK=1` runs fewer rounds (a smoke run, not for results.md).
 */
import { writeFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as path from 'node:path';
import { createLanguageService } from '../server/src/service/languageService';
import schema from '../schemas/regal-event.schema.json';
import { benchDiagnostics, checkBothValidate, createJsonService, type SizeCase } from './diagnosticsBench';
import { benchEditing } from './editingBench';
import { describeMachine } from './machine';
import { buildAndMeasurePackage } from './packageSizes';
import { renderReport } from './report';
import { benchRendering, renderChild, type RenderSizeCase } from './renderBench';
import { benchProcesses } from './processBench';
import { benchMemory, benchRoundTrip, SERVER_DEBOUNCE_MS } from './serverBench';

const repoRoot = process.cwd();
const quick = process.env.BENCH_QUICK === '1';

const SIZES: SizeCase[] = [
  { label: '2 KB', bytes: 2_000, rounds: 30, warmup: 5, batch: 50 },
  { label: '100 KB', bytes: 100_000, rounds: 12, warmup: 2, batch: 10 },
  { label: '1 MB', bytes: 1_000_000, rounds: 8, warmup: 1, batch: 3 },
  { label: '5 MB', bytes: 5_000_000, rounds: 5, warmup: 1, batch: 2 },
];

const RENDER_SIZES: RenderSizeCase[] = [
  { label: '2 KB', bytes: 2_000, runs: 30 },
  { label: '100 KB', bytes: 100_000, runs: 10 },
  { label: '1 MB', bytes: 1_000_000, runs: 5 },
];

async function main(): Promise<void> {
  const ours = createLanguageService({ schema: schema as Record<string, unknown> });
  const jsonService = createJsonService(schema as Record<string, unknown>);
  await checkBothValidate(ours, jsonService);
  const diagnostics = [];
  for (const size of SIZES) {
    const scaled = quick ? { ...size, rounds: 2, warmup: 1 } : size;
    const result = await benchDiagnostics(ours, jsonService, scaled);
    console.log(
      `diagnostics ${size.label}: ours ${result.ours.p50.toFixed(2)} ms, JSON service ${result.jsonService.p50.toFixed(2)} ms, JSON.parse ${result.jsonParse.p50.toFixed(3)} ms`,
    );
    diagnostics.push(result);
  }
  const rendering = benchRendering(quick ? RENDER_SIZES.map((size) => ({ ...size, runs: 2 })) : RENDER_SIZES);
  for (const r of rendering) console.log(`render ${r.label}: ${r.render.p50.toFixed(1)} ms, peak +${r.peakMb.toFixed(0)} MB`);
  const editing = benchEditing(ours, quick ? 3 : 20);
  console.log(`completion p50 ${editing.completion.p50.toFixed(3)} ms, hover p50 ${editing.hover.p50.toFixed(3)} ms`);
  // The server benchmarks run the production bundle that `npm run package` leaves in dist/.
  const sizes = buildAndMeasurePackage(repoRoot);
  // Whole processes: `check` (dist/cli.js, just built) against the JSON service, on the same 5 MB payload.
  const processes = benchProcesses(
    repoRoot,
    '5 MB',
    5_000_000,
    quick ? 1 : 5,
    (template) => ours.analyze(TextDocument.create('file:///bench/process.regal.json', 'regal-webhook', 1, template)).template.view(0).text,
  );
  console.log(
    `whole process ${processes.label}: check ${processes.ours.p50.toFixed(0)} ms / ${processes.oursPeakMb.toFixed(0)} MB, JSON service ${processes.jsonService.p50.toFixed(0)} ms / ${processes.jsonServicePeakMb.toFixed(0)} MB`,
  );
  const roundTrip = await benchRoundTrip(quick ? 5 : 20);
  console.log(`round trip p50 ${roundTrip.roundTrip.p50.toFixed(1)} ms`);
  const memory = await benchMemory(repoRoot);
  console.log(`server RSS ${memory.rssOpenMb.toFixed(1)} MB with ${memory.documents} payloads`);

  const report = renderReport({
    date: new Date().toISOString().slice(0, 10),
    machine: describeMachine(),
    diagnostics,
    processes,
    rendering,
    editing,
    roundTrip,
    debounceMs: SERVER_DEBOUNCE_MS,
    memory,
    sizes,
  });
  console.log(`\n${report}`);
  if (quick) console.log('(BENCH_QUICK: bench/results.md left as it was)');
  else writeFileSync(path.join(repoRoot, 'bench', 'results.md'), report);
}

const child = process.argv.indexOf('--render-child');
if (child >= 0) {
  // One size of the rendering benchmark, in a process of its own (renderBench.ts).
  renderChild(Number(process.argv[child + 1]), Number(process.argv[child + 2]));
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
