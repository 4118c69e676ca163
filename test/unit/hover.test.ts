/**
 * Hover: the markdown for keys and values (from the Regal schema, both payload shapes), custom
 * traits and event properties, merge fields (standard, catalog, other files, unknown) and helpers.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import type { WorkspaceContext } from '../../server/src/service/workspace/workspaceContext';
import { documentOf, regalSchema, service } from '../support/service';

const range0 = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };

/** A workspace with a catalog and one other payload file, built by hand. */
const workspace: WorkspaceContext = {
  catalog: {
    uri: 'file:///ws/iterable-fields.json',
    fields: new Map([
      ['voice_optin_subscribed', 'boolean'],
      ['leadScore', 'long'],
    ]),
  },
  files: [
    {
      uri: 'file:///ws/other.regal.json',
      mergeFields: new Map([['leadSource', { start: { line: 4, character: 20 }, end: { line: 4, character: 30 } }]]),
      eventNames: [],
      valueTypes: new Map([['traits.age', { type: 'string' as const, range: range0 }]]),
    },
  ],
};

interface Hovered {
  markdown: string;
  /** The source text the hover's range covers. */
  covers: string;
}

/** Hovers at the `occurrence`-th `needle`, `delta` characters into it. */
function hoverAt(text: string, needle: string, delta = 1, ws?: WorkspaceContext, occurrence = 0): Hovered | null {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(needle, at + 1);
  assert.notEqual(at, -1, `${needle} not in the text`);
  const document = documentOf(text);
  const hover: Hover | null = service.doHover(document, document.positionAt(at + delta), ws);
  if (!hover) return null;
  assert.ok(hover.range, 'a hover has a range');
  const contents = hover.contents as MarkupContent;
  assert.equal(contents.kind, 'markdown');
  return { markdown: contents.value, covers: text.slice(document.offsetAt(hover.range.start), document.offsetAt(hover.range.end)) };
}

const definitions = regalSchema.definitions as Record<string, { properties: Record<string, { markdownDescription: string }> }>;
const markdownOf = (definition: string, key: string) => definitions[definition].properties[key].markdownDescription;

const legacy = `{
  "userId": "{{userId}}",
  "traits": {
    "phone": "{{phoneNumber}}",
    "email": "{{email}}",
    "age": 23,
    "optIn": [
      { "channel": "sms", "source": "{{leadSource}}", "subscribed": true },
      { "channel": "text", "subscribed": {{#if voice_optin_subscribed}}true{{else}}false{{/if}} }
    ]
  },
  "properties": { "plan": "{{toJson plan}}" },
  "eventSource": "iterable"
}`;

const current = `{
  "traits": {
    "phones": {
      "{{phoneNumber}}": {
        "isPrimary": false,
        "voiceOptIn": { "subscribed": true }
      }
    },
    "emails": { "{{email}}": { "emailOptIn": { "subscribed": true } } }
  }
}`;

describe('hover on keys and values', () => {
  it('explains a legacy-shape key with the schema markdown and an example', () => {
    const hover = hoverAt(legacy, '"phone"')!;
    assert.equal(hover.covers, '"phone"');
    assert.match(hover.markdown, /^\*\*`traits\.phone`\*\* · string/);
    assert.ok(hover.markdown.includes(markdownOf('traits', 'phone')));
    assert.ok(hover.markdown.includes('```json\n"phone": "{{phoneNumber}}"\n```'), hover.markdown);
  });

  it('explains keys of the phones/emails shape, keyed by number and address', () => {
    const voice = hoverAt(current, '"voiceOptIn"')!;
    assert.equal(voice.covers, '"voiceOptIn"');
    assert.match(voice.markdown, /^\*\*`traits\.phones\["\{\{phoneNumber\}\}"\]\.voiceOptIn`\*\* · object/);
    assert.ok(voice.markdown.includes(markdownOf('phoneEntry', 'voiceOptIn')));
    const email = hoverAt(current, '"emailOptIn"')!;
    assert.ok(email.markdown.includes(markdownOf('emailEntry', 'emailOptIn')));
    const subscribed = hoverAt(current, '"subscribed"', 1, undefined, 1)!;
    assert.match(subscribed.markdown, /traits\.emails\["\{\{email\}\}"\]\.emailOptIn\.subscribed/);
  });

  it('lists enum values with the current one first, on the key and on the value', () => {
    const onKey = hoverAt(legacy, '"channel"')!;
    assert.ok(onKey.markdown.includes('Allowed values: `"sms"` (current) · `"voice"` · `"email"`'), onKey.markdown);
    const onValue = hoverAt(legacy, '"sms"')!;
    assert.equal(onValue.covers, '"sms"');
    assert.ok(onValue.markdown.includes('`"sms"` (current)'));
    const wrong = hoverAt(legacy, '"text"')!;
    assert.ok(wrong.markdown.includes('Allowed values: `"voice"` · `"sms"` · `"email"` — the current `"text"` is not one of them'), wrong.markdown);
  });

  it('lists booleans with the current one first, and says when the value is a template', () => {
    const primary = hoverAt(current, '"isPrimary"')!;
    assert.ok(primary.markdown.includes('Allowed values: `false` (current) · `true`'), primary.markdown);
    const templated = hoverAt(legacy, '"subscribed"', 1, undefined, 1)!;
    assert.ok(templated.markdown.includes('Allowed values: `true` · `false` — the current value is a template'), templated.markdown);
  });

  it('explains a value in the {{else}} branch, which view 0 does not render, like the one in the first branch', () => {
    const text = '{ "traits": { "optIn": [ { "channel": "sms", "subscribed": {{#if x}}true{{else}}false{{/if}} } ] } }';
    const hover = hoverAt(text, 'false', 1)!;
    assert.ok(hover, 'a hover on the else branch value');
    assert.equal(hover.covers, 'false');
    assert.match(hover.markdown, /^\*\*`traits\.optIn\[0\]\.subscribed`\*\* · boolean/);
  });

  it('says a quoted template on a boolean key sends a string', () => {
    const hover = hoverAt('{ "traits": { "optIn": [ { "channel": "sms", "subscribed": "{{flag}}" } ] } }', '"{{flag}}"', 0)!;
    assert.ok(hover.markdown.includes('Allowed values: `true` · `false` — the current value is a quoted template, which sends a string'), hover.markdown);
  });

  it('says custom traits and event properties are stored as sent, with the types other files send', () => {
    const age = hoverAt(legacy, '"age"', 1, workspace)!;
    assert.match(age.markdown, /^\*\*`traits\.age`\*\* · custom trait/);
    assert.match(age.markdown, /custom trait — Regal stores it as sent; its type is fixed the first time Regal sees it/i);
    assert.ok(age.markdown.includes('Sent here as `number`.'));
    assert.ok(age.markdown.includes('Other payload files send it as `string` in [other\\.regal\\.json](<file:///ws/other.regal.json#L1>)'), age.markdown);
    const plan = hoverAt(legacy, '"plan"')!;
    assert.match(plan.markdown, /event property — Regal stores it as sent; its type is fixed the first time Regal sees it/i);
  });

  it('says which keys Regal defines where an unknown key is not allowed', () => {
    const hover = hoverAt('{ "traits": { "address": { "zip": "1" } } }', '"zip"')!;
    assert.match(hover.markdown, /not a Regal key/);
    assert.match(hover.markdown, /`zipcode`/);
  });
});

describe('hover on merge fields', () => {
  it('names an Iterable standard field with its type and example, and what a blank field sends', () => {
    const hover = hoverAt(legacy, 'phoneNumber')!;
    assert.equal(hover.covers, 'phoneNumber');
    assert.match(hover.markdown, /^\*\*`\{\{phoneNumber\}\}`\*\* · merge field · `string`/);
    assert.match(hover.markdown, /Iterable standard field/);
    assert.match(hover.markdown, /renders like `\+16503926753`/);
    assert.match(hover.markdown, /this value is sent as `""`/);
  });

  it('says a blank merge field in a key leaves an empty key, not an empty value', () => {
    const hover = hoverAt(current, 'phoneNumber')!;
    assert.match(hover.markdown, /this key is sent as `""`/);
    assert.doesNotMatch(hover.markdown, /this value/);
  });

  it('names a catalog field with its type and file, also inside a block tag', () => {
    const hover = hoverAt(legacy, 'voice_optin_subscribed', 2, workspace)!;
    assert.equal(hover.covers, 'voice_optin_subscribed');
    assert.ok(hover.markdown.includes('merge field · `boolean`'));
    assert.ok(hover.markdown.includes('In your field catalog [iterable\\-fields\\.json](<file:///ws/iterable-fields.json>) as `boolean`.'), hover.markdown);
    assert.match(hover.markdown, /`if` reads it as false/);
  });

  it('names the other payload files that use a field', () => {
    const hover = hoverAt(legacy, 'leadSource', 1, workspace)!;
    assert.ok(hover.markdown.includes('Also used in [other\\.regal\\.json](<file:///ws/other.regal.json#L5>).'), hover.markdown);
    assert.doesNotMatch(hover.markdown, /Unknown field/);
  });

  it('calls an unknown field unknown and suggests the closest known name', () => {
    const hover = hoverAt('{ "traits": { "phone": "{{phoneNumbr}}" } }', 'phoneNumbr', 1, workspace)!;
    assert.match(hover.markdown, /Unknown field: not an Iterable standard field, not in your catalog `iterable-fields.json`/);
    assert.match(hover.markdown, /Did you mean `phoneNumber`/);
  });

  it('warns that a comparison helper on a missing field skips the send, and that a bare field breaks the JSON', () => {
    const gt = hoverAt('{ "traits": { "phone": "x" }, "name": "{{#gt leadScore 3}}hot{{/gt}}" }', 'leadScore', 1, workspace)!;
    assert.match(gt.markdown, /the template fails and Iterable skips the send/);
    const bare = hoverAt('{ "properties": { "score": {{leadScore}} } }', 'leadScore', 1, workspace)!;
    assert.match(bare.markdown, /invalid JSON/);
  });
});

describe('hover on helpers', () => {
  it('gives the signature and behaviour of a block helper', () => {
    const text = '{ "name": "{{#ifEq plan \'gold\'}}Gold{{else}}Other{{/ifEq}}" }';
    const hover = hoverAt(text, 'ifEq')!;
    assert.equal(hover.covers, 'ifEq');
    assert.ok(hover.markdown.includes("```handlebars\n{{#ifEq field 'value'}}…{{/ifEq}}\n```"), hover.markdown);
    const closing = hoverAt(text, '/ifEq', 2)!;
    assert.equal(closing.covers, 'ifEq');
    assert.match(closing.markdown, /Closes `\{\{#ifEq plan 'gold'\}\}` \(line 1\)/);
    const elseTag = hoverAt(text, '{{else}}', 3)!;
    assert.match(elseTag.markdown, /`\{\{else\}\}`\*\* of `\{\{#ifEq plan 'gold'\}\}`/);
  });

  it('explains inline helpers and the closing tag of if', () => {
    const toJson = hoverAt(legacy, 'toJson')!;
    assert.match(toJson.markdown, /^\*\*`toJson`\*\* · Iterable helper/);
    assert.match(toJson.markdown, /\{\{toJson value\}\}/);
    const closeIf = hoverAt(legacy, '{{/if}}', 3)!;
    assert.equal(closeIf.covers, 'if');
    assert.match(closeIf.markdown, /a missing field is false/);
    assert.match(closeIf.markdown, /Closes `\{\{#if voice_optin_subscribed\}\}` \(line 9\)/);
  });

  it('covers the hovered braces of a closing tag: the whole tag, not only its name (found by fuzzing)', () => {
    // A hover range must contain the hovered position; VS Code highlights the range.
    for (const delta of [0, 2, 5, 6]) assert.equal(hoverAt(legacy, '{{/if}}', delta)?.covers, '{{/if}}', `${delta} characters into the tag`);
    assert.equal(hoverAt('{{#if {{/if}}', '{{/if}}', 1)?.covers, '{{/if}}');
  });

  it('says the comparison helpers skip the send on a missing field', () => {
    const hover = hoverAt('{ "name": "{{#lt a 3}}x{{/lt}}" }', '#lt', 1)!;
    assert.match(hover.markdown, /Iterable skips the send/);
    assert.match(hover.markdown, /webhook is not called/);
  });

  it('suggests an Iterable helper for an unknown one', () => {
    const hover = hoverAt('{ "name": "{{uper firstName}}" }', 'uper')!;
    assert.match(hover.markdown, /not an Iterable helper/);
    assert.match(hover.markdown, /Did you mean `upper`/);
  });
});

describe('hover robustness', () => {
  it('returns null out of range, between members and in comments', () => {
    const document = documentOf(legacy);
    assert.equal(service.doHover(document, { line: 99, character: 0 }), null);
    assert.equal(service.doHover(document, { line: 0, character: 40 }), null);
    assert.equal(service.doHover(document, { line: -1, character: 0 }), null);
    assert.equal(hoverAt('{\n\n  "name": "x"\n}', '\n\n', 1), null);
    assert.equal(hoverAt('{ "name": "{{! a comment }}x" }', 'comment'), null);
  });

  it('never throws, at any offset of broken payloads', () => {
    const texts = [
      legacy.slice(0, 200),
      '{ "a": {{#if x}',
      '{{',
      '{"traits": {"phones": {"{{p": 1}}}',
      '[1, {{#each l}}{{this}}{{/each}}]',
      '',
      '"x"',
      '{ "a": "{{x}} }',
    ];
    for (const text of texts) {
      const document = documentOf(text);
      for (let offset = 0; offset <= text.length; offset++) service.doHover(document, document.positionAt(offset), workspace);
    }
  });
});

describe('hover links to workspace files', () => {
  it('keeps a hostile file name as text: it cannot become a link or an image', async () => {
    const { fileLink } = await import('../../server/src/service/hover/markdown');
    const link = fileLink('a](https:evil.example)![b.regal.json', 'file:///ws/a%5D(https:evil.example)!%5Bb.regal.json#L3');
    assert.equal(link, '[a\\]\\(https:evil\\.example\\)\\!\\[b\\.regal\\.json](<file:///ws/a%5D%28https:evil.example%29!%5Bb.regal.json#L3>)');
    // One link only, whose target is the file.
    assert.equal(link.match(/\]\(</g)?.length, 1);
  });
});
