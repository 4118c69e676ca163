/**
 * The service never throws and keeps every range inside the document on pathological inputs: huge
 * strings, hundreds of thousands of findings, nesting far past the parsers' limit, the patterns
 * that once made the checks quadratic. Each goes through the fuzzers' invariants
 * (test/support/fuzz/invariants.ts); the seeded mutations and generated templates are in
 * fuzzMutations.test.ts and fuzzProperties.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WorkspaceContext } from '../../server/src/service/workspace/workspaceContext';
import { checkDiagnostics, checkText } from '../support/fuzz/invariants';
import { documentOf, messageOf, service } from '../support/service';

/** Every feature at the start, the end, and two places inside; no quick fix applied (these are huge). */
function check(text: string): void {
  checkText(text, { offsets: [Math.floor(text.length / 3), Math.floor(text.length / 2)] });
}

/** Diagnostics only, for inputs too big for every feature. */
function checkDiagnosticsOf(text: string): void {
  const document = documentOf(text);
  checkDiagnostics(document, service.doValidation(document));
}

describe('robustness', () => {
  it('survives pathological inputs', () => {
    const inputs = [
      '',
      ' ',
      '{{',
      '}}',
      '{{{{{{',
      '"{{',
      '['.repeat(20000),
      '{"a":'.repeat(5000),
      '{{#if a}}'.repeat(3000),
      '{{/if}}'.repeat(3000),
      '{{else}}'.repeat(100),
      `{ "a": "${'x'.repeat(200000)}" }`,
      `{ "a": "${'{{x}}'.repeat(20000)}" }`,
      '\ud800\udc00\ud800{{\udfff}}',
      '{ "traits": { "phones": { "": {}, " ": {} } } }',
      '{ "__proto__": { "x": 1 }, "constructor": 1, "traits": { "toString": 1, "phone": "{{p}}" } }',
      '{{!-- unterminated',
      '{{!',
      '{{#each items as |item|}}{{item}}{{/each}}',
    ];
    for (const text of inputs) check(text);
  });

  it('survives inputs with a hundred thousand findings (no argument-spreading overflow)', () => {
    checkDiagnosticsOf('{ "a": [' + '[1,],'.repeat(130000) + '1] }');
    checkDiagnosticsOf('/* x */'.repeat(150000));
  });

  it('survives the patterns that once made the checks quadratic', () => {
    // Each took seconds to minutes at 0.5-1 MB once. Timing belongs in a benchmark, not a test: this
    // only checks that they complete cleanly.
    const size = 200_000;
    const repeat = (s: string) => s.repeat(Math.ceil(size / s.length));
    const props = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join(',');
    for (const text of [
      `{ "a": "${repeat('{{!-- x }}')}" }`,
      `{\n${repeat('"a": "{{x",\n')} "z": 1 }`,
      repeat('{{#if a}}{{/each}}\n'),
      `{ "x": 1 ${repeat('{{#if a}}, "a": 1{{else}}, "b" 1{{/if}}\n')} }`,
      `{ ${repeat('"a": {{#if x}}{{y}}{{else}}1{{/if}},\n')} "z": 1 }`,
      '[' + repeat('1 ') + ']',
      '{{x ' + repeat("'"),
      `{ ${props(10000, (i) => `"k${i}": 1`)} }`,
      `{ "traits": { "phones": { ${props(10000, (i) => `"55${i}": {"isPrimary": "y"}`)} } } }`,
    ]) {
      check(text);
    }
  });

  it('survives the patterns the fuzzers found quadratic or worse', () => {
    // Found by fuzzing: each rename fix scanned every mustache; each duplicate-key fix removing every
    // earlier copy made millions of edits; merge-field scopes walked every enclosing block.
    const catalog: WorkspaceContext = { files: [], catalog: { uri: 'file:///w/iterable-fields.json', fields: new Map([['phoneNumber', 'string']]) } };
    for (const text of [
      `{ "a": "${'{{phoneNumbr}} '.repeat(10000)}" }`,
      `{ ${'"a": 1, '.repeat(10000)}"b": 2 }`,
      `{ "a": "${'{{#if a}}{{b}}'.repeat(3000)}" }`,
    ]) {
      checkText(text, { offsets: [Math.floor(text.length / 2)], workspace: catalog, applyFixes: 2 });
    }
  });

  it('reports too deep nesting instead of overflowing the stack', () => {
    const text = '['.repeat(20000) + ']'.repeat(20000);
    const diagnostics = service.doValidation(documentOf(text));
    assert.ok(diagnostics.some((d) => d.code === 'invalid-json' && /Nested more than/.test(messageOf(d))));
  });
});
