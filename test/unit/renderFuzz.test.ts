/**
 * Property-based fuzzing of the renderer's budget with fast-check: generated templates of nested
 * helpers that multiply their input (replace, join, each over lists nested up to three deep,
 * defaultIfEmpty, upper, substring, …) and regular-expression blocks (`#ifMatchesRegexStr` with
 * generated patterns, catastrophic ones included), rendered in process with small limits. Every
 * render must return (never throw) within its time limit plus a slack, and any text must be at most
 * maxOutputChars long; a stopped render has no text. Deterministic: FUZZ_SEED picks another seed
 * (printed), RENDER_FUZZ_RUNS the number of templates.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { renderTemplate, STOPPED_PREFIX } from '../../server/src/rendering/renderTemplate';
import type { SampleData } from '../../server/src/rendering/sampleData';
import { fuzzSeed } from '../support/fuzz/random';

const LIMITS = { timeMs: 150, maxOutputChars: 20_000 };
/** Compiling and the last helper call after the deadline: generous for a loaded 2-core machine. */
const SLACK_MS = 600;
const RUNS = Number(process.env.RENDER_FUZZ_RUNS ?? 400);

/** Values rich in a's (what nested replace multiplies), lists and lists of lists. */
const sample: SampleData = {
  profile: {
    a: 'a',
    many: 'a'.repeat(1_000),
    text: 'Ada Lovelace aaa 123',
    empty: '',
    list: Array.from({ length: 40 }, (_, i) => `item ${i} aaaa`),
    nested: Array.from({ length: 30 }, (_, i) => Array.from({ length: 30 }, (_, j) => `${i}.${j}a`)),
    numbers: Array.from({ length: 50 }, (_, i) => i),
  },
  event: { plan: 'gold' },
};

const field = fc.constantFrom('a', 'many', 'text', 'empty', 'missing', 'plan', 'this', '@index');
const listField = fc.constantFrom('list', 'nested', 'numbers', 'this', '../list', 'missing');
const literal = fc.constantFrom("'a'", "'aaaaaaaaaa'", "''", "'x'", '"a a"', '10', '0');
const replacement = fc.constantFrom("'aaaaaaaaaa'", "'aa'", "''", "'b'", "'a a a a a'");

/** An argument expression: a field, a literal, or a helper call nested up to `depth`. */
const expression: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    field,
    literal,
    fc.tuple(tie('expr'), fc.constantFrom("'a'", "' '", "'1'", "''"), replacement).map(([e, from, to]) => `(replace ${e} ${from} ${to})`),
    tie('expr').map((e) => `(upper ${e})`),
    tie('expr').map((e) => `(lower ${e})`),
    fc.tuple(tie('expr'), literal).map(([e, l]) => `(defaultIfEmpty ${e} ${l})`),
    fc.tuple(listField, fc.constantFrom("', '", "''", "'aaaaaaaaaa'")).map(([l, s]) => `(join ${l} ${s})`),
    fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([x, y, z]) => `(join ${x} ${y} ${z})`),
    fc.tuple(tie('expr'), fc.nat(30), fc.nat(3_000)).map(([e, s, n]) => `(substring ${e} ${s} ${n})`),
    tie('expr').map((e) => `(toJson ${e})`),
  ),
})).expr;

/** Regular expressions, valid or not, with the classic catastrophic-backtracking shapes. */
const pattern = fc
  .array(fc.constantFrom('a', 'a+', '(a+)+', '(a|aa)*', '(a*)*', '.*', '[a-z]*', '\\d{1,3}', '(?:x|y)', '^', '$', '(', ')', '[', '*', '\\', 'b', '(?=a)', '\\1', '{2,}', ' '), { maxLength: 6 })
  .map((parts) => parts.join('').replace(/'/g, ''));

/** A template body: text, mustaches, blocks (each, if, ifMatchesRegexStr) nested up to three deep. */
const body: fc.Arbitrary<string> = fc.letrec<{ body: string }>((tie) => ({
  body: fc
    .array(
      fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom('x', ', ', '"', '{"k": ', '}'),
        expression.map((e) => `{{${e.startsWith('(') ? e.slice(1, -1) : e}}}`),
        expression.map((e) => `{{{${e.startsWith('(') ? e.slice(1, -1) : e}}}}`),
        fc.tuple(listField, tie('body')).map(([l, b]) => `{{#each ${l}}}${b}{{/each}}`),
        fc.tuple(field, tie('body'), tie('body')).map(([f, yes, no]) => `{{#if ${f}}}${yes}{{else}}${no}{{/if}}`),
        fc.tuple(expression, pattern, tie('body'), tie('body')).map(([e, p, yes, no]) => `{{#ifMatchesRegexStr ${e} '${p}'}}${yes}{{else}}${no}{{/ifMatchesRegexStr}}`),
      ),
      { maxLength: 4 },
    )
    .map((parts) => parts.join('')),
})).body;

/** Templates that surely multiply: each over each over each of nested replace, with generated bits. */
const multiplying = fc.tuple(fc.integer({ min: 3, max: 8 }), listField, listField, body).map(([depth, outer, inner, rest]) => {
  let e = 'many';
  for (let i = 0; i < depth; i++) e = `(replace ${e} 'a' 'aaaaaaaaaa')`;
  return `{{#each ${outer}}}{{#each ${inner}}}{{#each ../../list}}{{${e.slice(1, -1)}}}${rest}{{/each}}{{/each}}{{/each}}`;
});

describe('fuzzing: render budget', () => {
  it(`every render of ${RUNS} generated templates returns in time, never throws, and stays within maxOutputChars`, (t) => {
    const seed = fuzzSeed();
    const started = performance.now();
    let stopped = 0;
    fc.assert(
      fc.property(fc.oneof({ weight: 3, arbitrary: body }, { weight: 1, arbitrary: multiplying }), (template) => {
        const begin = performance.now();
        const result = renderTemplate(template, sample, { limits: LIMITS, now: new Date(0) });
        const elapsed = performance.now() - begin;
        assert.ok(elapsed <= LIMITS.timeMs + SLACK_MS, `took ${elapsed.toFixed(0)} ms`);
        if (result.text !== undefined) assert.ok(result.text.length <= LIMITS.maxOutputChars, `text of ${result.text.length} characters`);
        if (result.stopped) {
          stopped++;
          assert.ok(result.stopped.reason.startsWith(STOPPED_PREFIX));
          assert.equal(result.text, undefined);
        }
        assert.ok(result.text !== undefined || result.templateError || result.skipped || result.stopped, 'every render says what happened');
      }),
      { seed, numRuns: RUNS, includeErrorInReport: true },
    );
    t.diagnostic(`FUZZ_SEED=${seed}, ${RUNS} templates (${stopped} stopped by the budget), ${((performance.now() - started) / 1000).toFixed(1)} s`);
    assert.ok(stopped > 0, 'the generator reaches the budget');
  });
});
