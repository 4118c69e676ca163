/**
 * ajv → range mapping: which node each keyword lands on, oneOf/anyOf collapsing, and the
 * template-aware exemptions, with the real schema and with small schemas of our own.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/service/languageService';
import { describePath, parsePointer } from '../../server/src/service/schema/schemaFindings';
import { inlineLocalRefs } from '../../server/src/service/schema/schemaValidator';
import { marked, validate } from '../support/service';

function validateWith(schema: Record<string, unknown>, text: string) {
  const service = createLanguageService({ schema });
  const document = TextDocument.create('file:///t.regal.json', 'regal-webhook', 1, text);
  return service
    .doValidation(document, { enable: true, severity: { 'missing-identifier': 'off', 'missing-phone': 'off', 'legacy-shape': 'off' } })
    .map((d) => ({
      code: String(d.code),
      covers: text.slice(document.offsetAt(d.range.start), document.offsetAt(d.range.end)),
      message: typeof d.message === 'string' ? d.message : d.message.value,
    }));
}

describe('ajv error ranges with the Regal schema', () => {
  const rangeCases: Array<[string, string, string]> = [
    ['type → the value', 'type', '{ "traits": { "phone": "+12225555555", "address": { "city": ⟦12⟧ } } }'],
    ['enum → the value', 'optin-channel', '{ "traits": { "phone": "+12225555555", "optIn": [ { "channel": ⟦"fax"⟧, "subscribed": true } ] } }'],
    ['unknown property → the key', 'unknown-property', '{ "traits": { "phone": "+12225555555", "address": { ⟦"postalCode"⟧: "33026" } } }'],
    ['unknown property in a phones entry → the key', 'unknown-property', '{ "traits": { "phones": { "+12225555555": { ⟦"primary"⟧: true } } } }'],
    [
      'missing required in an array item → its brace',
      'optin-required',
      '{ "traits": { "phone": "+12225555555", "optIn": [ {"channel": "sms", "subscribed": true}, ⟦{⟧ "subscribed": true } ] } }',
    ],
    ['root of the wrong type → the whole value', 'type', '⟦[ 1 ]⟧'],
  ];
  for (const [title, code, text] of rangeCases) {
    it(title, () => {
      const { text: source, ranges } = marked(text);
      const found = validate(source).filter((f) => f.code === code);
      assert.equal(found.length, 1, JSON.stringify(validate(source).map((f) => [f.code, f.covers])));
      assert.deepEqual({ start: found[0].start, end: found[0].end }, ranges[0]);
    });
  }

  it('suggests the closest allowed key', () => {
    const [found] = validate('{ "traits": { "phones": { "+12225555555": { "voiceOptin": {} } } } }').filter((f) => f.code === 'unknown-property');
    assert.match(found.message, /rename it to "voiceOptIn"/);
    assert.deepEqual((found.diagnostic.data as { suggestions: string[] }).suggestions, ['voiceOptIn']);
  });

  it('tells where a top-level contact attribute belongs', () => {
    const [found] = validate('{ "traits": { "phone": "+12225555555" }, "firstName": "{{firstName}}" }').filter((f) => f.code === 'unknown-property');
    assert.match(found.message, /move it into traits/);
  });

  it('does not type-check value placeholders or single merge fields', () => {
    const text =
      '{ "traits": { "phone": "+12225555555", "address": { "city": {{#if c}}"{{c}}"{{else}}null{{/if}}, "state": "{{state}}" } }, "properties": "{{props}}" }';
    const found = validate(text).filter((f) => f.code === 'type');
    // null in the else branch is a real type error for a string key; nothing else is.
    assert.deepEqual(
      found.map((f) => f.covers),
      ['null'],
    );
  });

  it('does not enum-check a channel that is a merge field', () => {
    const text = '{ "traits": { "phone": "+12225555555", "optIn": [ { "channel": "{{channel}}", "subscribed": true } ] } }';
    assert.deepEqual(
      validate(text).filter((f) => f.code === 'optin-channel'),
      [],
    );
  });
});

describe('oneOf / anyOf collapsing', () => {
  const schema = {
    type: 'object',
    properties: {
      contact: {
        anyOf: [
          { type: 'object', properties: { phone: { type: 'string' } }, required: ['phone'], additionalProperties: false },
          { type: 'object', properties: { email: { type: 'string' } }, required: ['email'], additionalProperties: false },
        ],
      },
      flag: { oneOf: [{ type: 'boolean' }, { type: 'integer' }] },
    },
  };

  it('keeps only the best branch', () => {
    const found = validateWith(schema, '{ "contact": { "phone": 1 } }');
    assert.deepEqual(
      found.map((f) => `${f.code}:${f.covers}`),
      ['type:1'],
    );
  });

  it('merges branches that all fail on the type into one error', () => {
    const found = validateWith(schema, '{ "flag": "yes" }');
    assert.deepEqual(
      found.map((f) => `${f.code}:${f.covers}`),
      ['type:"yes"'],
    );
    assert.match(found[0].message, /must be a boolean or an integer, not a string/);
  });

  it('never reports the bare anyOf error when a branch explains it', () => {
    const found = validateWith(schema, '{ "contact": { "emali": "x" } }');
    assert.ok(
      found.every((f) => !/anyOf|oneOf|must match/.test(f.message)),
      JSON.stringify(found),
    );
    assert.ok(found.length >= 1);
  });
});

describe('JSON pointers and paths', () => {
  it('unescapes pointer segments and reads indexes', () => {
    assert.deepEqual(parsePointer('/traits/phones/+1~1x~0y/optIn/0'), ['traits', 'phones', '+1/x~y', 'optIn', 0]);
    assert.deepEqual(parsePointer(''), []);
  });

  it('describes paths for messages', () => {
    assert.equal(describePath(['traits', 'optIn', 0]), 'traits.optIn[0]');
    assert.equal(describePath(['traits', 'phones', '+12225555555', 'voiceOptIn']), 'traits.phones["+12225555555"].voiceOptIn');
    assert.equal(describePath([]), 'the body');
  });
});

describe('local $ref inlining', () => {
  it('keeps recursive references working and siblings winning', () => {
    const schema = {
      type: 'object',
      properties: { tree: { $ref: '#/definitions/node', description: 'the root' } },
      additionalProperties: false,
      definitions: {
        node: {
          type: 'object',
          description: 'a node',
          properties: { child: { $ref: '#/definitions/node' }, name: { type: 'string' } },
          additionalProperties: false,
        },
      },
    };
    const inlined = inlineLocalRefs(schema) as { properties: { tree: { description: string; properties: { child: { $ref: string } } } } };
    assert.equal(inlined.properties.tree.description, 'the root');
    assert.equal(inlined.properties.tree.properties.child.$ref, '#/definitions/node');
    const found = validateWith(schema, '{ "tree": { "child": { "child": { "name": 1, "nmae": "x" } } } }');
    assert.deepEqual(found.map((f) => `${f.code}:${f.covers}`).sort(), ['type:1', 'unknown-property:"nmae"']);
  });
});
