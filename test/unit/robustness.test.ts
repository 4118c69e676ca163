/**
 * The service never throws and keeps every range inside the document, whatever the text: seeded
 * mutations of the examples (characters, braces, quotes, mustaches, block tags, truncation) plus
 * pathological inputs. A longer fuzzing campaign is the performance issue's; this is the floor.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
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

describe('robustness', () => {
  it('survives 1,500 seeded mutations of the examples', () => {
    const next = random(Number(process.env.FUZZ_SEED ?? 2026));
    for (let i = 0; i < 1500; i++) {
      const text = mutate(seeds[i % seeds.length], next);
      try {
        check(text);
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
    for (const text of inputs) check(text);
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
    }
  });

  it('reports too deep nesting instead of overflowing the stack', () => {
    const text = '['.repeat(20000) + ']'.repeat(20000);
    const diagnostics = service.doValidation(documentOf(text));
    assert.ok(diagnostics.some((d) => d.code === 'invalid-json' && /nested more than/.test(messageOf(d))));
  });
});
