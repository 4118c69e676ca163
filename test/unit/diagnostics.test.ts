/**
 * Every diagnostic code: a payload that must raise it (at the ⟦marked⟧ range) and a near miss that
 * must not. Payloads carry a phone so that `missing-phone` stays out of the way unless tested.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { diagnosticCodes } from '../../server/src/service/diagnosticCodes';
import { marked, repoRoot, validate } from '../support/service';

interface Case {
  title: string;
  raise: string;
  nearMiss: string;
}

const cases: Record<string, Case[]> = {
  'invalid-json': [
    {
      title: 'missing comma between properties',
      raise: '{ "traits": { "phones": { "+12225555555": {} } }, "name": "A" ⟦"eventSource"⟧: "iterable" }',
      nearMiss: '{ "traits": { "phones": { "+12225555555": {} } }, "name": "A", "eventSource": "iterable" }',
    },
    {
      title: 'merge field outside quotes in key position',
      raise: '{ "traits": { "phones": { "+12225555555": {} }, ⟦{{key}}⟧: 1 } }',
      nearMiss: '{ "traits": { "phones": { "+12225555555": {} }, "{{key}}": 1 } }',
    },
    {
      title: 'empty payload',
      raise: '⟦⟧',
      nearMiss: '{ "traits": { "phones": { "+12225555555": {} } } }',
    },
  ],
  comment: [
    {
      title: 'line comment as in Regal\'s guide',
      raise: '{\n  "userId": "{{uniqueIdentifier}}", ⟦//this is optional⟧\n  "traits": { "phone": "{{phoneNumber}}" }\n}',
      nearMiss: '{\n  "userId": "{{uniqueIdentifier}}",\n  "traits": { "phone": "{{phoneNumber}}" }\n}',
    },
    {
      title: 'block comment',
      raise: '{ ⟦/* contact */⟧ "traits": { "phone": "{{phoneNumber}}" } }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}", "note": "/* not a comment */ // nor this" } }',
    },
  ],
  'trailing-comma': [
    {
      title: 'comma before }',
      raise: '{ "traits": { "phone": "{{phoneNumber}}"⟦,⟧ } }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}" } }',
    },
    {
      title: 'comma that remains when {{#if}} renders nothing',
      raise: '{ "traits": { "phone": "{{phoneNumber}}"⟦,⟧ {{#if email}}"email": "{{email}}"{{/if}} } }',
      nearMiss: '{ "traits": { {{#if email}}"email": "{{email}}",{{/if}} "phone": "{{phoneNumber}}" } }',
    },
  ],
  'duplicate-key': [
    {
      title: 'same key twice',
      raise: '{ "traits": { "phone": "{{phoneNumber}}" }, "name": "A", ⟦"name"⟧: "B" }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}" }, {{#if a}}"name": "A"{{else}}"name": "B"{{/if}} }',
    },
    {
      title: 'two phones keyed by different merge fields are different keys',
      raise: '{ "traits": { "phones": { "{{phoneNumber}}": {}, ⟦"{{phoneNumber}}"⟧: {} } } }',
      nearMiss: '{ "traits": { "phones": { "{{phoneNumber}}": {}, "{{workPhone}}": {} } } }',
    },
  ],
  'missing-identifier': [
    {
      title: 'no userId, phone or email',
      raise: '{ "name": "Signup", ⟦"traits"⟧: { "firstName": "{{firstName}}" } }',
      nearMiss: '{ "name": "Signup", "userId": "{{userId}}", "traits": { "firstName": "{{firstName}}" } }',
    },
    {
      title: 'empty phones object and nothing else',
      raise: '{ "traits": { ⟦"phones"⟧: {} } }',
      nearMiss: '{ "traits": { "phones": { "{{phoneNumber}}": {} } } }',
    },
    {
      title: 'no traits at all',
      raise: '⟦{⟧ "name": "Signup" }',
      nearMiss: '{ "name": "Signup", "traits": { "phones": { "{{phoneNumber}}": {} } } }',
    },
  ],
  'missing-phone': [
    {
      title: 'a contact identified by email only',
      raise: '{ ⟦"traits"⟧: { "email": "{{email}}" } }',
      nearMiss: '{ "traits": { "email": "{{email}}", "phone": "{{phoneNumber}}" } }',
    },
    {
      title: 'a contact identified by userId only',
      raise: '{ "userId": "{{userId}}", ⟦"traits"⟧: { "firstName": "{{firstName}}" } }',
      nearMiss: '{ "userId": "{{userId}}", "name": "Signup", "traits": { "firstName": "{{firstName}}" } }',
    },
    {
      title: 'an event identified by email only (an event with userId only is fine)',
      raise: '{ "name": "Signup", ⟦"traits"⟧: { "emails": { "{{email}}": {} } } }',
      nearMiss: '{ "name": "Signup", "userId": "{{userId}}" }',
    },
  ],
  'optin-required': [
    {
      title: 'optIn item without subscribed',
      raise: '{ "traits": { "phone": "{{phoneNumber}}", "optIn": [ ⟦{⟧ "channel": "sms" } ] } }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}", "optIn": [ { "channel": "sms", "subscribed": true } ] } }',
    },
  ],
  'optin-channel': [
    {
      title: 'unsupported channel',
      raise: '{ "traits": { "phone": "{{phoneNumber}}", "optIn": [ { "channel": ⟦"Voice"⟧, "subscribed": true } ] } }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}", "optIn": [ { "channel": "email", "subscribed": true } ] } }',
    },
  ],
  'quoted-boolean': [
    {
      title: 'quoted merge field in subscribed',
      raise: '{ "traits": { "phone": "{{phoneNumber}}", "optIn": [ { "channel": "sms", "subscribed": ⟦"{{flag}}"⟧ } ] } }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}", "optIn": [ { "channel": "sms", "subscribed": {{#if flag}}true{{else}}false{{/if}} } ] } }',
    },
    {
      title: 'any boolean key, with a block inside the quotes',
      raise: '{ "traits": { "phones": { "{{phoneNumber}}": { "isPrimary": ⟦"{{#if p}}true{{else}}false{{/if}}"⟧ } } } }',
      nearMiss: '{ "traits": { "phones": { "{{phoneNumber}}": { "isPrimary": true, "label": "{{label}}" } } } }',
    },
  ],
  'unquoted-merge-field': [
    {
      title: 'bare merge field as a value',
      raise: '{ "traits": { "phone": "{{phoneNumber}}", "age": ⟦{{age}}⟧ } }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}", "age": {{#if age}}{{age}}{{else}}null{{/if}}, "score": {{defaultIfEmpty score 0}} } }',
    },
  ],
  type: [
    {
      title: 'string literal where a boolean belongs',
      raise: '{ "traits": { "phone": "{{phoneNumber}}", "optIn": [ { "channel": "sms", "subscribed": ⟦"yes"⟧ } ] } }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}", "optIn": [ { "channel": "sms", "subscribed": false } ] } }',
    },
    {
      title: 'array where an object belongs',
      raise: '{ "traits": { "phone": "{{phoneNumber}}" }, "name": "A", "properties": ⟦[]⟧ }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}" }, "name": "A", "properties": { "list": [] } }',
    },
    {
      title: 'a string that is one merge field never fails a type check',
      raise: '{ "traits": { "phone": "{{phoneNumber}}", "address": { "zipcode": ⟦33026⟧ } } }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}", "address": { "zipcode": "{{zip}}" } }, "properties": "{{toJson props}}" }',
    },
  ],
  'phone-format': [
    {
      title: 'literal phone value',
      raise: '{ "traits": { "phone": ⟦"(555) 123-4567"⟧ } }',
      nearMiss: '{ "traits": { "phone": "+15551234567" } }',
    },
    {
      title: 'literal phones key',
      raise: '{ "traits": { "phones": { ⟦"555-123-4567"⟧: {} } } }',
      nearMiss: '{ "traits": { "phones": { "{{phoneNumber}}": {}, "+442071234567": {} } } }',
    },
  ],
  'phone-not-e164': [
    {
      title: 'a number with a country code, written with spaces and brackets',
      raise: '{ "traits": { "phone": ⟦"+1 (954) 555-2399"⟧ } }',
      nearMiss: '{ "traits": { "phone": "+19545552399" } }',
    },
    {
      title: "Regal's own documented form, as a phones key",
      raise: '{ "traits": { "phones": { ⟦"+1 555 555 5555"⟧: {} } } }',
      nearMiss: '{ "traits": { "phones": { "+15555555555": {} } } }',
    },
  ],
  'helper-arguments': [
    {
      title: 'math with two arguments',
      raise: '{ "traits": { "phone": "{{phoneNumber}}", "n": "{{⟦math⟧ age 2}}" } }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}", "n": "{{math age \'+\' 2}}" } }',
    },
    {
      title: 'ifEq with one argument',
      raise: '{ "traits": { "phone": "{{phoneNumber}}", "n": "{{#⟦ifEq⟧ age}}x{{/ifEq}}" } }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}", "n": "{{#ifEq age 21}}x{{/ifEq}}" } }',
    },
    {
      title: 'dateFormat without a date',
      raise: '{ "traits": { "phone": "{{phoneNumber}}", "d": "{{⟦dateFormat⟧}}" } }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}", "d": "{{dateFormat signupDate format=\'yyyy\'}}" } }',
    },
    {
      title: 'an argument too many (the extra ones are marked)',
      raise: '{ "traits": { "phone": "{{phoneNumber}}", "u": "{{upper name ⟦last⟧}}" } }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}", "u": "{{upper name}}" } }',
    },
  ],
  'nested-double-quotes': [
    {
      title: 'double-quoted fallback inside a JSON string',
      raise: '{ "traits": { "phone": "{{phoneNumber}}", "leadSource": "{{defaultIfEmpty leadSource ⟦"web"⟧}}" } }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}", "leadSource": "{{defaultIfEmpty leadSource \'web\'}}" } }',
    },
  ],
  'triple-stash-in-string': [
    {
      title: 'raw free text inside a JSON string',
      raise: '{ "traits": { "phone": "{{phoneNumber}}", "bio": "⟦{{{bio}}}⟧" } }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}", "bio": "{{bio}}", "raw": {{{toJson bio}}} } }',
    },
  ],
  'comparison-on-missing-field': [
    {
      title: 'gt on a field some users lack',
      raise: '{ "traits": { "phone": "{{phoneNumber}}", "tier": "{{#gt ⟦spend⟧ 100}}gold{{else}}silver{{/gt}}" } }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}", "tier": "{{#if spend}}{{#gt spend 100}}gold{{else}}silver{{/gt}}{{/if}}" } }',
    },
  ],
  'unknown-property': [
    {
      title: 'misspelt key in an optIn item',
      raise: '{ "traits": { "phone": "{{phoneNumber}}", "optIn": [ { "channel": "sms", "subscribed": true, ⟦"sorce"⟧: "x" } ] } }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}", "optIn": [ { "channel": "sms", "subscribed": true, "source": "x" } ] } }',
    },
    {
      title: 'unknown top-level key (custom traits are fine)',
      raise: '{ "traits": { "phone": "{{phoneNumber}}" }, ⟦"userID"⟧: "{{userId}}" }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}", "favouriteColour": "{{colour}}" }, "userId": "{{userId}}" }',
    },
  ],
  'handlebars-syntax': [
    {
      title: 'unclosed mustache',
      raise: '{ "traits": { "phone": "⟦{{phoneNumber⟧" } }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}" } }',
    },
    {
      title: 'mismatched block close',
      raise: '{ "traits": { "phone": "{{phoneNumber}}" }, "name": "{{#if a}}A⟦{{/unless}}⟧" }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}" }, "name": "{{#unless a}}A{{/unless}}" }',
    },
    {
      title: 'unclosed block reported at its open tag',
      raise: '{ "traits": { "phone": "{{phoneNumber}}" }, "name": "⟦{{#if a}}⟧A" }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}" }, "name": "{{#if a}}A{{/if}}" }',
    },
  ],
  'unknown-helper': [
    {
      title: 'helper Iterable does not have',
      raise: '{ "traits": { "phone": "{{phoneNumber}}", "firstName": "{{⟦uppr⟧ firstName}}" } }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}", "firstName": "{{upper firstName}}" } }',
    },
  ],
  'reserved-event-name': [
    {
      title: 'name Regal emits itself',
      raise: '{ "traits": { "phone": "{{phoneNumber}}" }, "name": ⟦"sms.sent"⟧ }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}" }, "name": "SMS Sent From Iterable" }',
    },
  ],
  'empty-event-name': [
    {
      title: 'empty name',
      raise: '{ "traits": { "phone": "{{phoneNumber}}" }, "name": ⟦""⟧ }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}" }, "name": "{{eventName}}" }',
    },
  ],
  'legacy-shape': [
    {
      title: 'traits.phone',
      raise: '{ "traits": { ⟦"phone"⟧: "{{phoneNumber}}" } }',
      nearMiss: '{ "traits": { "phones": { "{{phoneNumber}}": {} } } }',
    },
  ],
};

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
          assert.deepEqual(found.filter((f) => f.code === code).map((f) => f.covers), []);
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
    '{ "traits": { "phone": "{{phoneNumber}}" }, "properties": { "items": [ {{#each items}}{ "sku": "{{sku}}" }{{#unless @last}},{{/unless}}{{/each}} ] } }',
    '{ "traits": { "phone": "{{phoneNumber}}" }, "properties": { "tags": [ {{#each tags}}{{#if @first}}{{else}},{{/if}}"{{this}}"{{/each}} ] } }',
    '{ "traits": { "phone": "{{phoneNumber}}" }, "properties": { "skus": [ {{#each items}}{{#if @index}},{{/if}}"{{sku}}"{{/each}} ] } }',
    '{ "traits": { "phones": { "{{phoneNumber}}": { "isPrimary": {{#if vip}}true{{ else }}false{{/if}} } } } }',
    '{ "traits": { "phone": "{{phoneNumber}}", "age": {{#if age}}{{age}}{{/if}}{{#unless age}}0{{/unless}} } }',
    '{ "traits": { "phone": "{{phoneNumber}}"{{#if email}}, "email": "{{email}}"{{/if}}{{#unless email}}, "email": "none"{{/unless}} } }',
    '{ "traits": { "phone": "{{phoneNumber}}", "age": {{#if age}}{{age}}{{else if years}}{{years}}{{else}}null{{/if}} } }',
    '{ "traits": { "phone": "{{phoneNumber}}", "n": 1{{! units }}5, "m": 1{{#if a}}5{{/if}} } }',
    '{ "traits": { "phone": "{{phoneNumber}}", "x": "{{!--}}", "y": "{{!-- a }} b --}}{{!-- c --~}}" } }',
    '\uFEFF{ "traits": { "phone": "{{phoneNumber}}" } }',
    '{ "traits": {{{toJson profile}}}, "properties": {{{toJson props}}}, "originalTimestamp": "{{now}}" }',
  ];
  for (const text of clean) {
    it(text.replace(/\s+/g, ' '), () => {
      const problems = validate(text).filter((f) => f.diagnostic.severity !== 4);
      assert.deepEqual(problems.map((f) => `${f.code}: ${f.covers}`), []);
    });
  }
});

describe('findings from the review of Iterable idioms', () => {
  const codes = (text: string) => validate(text).filter((f) => f.code !== 'legacy-shape').map((f) => `${f.code}:${f.covers}`);

  it('finds a duplicate key whose first copy is in another branch', () => {
    assert.deepEqual(codes('{ "traits": { "phone": "{{p}}", {{#if a}}"x": 1{{else}}"y": 1{{/if}}, "y": 2 } }'), ['duplicate-key:"y"']);
  });

  it('reports a bare helper that renders text', () => {
    assert.deepEqual(codes('{ "traits": { "phone": "{{p}}" }, "originalTimestamp": {{now}} }'), ['unquoted-merge-field:{{now}}']);
  });

  it('advises a real boolean for a boolean key and quotes for a string key', () => {
    const [boolean] = validate('{ "traits": { "phone": "{{p}}", "optIn": [ { "channel": "sms", "subscribed": {{flag}} } ] } }').filter((f) => f.code === 'unquoted-merge-field');
    assert.match(boolean.message, /\{\{#if flag\}\}true\{\{else\}\}false\{\{\/if\}\}/);
    const [text] = validate('{ "traits": { "phone": {{p}} } }').filter((f) => f.code === 'unquoted-merge-field');
    assert.match(text.message, /Put it in quotes: `"\{\{p\}\}"`/);
  });

  it('accepts {{else}} in {{#each}} (handlebars.java does) and flags block-only helpers written inline', () => {
    assert.deepEqual(codes('{ "traits": { "phone": "{{p}}", "x": "{{#each a}}{{b}}{{else}}none{{/each}}", "y": "{{urlEncode email}}" } }'), ['unknown-helper:urlEncode']);
  });

  it('names the branch a problem is in', () => {
    const [found] = validate('{ "traits": { "phone": "{{p}}", "x": {{#if a}}1{{else if b}}tru{{else}}2{{/if}} } }').filter((f) => f.code === 'invalid-json');
    assert.equal(found.covers, 'tru');
    assert.match(found.message, /\(in the `\{\{else if b\}\}` branch of `\{\{#if a\}\}`\)/);
  });

  it('reports one unclosed mustache inside a string, not a cascade', () => {
    const text = '{\n  "traits": {\n    "phone": "{{phoneNumber",\n    "optIn": [{"channel": "sms", "subscribed": true}]\n  },\n  "properties": {"plan": {"tier": "gold"}}\n}';
    assert.deepEqual(codes(text), ['handlebars-syntax:{{phoneNumber']);
  });
});

describe('found by fuzzing', () => {
  const codes = (text: string) => validate(text).filter((f) => f.code !== 'legacy-shape').map((f) => `${f.code}:${f.covers}`);

  it(
    'reports a mustache inside a JSON comment with the comment only, not as an unquoted merge field',
    () => {
      assert.deepEqual(codes('{ "traits": { "phone": "{{p}}" }, // "{{y}}"\n "name": "x" }'), ['comment:// "{{y}}"']);
      assert.deepEqual(codes('{ "traits": { "phone": "{{p}}" }, /* {{y}} */ "name": "x" }'), ['comment:/* {{y}} */']);
    },
  );
});

describe('branches other than the first', () => {
  it('checks the {{else}} branch and says which condition it depends on', () => {
    const text = '{ "traits": { "phone": "{{phoneNumber}}", "optIn": [ { "channel": "sms", "subscribed": {{#if f}}true{{else}}"no"{{/if}} } ] } }';
    const found = validate(text).filter((f) => f.code === 'type');
    assert.equal(found.length, 1);
    assert.equal(found[0].covers, '"no"');
    assert.match(found[0].message, /\(in the `\{\{else\}\}` branch of `\{\{#if f\}\}`\)/);
  });

  it('reports JSON broken only when a block renders nothing', () => {
    const text = '{ "traits": { "phone": "{{phoneNumber}}", {{#if e}}"email": "{{e}}"{{/if}} } }';
    const found = validate(text).filter((f) => f.code === 'trailing-comma');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /renders nothing/);
  });
});
