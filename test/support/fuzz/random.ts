/**
 * Seeds and budgets of the fuzz tests. Everything is deterministic by default so that a failure in
 * CI replays locally: `FUZZ_SEED` picks another seed (every fuzz test prints the one it used), and
 * `FUZZ_RUNS` sets the total number of inputs of one `npm test` run for a longer campaign.
 */

/** The inputs per `npm test` run the fuzz tests share, unless FUZZ_RUNS says otherwise. */
export const DEFAULT_FUZZ_RUNS = 20_000;
const DEFAULT_FUZZ_SEED = 2026;

export function fuzzSeed(): number {
  return integerFromEnv('FUZZ_SEED') ?? DEFAULT_FUZZ_SEED;
}

/** This test's share of the run: `share` of the total (the shares of all fuzz tests add up to 1). */
export function fuzzRuns(share: number): number {
  const total = integerFromEnv('FUZZ_RUNS') ?? DEFAULT_FUZZ_RUNS;
  return Math.max(1, Math.round(total * share));
}

/**
 * The timeout of a fuzz test of `runs` inputs: a hang guard (the test fails instead of waiting
 * forever), not a timing assertion. Far above the time a run takes on a loaded 2-core machine.
 */
export function fuzzHangGuardMs(runs: number): number {
  return Math.max(120_000, runs * 200);
}

function integerFromEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, not ${JSON.stringify(raw)}`);
  return value;
}

/** A small seeded PRNG (mulberry32): numbers in [0, 1). */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed of the `index`-th input of a run, so one input replays without the ones before it. */
export function inputSeed(runSeed: number, index: number): number {
  return (Math.imul(runSeed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
}

export function integerBelow(next: Random, n: number): number {
  return Math.floor(next() * n);
}

export function pick<T>(next: Random, items: readonly T[]): T {
  return items[integerBelow(next, items.length)];
}
