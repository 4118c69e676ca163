/**
 * Mutation fuzzing: seeded edits of every example, VS Code fixture and unit-test payload (JSON and
 * Handlebars punctuation, block tags, truncation, long runs, nesting past 512 levels, lone
 * surrogates), each result put through every invariant of test/support/fuzz/invariants.ts in one
 * of three workspaces. Half of the run's FUZZ_RUNS inputs (see test/support/fuzz/random.ts). A
 * failure prints the seed, the payload it started from and the smallest list of mutations that
 * still fails, with the text they make.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { fuzzCorpus, type CorpusEntry } from '../support/fuzz/corpus';
import { checkText, fuzzService, fuzzSummary, TIMED_INPUT_LIMIT } from '../support/fuzz/invariants';
import { applyMutations, describeMutations, minimizeMutations, randomMutations, type Mutation } from '../support/fuzz/mutators';
import { fuzzHangGuardMs, fuzzRuns, fuzzSeed, inputSeed, seededRandom } from '../support/fuzz/random';
import { fuzzWorkspaces, type NamedWorkspace } from '../support/fuzz/workspaces';

/** Quick fixes applied per input (one per diagnostic code first), fewer on the big ones: the run's main cost. */
const FIXES_PER_INPUT = 4;
const FIXES_PER_BIG_INPUT = 1;

interface MutationInput {
  entry: CorpusEntry;
  mutations: Mutation[];
  /** Where in the text (a fraction of its length) to complete and hover besides the mutated places. */
  cursor: number;
  workspace: NamedWorkspace;
}

function run(input: MutationInput, mutations: readonly Mutation[] = input.mutations): { text: string; error?: Error } {
  const text = applyMutations(input.entry.text, mutations);
  const offsets = [...mutations.map((m) => m.at), Math.floor(input.cursor * (text.length + 1))];
  try {
    checkText(text, {
      workspace: input.workspace.workspace,
      offsets,
      applyFixes: text.length > TIMED_INPUT_LIMIT ? FIXES_PER_BIG_INPUT : FIXES_PER_INPUT,
      timed: true,
    });
    return { text };
  } catch (error) {
    return { text, error: error instanceof Error ? error : new Error(String(error)) };
  }
}

function report(index: number, seed: number, input: MutationInput): string {
  const minimal = minimizeMutations(input.mutations, (list) => run(input, list).error !== undefined);
  const { text, error } = run(input, minimal);
  const shown = text.length > 3000 ? `${JSON.stringify(text.slice(0, 3000))}… (${text.length} characters)` : JSON.stringify(text);
  return [
    `fuzz input #${index} of FUZZ_SEED=${seed} failed`,
    `payload: ${input.entry.name}; workspace: ${input.workspace.name}`,
    `mutations (${minimal.length} of the ${input.mutations.length} still fail):`,
    describeMutations(minimal),
    `text: ${shown}`,
    `failure: ${(error ?? run(input).error)?.message}`,
  ].join('\n');
}

describe('fuzzing: mutated payloads', () => {
  const runs = fuzzRuns(0.5);
  it(`every service call holds its invariants on ${runs} mutated payloads`, { timeout: fuzzHangGuardMs(runs) }, async (t) => {
    const seed = fuzzSeed();
    const corpus = fuzzCorpus();
    const workspaces = fuzzWorkspaces(fuzzService);
    const started = performance.now();
    let characters = 0;
    for (let i = 0; i < runs; i++) {
      await nextTurn(); // back to the event loop between inputs, so that the hang guard can fire
      const next = seededRandom(inputSeed(seed, i));
      // Round robin over the corpus, so every payload gets its share whatever FUZZ_RUNS is.
      const entry = corpus[i % corpus.length];
      const input: MutationInput = { entry, mutations: randomMutations(entry.text, next), cursor: next(), workspace: workspaces[i % workspaces.length] };
      const { text, error } = run(input);
      characters += text.length;
      if (error) assert.fail(report(i, seed, input));
    }
    t.diagnostic(
      `FUZZ_SEED=${seed}: ${runs} inputs from ${corpus.length} payloads, ${(characters / 1e6).toFixed(1)} M characters, ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    for (const line of fuzzSummary()) t.diagnostic(line);
  });
});
