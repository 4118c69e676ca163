/**
 * The whole-process comparison: `regal-webhook check FILE` (dist/cli.js, as `npm run package` builds
 * it) against a process running VS Code's JSON language service on the same payload with our schema
 * (jsonServiceProcess.ts), each a fresh Node process, started in turn (interleaved) so the machine's
 * ups and downs fall on both. Wall time from spawn to exit, and the peak resident set each process
 * reports at exit (process.resourceUsage().maxRSS, from a preloaded module: Node gives a parent no
 * child's rusage). As in diagnosticsBench.ts, the JSON service reads the placeholder JSON of the
 * template (same length, valid JSON): the template itself is no JSON.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { generatePayload } from './generatePayload';
import { summarize, type Summary } from './measure';

export interface ProcessResult {
  label: string;
  length: number;
  runs: number;
  /** Wall time of each process, spawn to exit, in ms. */
  ours: Summary;
  jsonService: Summary;
  /** Median peak resident set, in MB. */
  oursPeakMb: number;
  jsonServicePeakMb: number;
}

const PEAK_MARK = 'regal-bench-peak-rss-kb=';
const PEAK_REPORTER = `process.on('exit', () => process.stderr.write('\\n${PEAK_MARK}' + process.resourceUsage().maxRSS + '\\n'));\n`;

interface Contender {
  script: string;
  file: string;
  /** Exit codes that mean the run went as planned (check exits 0 on a clean payload). */
  expect: (status: number | null, stdout: string) => boolean;
}

export function benchProcesses(repoRoot: string, label: string, bytes: number, runs: number, placeholderOf: (template: string) => string): ProcessResult {
  const dir = mkdtempSync(path.join(tmpdir(), 'regal-bench-'));
  try {
    const template = generatePayload(bytes);
    const payload = path.join(dir, 'payload.regal.json');
    const placeholder = path.join(dir, 'payload.json');
    const reporter = path.join(dir, 'peakRss.cjs');
    writeFileSync(payload, template);
    writeFileSync(placeholder, placeholderOf(template));
    writeFileSync(reporter, PEAK_REPORTER);
    const contenders: Record<'ours' | 'jsonService', Contender> = {
      ours: { script: path.join(repoRoot, 'dist', 'cli.js'), file: payload, expect: (status) => status === 0 },
      jsonService: {
        script: path.join(repoRoot, 'out', 'bench', 'jsonServiceProcess.js'),
        file: placeholder,
        expect: (status, stdout) => status === 0 && stdout.startsWith('0 diagnostics'),
      },
    };
    const times = { ours: [] as number[], jsonService: [] as number[] };
    const peaks = { ours: [] as number[], jsonService: [] as number[] };
    for (let run = 0; run < runs; run++) {
      for (const name of ['ours', 'jsonService'] as const) {
        const { script, file, expect } = contenders[name];
        const args = ['-r', reporter, script, ...(name === 'ours' ? ['check', file] : [file])];
        const started = performance.now();
        const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
        times[name].push(performance.now() - started);
        if (!expect(child.status, child.stdout))
          throw new Error(
            `${name} process on the ${label} payload did not end as expected (${child.status ?? child.signal}):\n${child.stdout.slice(0, 500)}\n${child.stderr.slice(0, 2000)}`,
          );
        const kb = Number(new RegExp(`${PEAK_MARK}(\\d+)`).exec(child.stderr)?.[1]);
        peaks[name].push(kb / 1024);
      }
    }
    return {
      label,
      length: template.length,
      runs,
      ours: summarize(times.ours),
      jsonService: summarize(times.jsonService),
      oursPeakMb: summarize(peaks.ours).p50,
      jsonServicePeakMb: summarize(peaks.jsonService).p50,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
