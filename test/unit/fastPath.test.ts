/**
 * The fast path of diagnostics (JSON.parse + schema + lint triggers, no tree) must give exactly
 * the findings of the tree-based checks: compared on every example, on payloads built to hit each
 * lint and each reason to leave the fast path, and on seeded mutations of all of them.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { generatePayload } from '../../bench/generatePayload';
import { renderedViewAt } from '../../server/src/service/renderedView';
import { viewTree } from '../../server/src/service/json/jsonTree';
import { analyzePayload, choosePath } from '../../server/src/service/payloadAnalysis';
import { createSchemaValidator } from '../../server/src/service/schema/schemaValidator';
import { parseTemplate } from '../../server/src/service/template/templateModel';
import { payloadFacts } from '../../server/src/service/workspace/payloadFacts';
import { regalSchema, repoRoot } from '../support/service';

const validator = createSchemaValidator(regalSchema);

function payloadFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return payloadFiles(full);
    return entry.name.endsWith('.regal.json') ? [full] : [];
  });
}

const examples = [...payloadFiles(path.join(repoRoot, 'examples')), ...payloadFiles(path.join(repoRoot, 'test', 'vscode', 'fixtures'))].map((file) =>
  readFileSync(file, 'utf8'),
);

const phones = (inner: string) => `{ "traits": { "phones": { "{{phoneNumber}}": {} }${inner} }, "name": "Signed Up" }`;
const crafted = [
  phones(''),
  phones(', "a": 1, "a": 2'), // duplicate key
  '{ "traits": { "phone": "{{phoneNumber}}" } }', // legacy shape
  '{ "traits": { "phones": { "555-1234": {} } } }', // phone format on a key
  '{ "traits": { "phones": { "+15551234567": {} } } }', // a good literal phone
  '{ "traits": { "phones": {} } }', // no number
  '{ "traits": {} }', // no phone
  '{ "name": "x" }', // no traits
  '{ "traits": {{{toJson profile}}} }', // placeholder traits
  '{ "traits": "x" }',
  phones('').replace('Signed Up', ''), // empty event name
  phones('').replace('Signed Up', 'sms.sent'), // a name Regal emits
  phones('').replace('Signed Up', '{{#if a}}sms.sent{{/if}}'), // blanked tags in the name
  phones(', "{{#if a}}k{{/if}}": 1'), // a key with a block tag
  phones(', "{{x "y"}}": 1'), // a key with a masked quote
  phones(', "a\\n{{x}}": 1'), // an escape beside a mustache in a key
  phones(', "__proto__": { "b": 1 }, "__proto__": 2'),
  phones(', "custom": {{#if a}}true{{else}}false{{/if}}, "n": {{n}}'),
  phones(', "items": [{{#each xs}}{ "a": 1 }{{/each}}]'),
  '[1, 2]',
  '"text"',
  '',
  phones('').replace('{ "traits"', '{ "userId": 5, "traits"'), // a schema error
  phones(', "q\\"k": 1, "b\\\\": "\\"", "c": "\\\\"'), // escaped quotes and backslashes in keys and values
  phones(', "b\\\\": 1, "b\\\\": 2'), // a duplicate key spelled with an escape
];

/** Deterministic mutations: delete, duplicate or insert a character at spread positions. */
function mutations(text: string, count: number, seed: number): string[] {
  let state = seed;
  const random = (n: number) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % Math.max(1, n);
  };
  const pieces = [',', '}', '"', '{{', '}}', ':', ' ', '{{#if a}}', '{{/if}}', '"a": 1,'];
  return Array.from({ length: count }, () => {
    const at = random(text.length + 1);
    switch (random(3)) {
      case 0:
        return text.slice(0, at) + text.slice(at + 1);
      case 1:
        return text.slice(0, at) + text.slice(at, at + 8) + text.slice(at);
      default:
        return text.slice(0, at) + pieces[random(pieces.length)] + text.slice(at);
    }
  });
}

function assertSameFindings(text: string): void {
  const fast = analyzePayload(text, validator);
  const tree = analyzePayload(text, validator, { fastPath: false });
  assert.deepEqual(fast.findings, tree.findings, text);
  assert.equal(
    JSON.stringify(fast.root, (key, value: unknown) => (key === 'parent' ? undefined : value)),
    JSON.stringify(tree.root, (key, value: unknown) => (key === 'parent' ? undefined : value)),
    text,
  );
}

/** Workspace facts read from a scan of a strict view 0 must be those read from its tree. */
function assertSameFacts(text: string): void {
  const fast = analyzePayload(text, validator);
  const tree = analyzePayload(text, validator, { fastPath: false });
  assert.deepEqual(payloadFacts(fast), payloadFacts(tree), text);
}

describe('diagnostics fast path', () => {
  it('takes the fast path on clean payloads and leaves it wherever a check could report', () => {
    const pathOf = (text: string) => choosePath(parseTemplate(text).view(0), validator, text);
    const clean = (text: string) => pathOf(text) === 'clean';
    assert.ok(clean(generatePayload(2_000)), 'the generated payload');
    assert.ok(clean(phones('')));
    assert.ok(examples.filter(clean).length >= 3, 'the corrected examples in the current shape are clean');
    // Valid and schema-clean, but a Regal rule could object: only the rules run, on the tree.
    for (const text of [crafted[2], crafted[3], crafted[5], crafted[6], crafted[7], crafted[10], crafted[11]]) assert.equal(pathOf(text), 'lints', text);
    // Duplicate keys, keys that read differently in the view, JSON errors, schema errors: everything runs.
    for (const text of [crafted[1], crafted[13], crafted[14], crafted[15], crafted[16], crafted[21], crafted[22], crafted[24]])
      assert.equal(pathOf(text), 'tree', text);
    assert.equal(pathOf(crafted[23]), 'clean', crafted[23]);
  });

  it('finds exactly what the tree-based checks find, on examples and crafted payloads', () => {
    for (const text of [...examples, ...crafted, generatePayload(2_000), generatePayload(20_000)]) assertSameFindings(text);
  });

  it('finds exactly what the tree-based checks find, on mutated payloads', () => {
    let seed = 1;
    for (const text of [...examples, ...crafted, generatePayload(3_000)]) for (const mutated of mutations(text, 60, seed++)) assertSameFindings(mutated);
  });

  it('reads workspace facts of a clean payload without building its tree', () => {
    const text = generatePayload(20_000);
    const fast = analyzePayload(text, validator);
    assert.equal(fast.strictPrimary, true);
    const withoutTree = Object.defineProperty({ template: fast.template, index: fast.index, findings: fast.findings, strictPrimary: true }, 'root', {
      get: () => assert.fail('the tree of view 0 was built'),
    });
    const facts = payloadFacts(withoutTree);
    assert.ok(facts.valueTypes.size > 10 && facts.fields.length > 10, 'facts were read');
    assert.deepEqual(facts, payloadFacts(analyzePayload(text, validator, { fastPath: false })));
  });

  it('reads the same workspace facts from the scan as from the tree, on examples, crafted and mutated payloads', () => {
    const facts = (name: string, value: string) =>
      `{ "name": ${name}, "properties": { "a": 1, "b": [1, {"c": "}"}], "s": "x\\"y", "n": null, "t": true, "q": {{q}} }, "traits": { "phone": "1", "x": -1.5e3, "{{k}}": 2 } }`.replace(
        '"a": 1',
        `"a": ${value}`,
      );
    const shaped = [facts('"Signed Up"', '{}'), facts('"  "', '"v"'), facts('"{{n}}"', 'false'), facts('"a\\u0041"', '[]'), ` \n${facts('"x"', '0')}`];
    for (const text of shaped) assert.equal(analyzePayload(text, validator).strictPrimary, true, text);
    let seed = 100;
    for (const text of [...examples, ...crafted, ...shaped, generatePayload(3_000)]) {
      assertSameFacts(text);
      for (const mutated of mutations(text, 20, seed++)) assertSameFacts(mutated);
    }
  });

  it('parses each view at most once, whoever asks for its tree', () => {
    // View 1 has a schema error, so diagnostics build its tree; completion in its branch reuses it.
    const text = phones(', "custom": {{#if a}}1{{else}}{ "x": 1, "x": 2 }{{/if}}');
    const analysis = analyzePayload(text, validator);
    assert.ok(
      analysis.findings.some((f) => f.code === 'duplicate-key'),
      'the branch was checked on its tree',
    );
    const inElse = text.indexOf('"x"');
    const rendered = renderedViewAt(analysis, inElse);
    assert.equal(rendered?.view, analysis.template.view(1));
    assert.equal(rendered?.root, viewTree(analysis.template.view(1)).root, 'the tree diagnostics built');
    assert.ok(analysis.root);
    assert.equal(analysis.root, analysis.root, 'view 0 is parsed once, on first use');
  });
});
