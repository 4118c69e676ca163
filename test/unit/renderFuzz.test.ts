/**
 * Property-based fuzzing of the renderer's budget with fast-check: generated templates of nested
 * helpers that multiply their input (replace, join, each over lists nested up to three deep,
 * defaultIfEmpty, upper, substring, …) and regular-expression blocks (`#ifMatchesRegexStr` with
 * generated patterns, catastrophic ones included), rendered in process with small limits. Every
 * render must return (never throw) by its time budget, and any text must be at most maxOutputChars
 * long; a stopped render has no text. The budget's clock advances 1 ms per reading, so "by its time
 * budget" is a count: no render checks its budget more than timeMs + 1 times (the first check past
 * the deadline stops it), on any machine. Wall-clock times are printed, never asserted; the test's
 * timeout is a hang guard. Deterministic: FUZZ_SEED picks another seed (printed), RENDER_FUZZ_RUNS
 * the number of templates.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import fc from 'fast-check';
import { renderTemplate, STOPPED_PREFIX } from '../../server/src/rendering/renderTemplate';
import type { SampleData } from '../../server/src/rendering/sampleData';
import { fuzzSeed } from '../support/fuzz/random';

/** With the stepping clock, timeMs is a number of budget checks (one before rendering, one per helper call). */
const LIMITS = { timeMs: 150, maxOutputChars: 20_000 };
const RUNS = Number(process.env.RENDER_FUZZ_RUNS ?? 400);
/** A hang guard, not a timing assertion: the default run takes about 15 s on a loaded 2-core machine. */
const HANG_GUARD_MS = Math.max(120_000, RUNS * 300);

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
  .array(
    fc.constantFrom(
      'a',
      'a+',
      '(a+)+',
      '(a|aa)*',
      '(a*)*',
      '.*',
      '[a-z]*',
      '\\d{1,3}',
      '(?:x|y)',
      '^',
      '$',
      '(',
      ')',
      '[',
      '*',
      '\\',
      'b',
      '(?=a)',
      '\\1',
      '{2,}',
      ' ',
    ),
    { maxLength: 6 },
  )
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
        fc
          .tuple(expression, pattern, tie('body'), tie('body'))
          .map(([e, p, yes, no]) => `{{#ifMatchesRegexStr ${e} '${p}'}}${yes}{{else}}${no}{{/ifMatchesRegexStr}}`),
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
  it(
    `every render of ${RUNS} generated templates stops by its time budget, never throws, and stays within maxOutputChars`,
    { timeout: HANG_GUARD_MS },
    async (t) => {
      const seed = fuzzSeed();
      const started = performance.now();
      let stopped = 0;
      let slowest = { ms: 0, template: '' };
      await fc.assert(
        fc.asyncProperty(fc.oneof({ weight: 3, arbitrary: body }, { weight: 1, arbitrary: multiplying }), async (template) => {
          await nextTurn(); // back to the event loop between renders, so that the hang guard can fire
          let now = 0;
          let checks = 0;
          const begin = performance.now();
          const result = renderTemplate(template, sample, { limits: LIMITS, now: new Date(0), clock: () => now++, isCancelled: () => (checks++, false) });
          const ms = performance.now() - begin;
          if (ms > slowest.ms) slowest = { ms, template };
          assert.ok(checks <= LIMITS.timeMs + 1, `the budget was checked ${checks} times`);
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
      t.diagnostic(`slowest render (informational): ${slowest.ms.toFixed(0)} ms, ${JSON.stringify(slowest.template.slice(0, 200))}`);
      assert.ok(stopped > 0, 'the generator reaches the budget');
    },
  );
});
