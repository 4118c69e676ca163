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
import { checkText, fuzzService, fuzzSummary, TIMED_INPUT_LIMIT } from '../support/fuzz/invariants';
import { cursorOffsets, deepNesting, noise, payloadTemplate, tokenSoup, withNoise } from '../support/fuzz/generators';
import { fuzzRuns, fuzzSeed } from '../support/fuzz/random';
import { fuzzWorkspaces } from '../support/fuzz/workspaces';

const workspaces = new Map(fuzzWorkspaces(fuzzService).map((w) => [w.name, w.workspace]));
/** By name, so that a counterexample prints the name, not the catalog. */
const workspace = fc.constantFrom(...workspaces.keys());

function check(text: string, offsets: readonly number[], workspaceName: string): void {
  checkText(text, {
    workspace: workspaces.get(workspaceName),
    offsets: offsets.map((o) => o % (text.length + 1)),
    applyFixes: text.length > TIMED_INPUT_LIMIT ? 1 : 4,
    timed: true,
  });
}

function assertProperty<Ts extends [unknown, ...unknown[]]>(t: TestContext, name: string, property: fc.IProperty<Ts>, numRuns: number): void {
  const seed = fuzzSeed();
  const started = performance.now();
  fc.assert(property, { seed, numRuns, includeErrorInReport: true });
  t.diagnostic(`${name}: FUZZ_SEED=${seed}, ${numRuns} inputs, ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

describe('fuzzing: generated payload templates', () => {
  const templates = fuzzRuns(0.4);
  it(`every service call holds its invariants on ${templates} generated templates with edit noise`, (t) => {
    const property = fc.property(payloadTemplate, noise, cursorOffsets, workspace, (template, insertions, offsets, named) => {
      check(withNoise(template, insertions), offsets, named);
    });
    assertProperty(t, 'templates', property, templates);
  });

  const soups = fuzzRuns(0.09);
  it(`every service call holds its invariants on ${soups} token soups`, (t) => {
    const property = fc.property(tokenSoup, cursorOffsets, workspace, (text, offsets, named) => check(text, offsets, named));
    assertProperty(t, 'token soup', property, soups);
  });

  const deep = fuzzRuns(0.01);
  it(`every service call holds its invariants on ${deep} payloads nested past 512 levels`, (t) => {
    const property = fc.property(deepNesting, cursorOffsets, workspace, (text, offsets, named) => check(text, offsets, named));
    assertProperty(t, 'deep nesting', property, deep);
    for (const line of fuzzSummary()) t.diagnostic(line);
  });
});
