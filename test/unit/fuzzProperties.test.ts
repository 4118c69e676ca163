/**
 * Property-based fuzzing with fast-check: generated payload templates (Regal keys, merge fields,
 * helpers, blocks around members, comments, stray commas, any Unicode with lone surrogates) with
 * edit-in-progress noise, token soup, and nesting past 512 levels, each checked against every
 * invariant of test/support/fuzz/invariants.ts. Half of the run's FUZZ_RUNS inputs (see
 * test/support/fuzz/random.ts). fast-check shrinks a failure to a minimal payload and prints it
 * with its seed: the same FUZZ_SEED and FUZZ_RUNS replay it (the path it prints goes into
 * `fc.assert` to replay only the failing input).
 */
import fc from 'fast-check';
import { describe, it, type TestContext } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { checkText, fuzzService, fuzzSummary, TIMED_INPUT_LIMIT } from '../support/fuzz/invariants';
import { cursorOffsets, deepNesting, noise, payloadTemplate, tokenSoup, withNoise } from '../support/fuzz/generators';
import { fuzzHangGuardMs, fuzzRuns, fuzzSeed } from '../support/fuzz/random';
import { fuzzWorkspaces } from '../support/fuzz/workspaces';

const workspaces = new Map(fuzzWorkspaces(fuzzService).map((w) => [w.name, w.workspace]));
/** By name, so that a counterexample prints the name, not the catalog. */
const workspace = fc.constantFrom(...workspaces.keys());

/** Checks one input, after a turn of the event loop (so that the test's hang guard can fire between inputs). */
async function check(text: string, offsets: readonly number[], workspaceName: string): Promise<void> {
  await nextTurn();
  checkText(text, {
    workspace: workspaces.get(workspaceName),
    offsets: offsets.map((o) => o % (text.length + 1)),
    applyFixes: text.length > TIMED_INPUT_LIMIT ? 1 : 4,
    timed: true,
  });
}

async function assertProperty<Ts extends [unknown, ...unknown[]]>(
  t: TestContext,
  name: string,
  property: fc.IAsyncProperty<Ts>,
  numRuns: number,
): Promise<void> {
  const seed = fuzzSeed();
  const started = performance.now();
  await fc.assert(property, { seed, numRuns, includeErrorInReport: true });
  t.diagnostic(`${name}: FUZZ_SEED=${seed}, ${numRuns} inputs, ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

describe('fuzzing: generated payload templates', () => {
  const templates = fuzzRuns(0.4);
  it(`every service call holds its invariants on ${templates} generated templates with edit noise`, { timeout: fuzzHangGuardMs(templates) }, async (t) => {
    const property = fc.asyncProperty(payloadTemplate, noise, cursorOffsets, workspace, (template, insertions, offsets, named) =>
      check(withNoise(template, insertions), offsets, named),
    );
    await assertProperty(t, 'templates', property, templates);
  });

  const soups = fuzzRuns(0.09);
  it(`every service call holds its invariants on ${soups} token soups`, { timeout: fuzzHangGuardMs(soups) }, async (t) => {
    const property = fc.asyncProperty(tokenSoup, cursorOffsets, workspace, (text, offsets, named) => check(text, offsets, named));
    await assertProperty(t, 'token soup', property, soups);
  });

  const deep = fuzzRuns(0.01);
  it(`every service call holds its invariants on ${deep} payloads nested past 512 levels`, { timeout: fuzzHangGuardMs(deep) }, async (t) => {
    const property = fc.asyncProperty(deepNesting, cursorOffsets, workspace, (text, offsets, named) => check(text, offsets, named));
    await assertProperty(t, 'deep nesting', property, deep);
    for (const line of fuzzSummary()) t.diagnostic(line);
  });
});
