/**
 * Every diagnostic code: a payload that must raise it (at the ⟦marked⟧ range) and a near miss that
 * must not. Payloads carry a phone so that `missing-phone` stays out of the way unless tested.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { diagnosticCodes } from '../../server/src/service/diagnosticCodes';
import { diagnosticCases } from '../support/diagnosticCases';
import { marked, repoRoot, validate } from '../support/service';

const cases = diagnosticCases;

describe('diagnostic codes', () => {
  // Codes that need a catalog or other files are raised and near-missed in workspace.test.ts.
  const WORKSPACE_CODES = ['unknown-merge-field', 'inconsistent-type', 'similar-event-name', 'invalid-catalog'];

  it('has raise/near-miss cases for every code but the schema fallback, the workspace codes and the CLI-only code', () => {
    // invalid-encoding is the command line's (test/e2e/cli.test.ts): an editor decodes files itself.
    const documented = Object.keys(diagnosticCodes).filter((code) => code !== 'schema' && code !== 'invalid-encoding' && !WORKSPACE_CODES.includes(code));
    assert.deepEqual(Object.keys(cases).sort(), documented.sort());
    const workspaceTests = readFileSync(path.join(repoRoot, 'test', 'unit', 'workspace.test.ts'), 'utf8');
    for (const code of WORKSPACE_CODES) {
      assert.ok(code in diagnosticCodes, `${code} is a code`);
      assert.ok(workspaceTests.includes(`'${code}'`), `workspace.test.ts checks ${code}`);
    }
  });

  for (const [code, list] of Object.entries(cases)) {
    describe(code, () => {
      for (const c of list) {
        it(`raises it: ${c.title}`, () => {
          const { text, ranges } = marked(c.raise);
          const found = validate(text).filter((f) => f.code === code);
          assert.equal(found.length, 1, `expected one ${code} in ${text}, got ${JSON.stringify(validate(text).map((f) => [f.code, f.covers]))}`);
          assert.deepEqual({ start: found[0].start, end: found[0].end }, ranges[0], `range of ${code}: covers ${JSON.stringify(found[0].covers)}`);
          assert.equal(found[0].diagnostic.source, 'regal');
          assert.ok(found[0].message.length > 20, 'a message that says what to do');
        });
        it(`does not raise it: near miss of ${c.title}`, () => {
          const found = validate(c.nearMiss);
          assert.deepEqual(
            found.filter((f) => f.code === code).map((f) => f.covers),
            [],
          );
        });
      }
    });
  }
});

describe('must not produce any error', () => {
  const clean = [
    '{ "traits": { "phone": "{{phoneNumber}}" } }',
    '{ "traits": { "phone": "{{phoneNumber}}", "optIn": [ { "channel": "voice", "subscribed": {{#if voice}}true{{else}}false{{/if}} } ] } }',
    '{ "traits": {\n  {{#if email}}"email": "{{email}}",{{/if}}\n  "phone": "{{phoneNumber}}"\n} }',
    '{ "traits": { "phones": { "{{phoneNumber}}": { "voiceOptIn": { "subscribed": true } } } } }',
    '{ "traits": { "phone": "{{phoneNumber}}", "firstName": "{{defaultIfEmpty firstName \'there\'}}" } }',
    '{ "traits": { "phone": "{{phoneNumber}}", "custom": "{{[Field With Spaces].x}} {{! note }} {{~lower (capitalize name)~}} {{raw}} {{join list sep=\', \'}}" } }',
    '{ "traits": { "phone": "{{phoneNumber}}" }, "name": "{{#ifEq plan \'pro\'}}Pro{{else if trial}}Trial{{else}}Free{{/ifEq}} Signup" }',
    '{ "traits": { "phone": "{{phoneNumber}}" }, "name": "Order Placed", "properties": { "items": [ {{#each items}}{ "sku": "{{sku}}" }{{#unless @last}},{{/unless}}{{/each}} ] } }',
    '{ "traits": { "phone": "{{phoneNumber}}" }, "name": "Order Placed", "properties": { "tags": [ {{#each tags}}{{#if @first}}{{else}},{{/if}}"{{this}}"{{/each}} ] } }',
    '{ "traits": { "phone": "{{phoneNumber}}" }, "name": "Order Placed", "properties": { "skus": [ {{#each items}}{{#if @index}},{{/if}}"{{sku}}"{{/each}} ] } }',
    '{ "traits": { "phones": { "{{phoneNumber}}": { "isPrimary": {{#if vip}}true{{ else }}false{{/if}} } } } }',
    '{ "traits": { "phone": "{{phoneNumber}}", "age": {{#if age}}{{age}}{{/if}}{{#unless age}}0{{/unless}} } }',
    '{ "traits": { "phone": "{{phoneNumber}}"{{#if email}}, "email": "{{email}}"{{/if}}{{#unless email}}, "email": "none"{{/unless}} } }',
    '{ "traits": { "phone": "{{phoneNumber}}", "age": {{#if age}}{{age}}{{else if years}}{{years}}{{else}}null{{/if}} } }',
    '{ "traits": { "phone": "{{phoneNumber}}", "n": 1{{! units }}5, "m": 1{{#if a}}5{{/if}} } }',
    '{ "traits": { "phone": "{{phoneNumber}}", "x": "{{!--}}", "y": "{{!-- a }} b --}}{{!-- c --~}}" } }',
    '\uFEFF{ "traits": { "phone": "{{phoneNumber}}" } }',
    '{ "traits": {{{toJson profile}}}, "name": "{{eventName}}", "properties": {{{toJson props}}}, "originalTimestamp": "{{now}}" }',
  ];
  for (const text of clean) {
    it(text.replace(/\s+/g, ' '), () => {
      const problems = validate(text).filter((f) => f.diagnostic.severity !== 4);
      assert.deepEqual(
        problems.map((f) => `${f.code}: ${f.covers}`),
        [],
      );
    });
  }
});

describe('findings from the review of Iterable idioms', () => {
  const codes = (text: string) =>
    validate(text)
      .filter((f) => f.code !== 'legacy-shape')
      .map((f) => `${f.code}:${f.covers}`);

  it('finds a duplicate key whose first copy is in another branch', () => {
    assert.deepEqual(codes('{ "traits": { "phone": "{{p}}", {{#if a}}"x": 1{{else}}"y": 1{{/if}}, "y": 2 } }'), ['duplicate-key:"y"']);
  });

  it('reports a bare helper that renders text', () => {
    assert.deepEqual(codes('{ "traits": { "phone": "{{p}}" }, "originalTimestamp": {{now}} }'), ['unquoted-merge-field:{{now}}']);
  });

  it('advises a real boolean for a boolean key and quotes for a string key', () => {
    const [boolean] = validate('{ "traits": { "phone": "{{p}}", "optIn": [ { "channel": "sms", "subscribed": {{flag}} } ] } }').filter(
      (f) => f.code === 'unquoted-merge-field',
    );
    assert.match(boolean.message, /\{\{#if flag\}\}true\{\{else\}\}false\{\{\/if\}\}/);
    const [text] = validate('{ "traits": { "phone": {{p}} } }').filter((f) => f.code === 'unquoted-merge-field');
    assert.match(text.message, /put \{\{p\}\} in double quotes/);
  });

  it('accepts {{else}} in {{#each}} (handlebars.java does) and flags block-only helpers written inline', () => {
    assert.deepEqual(codes('{ "traits": { "phone": "{{p}}", "x": "{{#each a}}{{b}}{{else}}none{{/each}}", "y": "{{urlEncode email}}" } }'), [
      'unknown-helper:urlEncode',
    ]);
  });

  it('names the branch a problem is in', () => {
    const [found] = validate('{ "traits": { "phone": "{{p}}", "x": {{#if a}}1{{else if b}}tru{{else}}2{{/if}} } }').filter((f) => f.code === 'invalid-json');
    assert.equal(found.covers, 'tru');
    assert.match(found.message, /\(in the \{\{else if b\}\} branch of \{\{#if a\}\}\)/);
  });

  it('reports one unclosed mustache inside a string, not a cascade', () => {
    const text =
      '{\n  "traits": {\n    "phone": "{{phoneNumber",\n    "optIn": [{"channel": "sms", "subscribed": true}]\n  },\n  "name": "Plan Chosen",\n  "properties": {"plan": {"tier": "gold"}}\n}';
    assert.deepEqual(codes(text), ['handlebars-syntax:{{phoneNumber']);
  });
});

describe('found by fuzzing', () => {
  const codes = (text: string) =>
    validate(text)
      .filter((f) => f.code !== 'legacy-shape')
      .map((f) => `${f.code}:${f.covers}`);

  it('reports a mustache inside a JSON comment with the comment only, not as an unquoted merge field', () => {
    assert.deepEqual(codes('{ "traits": { "phone": "{{p}}" }, // "{{y}}"\n "name": "x" }'), ['comment:// "{{y}}"']);
    assert.deepEqual(codes('{ "traits": { "phone": "{{p}}" }, /* {{y}} */ "name": "x" }'), ['comment:/* {{y}} */']);
  });
});

describe('branches other than the first', () => {
  it('checks the {{else}} branch and says which condition it depends on', () => {
    const text = '{ "traits": { "phone": "{{phoneNumber}}", "optIn": [ { "channel": "sms", "subscribed": {{#if f}}true{{else}}"no"{{/if}} } ] } }';
    const found = validate(text).filter((f) => f.code === 'type');
    assert.equal(found.length, 1);
    assert.equal(found[0].covers, '"no"');
    assert.match(found[0].message, /\(in the \{\{else\}\} branch of \{\{#if f\}\}\)/);
  });

  it('reports JSON broken only when a block renders nothing', () => {
    const text = '{ "traits": { "phone": "{{phoneNumber}}", {{#if e}}"email": "{{e}}"{{/if}} } }';
    const found = validate(text).filter((f) => f.code === 'trailing-comma');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /renders nothing/);
  });
});
