/**
 * Timing helpers for the benchmark: wall-clock samples with performance.now(), summarised by
 * percentiles. Medians, not means, so one garbage collection does not move a result.
 */

export interface Summary {
  p50: number;
  p95: number;
  max: number;
  samples: number;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] ?? NaN, samples: sorted.length };
}

/** Milliseconds taken by `work` (awaited when it returns a promise). */
export async function time(work: () => unknown): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/**
 * Runs the contenders in turn, `batch` consecutive runs each per round, so that the machine's ups and
 * downs fall on all of them alike while each runs in a steady state of its own (one contender's
 * garbage is not collected during another's run as often as it would be if they alternated every
 * call). The first `warmup` rounds (JIT, schema compilation) are not counted.
 */
export async function interleave(contenders: Record<string, () => unknown>, rounds: number, warmup: number, batch = 1): Promise<Record<string, Summary>> {
  const samples: Record<string, number[]> = {};
  for (const name of Object.keys(contenders)) samples[name] = [];
  for (let round = 0; round < warmup + rounds; round++) {
    for (const [name, work] of Object.entries(contenders)) {
      for (let run = 0; run < batch; run++) {
        const ms = await time(work);
        if (round >= warmup) samples[name].push(ms);
      }
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, list]) => [name, summarize(list)]));
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms < 0.1) return ms.toFixed(3);
  if (ms < 10) return ms.toFixed(2);
  return ms.toFixed(1);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}
