/**
 * The service never throws and keeps every range inside the document, whatever the text: seeded
 * mutations of the examples (characters, braces, quotes, mustaches, block tags, truncation) plus
 * pathological inputs. A longer fuzzing campaign is the performance issue's; this is the floor.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { SelectionRange } from 'vscode-languageserver-types';
import { documentOf, messageOf, repoRoot, service } from '../support/service';

const seeds = ['', 'examples', 'examples/guide-originals'].flatMap((dir) =>
  readdirSync(path.join(repoRoot, dir || 'examples'))
    .filter((f) => f.endsWith('.regal.json'))
    .map((f) => readFileSync(path.join(repoRoot, dir || 'examples', f), 'utf8')),
);

const fragments = ['{{', '}}', '{{{', '}}}', '{', '}', '[', ']', '"', ',', ':', '\\', '//', '/*', '{{#if a}}', '{{else}}', '{{/if}}', '{{/each}}', '{{!--', '--}}', '\n', '\ud800', '~', "'", '{{> p}}', '{{^}}', '(', ')', '='];

/** Small deterministic PRNG (mulberry32) so failures can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(text: string, next: () => number): string {
  let result = text;
  const edits = 1 + Math.floor(next() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(next() * (result.length + 1));
    const choice = next();
    if (choice < 0.4) result = result.slice(0, at) + fragments[Math.floor(next() * fragments.length)] + result.slice(at);
    else if (choice < 0.7) result = result.slice(0, at) + result.slice(at + 1 + Math.floor(next() * 8));
    else if (choice < 0.85) result = result.slice(0, at) + result.slice(at, at + 12) + result.slice(at);
    else result = result.slice(0, at);
  }
  return result;
}

function check(text: string): void {
  const document = documentOf(text);
  const diagnostics = service.doValidation(document);
  for (const d of diagnostics) {
    const start = document.offsetAt(d.range.start);
    const end = document.offsetAt(d.range.end);
    assert.ok(start <= end && end <= text.length, `range ${start}-${end} outside a text of ${text.length}`);
    assert.equal(typeof d.message, 'string');
  }
}

/**
 * Every other feature on the same text: completion, hover and selection at a few positions, quick
 * fixes for every diagnostic, outline, folding and formatting. None may throw, and every range
 * they return must lie inside the document.
 */
function checkFeatures(text: string, next: () => number = Math.random): void {
  const document = documentOf(text);
  const inside = (range: { start: { line: number; character: number }; end: { line: number; character: number } }, what: string) => {
    const start = document.offsetAt(range.start);
    const end = document.offsetAt(range.end);
    assert.ok(start <= end && end <= text.length && range.start.line <= document.lineCount, `${what} range ${JSON.stringify(range)} outside the document`);
  };
  const positions = [0, text.length, Math.floor(next() * (text.length + 1)), Math.floor(next() * (text.length + 1))].map((o) => document.positionAt(o));
  for (const position of positions) {
    for (const item of service.doComplete(document, position).items) {
      const edit = item.textEdit;
      if (edit) inside('range' in edit ? edit.range : edit.replace, 'completion');
    }
    const hover = service.doHover(document, position);
    if (hover?.range) inside(hover.range, 'hover');
  }
  for (let selection: SelectionRange | undefined = service.getSelectionRanges(document, positions)[2]; selection; selection = selection.parent) inside(selection.range, 'selection');
  const diagnostics = service.doValidation(document);
  for (const action of service.doCodeActions(document, { start: positions[0], end: positions[1] }, diagnostics)) {
    for (const edit of action.edit?.changes?.[document.uri] ?? []) inside(edit.range, `quick fix "${action.title}"`);
  }
  const symbols = [...service.findDocumentSymbols(document)];
  for (let symbol = symbols.pop(); symbol; symbol = symbols.pop()) {
    inside(symbol.range, 'symbol');
    symbols.push(...(symbol.children ?? []));
  }
  for (const fold of service.getFoldingRanges(document)) assert.ok(fold.startLine <= fold.endLine && fold.endLine < document.lineCount, 'folding range inside');
  for (const edit of service.format(document, undefined, { tabSize: 2, insertSpaces: true })) inside(edit.range, 'format');
}

describe('robustness', () => {
  it('survives 1,500 seeded mutations of the examples', () => {
    const next = random(Number(process.env.FUZZ_SEED ?? 2026));
    for (let i = 0; i < 1500; i++) {
      const text = mutate(seeds[i % seeds.length], next);
      try {
        check(text);
        checkFeatures(text, next);
      } catch (error) {
        assert.fail(`input ${i} ${JSON.stringify(text)}: ${String(error)}`);
      }
    }
  });

  it('survives pathological inputs', () => {
    const inputs = [
      '',
      ' ',
      '{{',
      '}}',
      '{{{{{{',
      '"{{',
      '[' .repeat(20000),
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
    for (const text of inputs) {
      check(text);
      checkFeatures(text);
    }
  });

  it('survives inputs with a hundred thousand findings (no argument-spreading overflow)', () => {
    check('{ "a": [' + '[1,],'.repeat(130000) + '1] }');
    check('/* x */'.repeat(150000));
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
      checkFeatures(text);
    }
  });

  it('reports too deep nesting instead of overflowing the stack', () => {
    const text = '['.repeat(20000) + ']'.repeat(20000);
    const diagnostics = service.doValidation(documentOf(text));
    assert.ok(diagnostics.some((d) => d.code === 'invalid-json' && /nested more than/.test(messageOf(d))));
  });
});
