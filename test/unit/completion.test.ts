/**
 * Completion: a `|` marks the cursor in a payload, the test picks an item by label, applies it as
 * VS Code would (snippet tab stops at their defaults, see test/support/applyCompletion.ts) and
 * compares the resulting text.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type MarkupContent } from 'vscode-languageserver-types';
import { bestCandidates, MAX_COMPLETION_ITEMS } from '../../server/src/service/completion/completionLimit';
import { helperList } from '../../server/src/service/iterable/iterableHelpers';
import { iterableStandardFields } from '../../server/src/service/iterable/iterableFields';
import type { PayloadFileSummary, WorkspaceContext } from '../../server/src/service/workspace/workspaceContext';
import { applyItem, complete } from '../support/applyCompletion';
import { documentOf, regalSchema, repoRoot, service } from '../support/service';

const nowhere = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
const workspace: WorkspaceContext = {
  catalog: {
    uri: 'file:///w/iterable-fields.json',
    fields: new Map([
      ['voice_optin', 'boolean'],
      ['age', 'long'],
      ['phoneNumber', 'string'],
      ['First Name', 'string'],
    ]),
  },
  files: [
    {
      uri: 'file:///w/lead-created.regal.json',
      mergeFields: new Map([
        ['leadSource', nowhere],
        ['phoneNumber', nowhere],
      ]),
      eventNames: [{ name: 'Lead Created', range: nowhere }],
      valueTypes: new Map([
        ['traits.plan', { type: 'string' as const, range: nowhere }],
        ['properties.amount', { type: 'number' as const, range: nowhere }],
      ]),
    },
    {
      uri: 'file:///w/sub/order%20placed.regal.json',
      mergeFields: new Map([['leadSource', nowhere]]),
      eventNames: [{ name: 'Order Placed', range: nowhere }],
      valueTypes: new Map(),
    },
  ],
};

/** Labels in the order an editor shows them (sortText, then label). */
const sortedLabels = (items: CompletionItem[]) =>
  [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label) || a.label.localeCompare(b.label)).map((i) => i.label);
const markdownOf = (item: CompletionItem) => (item.documentation as MarkupContent).value;
const definitions = regalSchema.definitions as Record<string, { properties: Record<string, { markdownDescription: string }> }>;

describe('completion: keys', () => {
  it('proposes the top-level keys, inserting key and value and re-opening suggestions for the value', () => {
    const c = complete('{\n  |\n}');
    assert.deepEqual(sortedLabels(c.list.items), ['userId', 'traits', 'name', 'properties', 'eventSource', 'originalTimestamp']);
    assert.equal(c.apply('name'), '{\n  "name": ""\n}');
    assert.equal(c.item('name').command?.command, 'editor.action.triggerSuggest');
    assert.equal(c.item('name').kind, CompletionItemKind.Property);
    assert.equal(c.item('name').insertTextFormat, InsertTextFormat.Snippet);
    assert.equal(c.apply('traits'), '{\n  "traits": {}\n}');
  });

  it('documents each key with the schema markdown', () => {
    const c = complete('{ "traits": { | } }');
    assert.deepEqual(c.item('phones').documentation, { kind: 'markdown', value: definitions.traits.properties.phones.markdownDescription });
  });

  it('lists standard traits first, current shape before legacy unless the object already uses the legacy shape', () => {
    const fresh = sortedLabels(complete('{ "traits": { | } }').list.items);
    assert.deepEqual(fresh, ['firstName', 'lastName', 'phones', 'emails', 'address', 'subBrand', 'phone', 'email', 'optIn']);
    const legacy = sortedLabels(complete('{ "traits": { "phone": "{{phoneNumber}}", | } }').list.items);
    assert.equal(legacy[0], 'email');
    assert.ok(legacy.indexOf('optIn') < legacy.indexOf('phones'), `legacy shape first: ${legacy.join(', ')}`);
    assert.ok(legacy.indexOf('email') < legacy.indexOf('emails'), `legacy shape first: ${legacy.join(', ')}`);
  });

  it('inserts the optIn skeleton from the schema snippet, with a choice for channel and subscribed', () => {
    const c = complete('{ "traits": { "phone": "{{phoneNumber}}", "o|" } }');
    assert.equal(c.apply('optIn'), '{ "traits": { "phone": "{{phoneNumber}}", "optIn": [ { "channel": "voice", "subscribed": true } ] } }');
    const newText = (c.item('optIn').textEdit as { newText: string }).newText;
    assert.match(newText, /"channel": "\$\{1\|voice,sms,email\|\}"/);
    assert.match(newText, /"subscribed": \$\{2\|true,false\|\}/);
  });

  it('proposes optIn item keys, required ones first, without those present', () => {
    const c = complete('{ "traits": { "optIn": [ { "channel": "sms", | } ] } }');
    assert.deepEqual(sortedLabels(c.list.items), ['subscribed', 'source', 'timestamp', 'ip', 'text']);
    assert.equal(c.apply('subscribed'), '{ "traits": { "optIn": [ { "channel": "sms", "subscribed":  } ] } }');
    assert.equal(c.item('subscribed').command?.command, 'editor.action.triggerSuggest');
  });

  it('proposes the number key of traits.phones with its entry skeleton, laid out under the line', () => {
    const c = complete('{\n  "traits": {\n    "phones": {\n      |\n    }\n  }\n}');
    assert.equal(
      c.apply('{{phoneNumber}}'),
      [
        '{',
        '  "traits": {',
        '    "phones": {',
        '      "{{phoneNumber}}": {',
        '        "isPrimary": true,',
        '        "voiceOptIn": { "subscribed": true },',
        '        "smsOptIn": { "subscribed": true }',
        '      }',
        '    }',
        '  }',
        '}',
      ].join('\n'),
    );
  });

  it('proposes the keys of a phones entry, and of its opt-in objects', () => {
    const entry = complete('{ "traits": { "phones": { "+12225555555": { "label": "Cell", | } } } }');
    assert.deepEqual(sortedLabels(entry.list.items), ['isPrimary', 'voiceOptIn', 'smsOptIn']);
    assert.equal(entry.apply('voiceOptIn'), '{ "traits": { "phones": { "+12225555555": { "label": "Cell", "voiceOptIn": {} } } } }');
    const optIn = complete('{ "traits": { "phones": { "{{phoneNumber}}": { "smsOptIn": { | } } } } }');
    assert.deepEqual(sortedLabels(optIn.list.items), ['subscribed', 'ip', 'source', 'text', 'timestamp']);
    const email = complete('{ "traits": { "emails": { "{{email}}": { "emailOptIn": { "subscribed": true, | } } } } }');
    assert.deepEqual(sortedLabels(email.list.items), ['ip', 'source', 'text', 'timestamp']);
    const emailEntry = complete('{ "traits": { "emails": { "{{email}}": { | } } } }');
    assert.deepEqual(sortedLabels(emailEntry.list.items), ['label', 'isPrimary', 'emailOptIn']);
  });

  it('proposes the address keys not yet written, and the address snippet for the trait', () => {
    const c = complete('{ "traits": { "address": { "street": "{{street}}", | } } }');
    assert.deepEqual(sortedLabels(c.list.items), ['city', 'state', 'zipcode', 'country']);
    const trait = complete('{ "traits": { "a|" } }');
    assert.equal(
      trait.apply('address'),
      '{ "traits": { "address": {\n  "street": "{{street}}",\n  "city": "{{city}}",\n  "state": "{{state}}",\n  "zipcode": "{{zipcode}}",\n  "country": "{{country}}"\n} } }',
    );
  });

  it('replaces the whole key being typed: "ph|, ph|, "ph|", "ph|one"', () => {
    for (const typed of ['"ph|', 'ph|', '"ph|"', '"ph|one"', '"|"']) {
      const c = complete(`{ "traits": { ${typed} } }`);
      assert.equal(c.apply('phone'), '{ "traits": { "phone": "" } }', typed);
      assert.equal(c.item('phone').filterText, typed.startsWith('"') ? '"phone"' : 'phone', typed);
    }
  });

  it('inserts only the key when a colon follows, and a comma when a property follows', () => {
    assert.equal(complete('{ "traits": { "ph|": "{{phoneNumber}}" } }').apply('phone'), '{ "traits": { "phone": "{{phoneNumber}}" } }');
    assert.equal(complete('{\n  "na|\n  "eventSource": "iterable"\n}').apply('name'), '{\n  "name": "",\n  "eventSource": "iterable"\n}');
  });

  it('adds the comma a new key or item needs after the member before it', () => {
    // On the next line: the comma goes right after the previous value, not before the new key.
    assert.equal(complete('{\n  "name": "x"\n  |\n}').apply('userId'), '{\n  "name": "x",\n  "userId": ""\n}');
    assert.equal(complete('{\n  "name": "x"\n  "us|\n}').apply('userId'), '{\n  "name": "x",\n  "userId": ""\n}');
    // On the same line, right after the value.
    assert.equal(complete('{ "name": "x"| }').apply('userId'), '{ "name": "x", "userId": "" }');
    // After an object, a block-templated value and a bare merge field: after the whole template.
    assert.equal(complete('{ "traits": {}\n  | }').apply('name'), '{ "traits": {},\n  "name": "" }');
    assert.equal(
      complete('{ "traits": { "optIn": [ { "subscribed": {{#if x}}true{{else}}false{{/if}}\n | } ] } }').apply('channel'),
      '{ "traits": { "optIn": [ { "subscribed": {{#if x}}true{{else}}false{{/if}},\n "channel": "" } ] } }',
    );
    assert.equal(complete('{ "properties": { "age": {{age}}\n | } }', workspace).apply('amount'), '{ "properties": { "age": {{age}},\n "amount":  } }');
    // An array item after an item.
    assert.equal(
      complete('{ "traits": { "optIn": [ { "channel": "sms", "subscribed": true } | ] } }').apply('{ "channel": "voice", "subscribed": true }'),
      '{ "traits": { "optIn": [ { "channel": "sms", "subscribed": true }, { "channel": "voice", "subscribed": true } ] } }',
    );
    // Not after a key, a colon, a comma or an opening brace, and never inside a comment.
    assert.equal(complete('{ "name": "x", | }').apply('userId'), '{ "name": "x", "userId": "" }');
    assert.equal(complete('{ "name": "x" // why\n  | }').apply('userId'), '{ "name": "x", // why\n  "userId": "" }');
  });

  it('completes a key typed at the very end of an unfinished document', () => {
    assert.equal(complete('{\n  "na|').apply('name'), '{\n  "name": ""');
    assert.deepEqual(complete('{ "name": "x" }|').labels, []);
  });

  it('skips keys already present in that object only', () => {
    const c = complete('{ "name": "Signup", "traits": { "firstName": "{{firstName}}", "lastName": "x" }, | }');
    assert.ok(!c.labels.includes('name') && !c.labels.includes('traits'));
    assert.ok(c.labels.includes('userId'));
    const traits = complete('{ "name": "Signup", "traits": { "firstName": "{{firstName}}", | } }');
    assert.ok(!traits.labels.includes('firstName'));
    assert.ok(traits.labels.includes('lastName'));
  });

  it('proposes custom traits and event properties other payload files send', () => {
    const traits = complete('{ "traits": { | } }', workspace);
    assert.equal(traits.item('plan').detail, 'custom trait · string · used in lead-created.regal.json');
    assert.equal(sortedLabels(traits.list.items).at(-1), 'plan');
    const properties = complete('{ "properties": { | } }', workspace);
    assert.deepEqual(properties.labels, ['amount']);
  });

  it('proposes nothing in a comment, inside a block tag, or after the root', () => {
    assert.deepEqual(complete('{ // a comment |\n}').labels, []);
    assert.deepEqual(
      complete('{ {{#if x|}} }').labels.filter((l) => l === 'name'),
      [],
    );
    assert.deepEqual(complete('{ "name": "x" } |').labels, []);
  });
});

describe('completion: values', () => {
  it('proposes quoted values and quoted merge fields for a custom trait or event property, never a bare word', () => {
    const sending: WorkspaceContext = {
      ...workspace,
      files: [
        {
          ...workspace.files[0],
          stringValues: new Map([
            ['traits.plan', '"gold"'],
            ['properties.amount', '"{{amount}}"'],
          ]),
        },
        {
          ...workspace.files[1],
          valueTypes: new Map([['traits.plan', { type: 'string' as const, range: nowhere }]]),
          stringValues: new Map([['traits.plan', '"{{plan}}"']]),
        },
      ],
    };
    const bare = complete('{ "traits": { "plan": | } }', sending);
    assert.deepEqual(bare.labels.slice(0, 2), ['"gold"', '"{{plan}}"']);
    assert.equal(bare.item('"gold"').detail, 'sent by lead-created.regal.json');
    // Every item is a JSON string: quotes around literals and merge fields alike.
    for (const item of bare.list.items) assert.match((item.textEdit as { newText: string }).newText, /^"[^]*"$/, item.label);
    assert.ok(
      bare.labels.includes('"{{phoneNumber}}"') && bare.labels.includes('"{{[First Name]}}"') && bare.labels.includes('"{{email}}"'),
      bare.labels.join(', '),
    );
    assert.equal(bare.apply('"gold"'), '{ "traits": { "plan": "gold" } }');
    assert.equal(bare.apply('"{{[First Name]}}"'), '{ "traits": { "plan": "{{[First Name]}}" } }');
    assert.equal(bare.item('"{{age}}"').detail, 'catalog · long');
    // Inside the quotes being typed, the whole string is replaced.
    const typed = complete('{ "traits": { "plan": "go|" } }', sending);
    assert.equal(typed.apply('"gold"'), '{ "traits": { "plan": "gold" } }');
    assert.equal(typed.item('"{{leadSource}}"').filterText, '"leadSource"');
    // An event property; a field named like the key comes first among the merge fields.
    const property = complete('{ "properties": { "age": | } }', sending);
    assert.equal(property.labels[0], '"{{age}}"');
    assert.equal(complete('{ "properties": { "amount": | } }', sending).labels[0], '"{{amount}}"');
    // A standard trait keeps the schema's values only.
    assert.deepEqual(complete('{ "traits": { "firstName": | } }', sending).labels, ['"{{firstName}}"']);
  });

  it('summarises the strings a payload sends for its custom traits and event properties', () => {
    const text = '{ "traits": { "plan": "gold", "tier": "{{tier}}", "age": 3, "firstName": "A" }, "properties": { "amount": "{{amount}}", "long": "x\\ny" } }';
    const summary = service.summarize(documentOf(text));
    assert.deepEqual(
      [...(summary.stringValues ?? [])],
      [
        ['properties.amount', '"{{amount}}"'],
        ['properties.long', '"x\\ny"'],
        ['traits.plan', '"gold"'],
        ['traits.tier', '"{{tier}}"'],
      ],
    );
  });

  it('proposes the channels of the schema enum, in and out of quotes', () => {
    const inQuotes = complete('{ "traits": { "optIn": [ { "channel": "|", "subscribed": true } ] } }');
    assert.deepEqual(inQuotes.labels, ['"voice"', '"sms"', '"email"']);
    assert.equal(inQuotes.item('"sms"').kind, CompletionItemKind.EnumMember);
    assert.equal(inQuotes.apply('"sms"'), '{ "traits": { "optIn": [ { "channel": "sms", "subscribed": true } ] } }');
    assert.equal(
      complete('{ "traits": { "optIn": [ { "channel":|, "subscribed": true } ] } }').apply('"voice"'),
      '{ "traits": { "optIn": [ { "channel": "voice", "subscribed": true } ] } }',
    );
    assert.equal(complete('{ "traits": { "optIn": [ { "channel": "vo|" } ] } }').apply('"voice"'), '{ "traits": { "optIn": [ { "channel": "voice" } ] } }');
  });

  it('proposes booleans and the boolean template for boolean keys', () => {
    const c = complete('{ "traits": { "optIn": [ { "channel": "voice", "subscribed": | } ] } }');
    assert.deepEqual(c.labels, ['true', 'false', '{{#if field}}true{{else}}false{{/if}}']);
    assert.equal(c.apply('false'), '{ "traits": { "optIn": [ { "channel": "voice", "subscribed": false } ] } }');
    assert.equal(
      c.apply('{{#if field}}true{{else}}false{{/if}}'),
      '{ "traits": { "optIn": [ { "channel": "voice", "subscribed": {{#if field}}true{{else}}false{{/if}} } ] } }',
    );
    const quoted = complete('{ "traits": { "phones": { "{{phoneNumber}}": { "isPrimary": "|" } } } }');
    assert.equal(quoted.apply('true'), '{ "traits": { "phones": { "{{phoneNumber}}": { "isPrimary": true } } } }');
    // Editors filter from the range start, the opening quote: every item's filterText starts with it.
    assert.deepEqual(
      quoted.list.items.map((i) => i.filterText?.[0]),
      ['"', '"', '"'],
    );
  });

  it('proposes iterable for eventSource, adding a comma when a property follows', () => {
    const c = complete('{\n  "eventSource": |\n  "name": "x"\n}');
    assert.equal(c.apply('"iterable"'), '{\n  "eventSource": "iterable",\n  "name": "x"\n}');
  });

  it('proposes the event names of the other payload files for name, first', () => {
    const c = complete('{ "name": "|" }', workspace);
    assert.deepEqual(c.labels.slice(0, 2), ['"Lead Created"', '"Order Placed"']);
    assert.equal(c.item('"Order Placed"').detail, 'event name used in order placed.regal.json');
    assert.equal(c.apply('"Lead Created"'), '{ "name": "Lead Created" }');
    // Only the top-level name is an event name.
    assert.ok(!complete('{ "traits": { "name": "|" } }', workspace).labels.includes('"Lead Created"'));
  });

  it('proposes an optIn item skeleton inside the array', () => {
    const c = complete('{ "traits": { "optIn": [ | ] } }');
    assert.equal(c.apply('{ "channel": "voice", "subscribed": true }'), '{ "traits": { "optIn": [ { "channel": "voice", "subscribed": true } ] } }');
  });

  it('completes in the {{else}} branch of a value and in an {{#unless}} body, which view 0 does not render', () => {
    const elseBranch = complete('{ "traits": { "optIn": [ { "channel": "sms", "subscribed": {{#if x}}true{{else}}|{{/if}} } ] } }');
    assert.deepEqual(elseBranch.labels.slice(0, 2), ['true', 'false']);
    assert.equal(elseBranch.apply('false'), '{ "traits": { "optIn": [ { "channel": "sms", "subscribed": {{#if x}}true{{else}}false{{/if}} } ] } }');
    const unless = complete('{ "traits": { {{#unless x}}"firstName": "{{firstName}}", |{{/unless}} } }');
    assert.ok(unless.labels.includes('lastName') && !unless.labels.includes('firstName'), unless.labels.join(', '));
  });

  it('leaves a string that holds a template alone', () => {
    assert.deepEqual(complete('{ "eventSource": "{{source}} |" }').labels, []);
  });
});

describe('completion: merge fields and helpers', () => {
  it('completes a merge field inside a string, adding the closing braces only when missing', () => {
    assert.equal(complete('{ "traits": { "phone": "{{ph|" } }').apply('phoneNumber'), '{ "traits": { "phone": "{{phoneNumber}}" } }');
    assert.equal(complete('{ "traits": { "phone": "{{ph|}}" } }').apply('phoneNumber'), '{ "traits": { "phone": "{{phoneNumber}}" } }');
    assert.equal(complete('{ "traits": { "phone": "{{ph|one}}" } }').apply('phoneNumber'), '{ "traits": { "phone": "{{phoneNumber}}" } }');
    assert.equal(complete('{ "traits": { "phone": "{{{ph|" } }').apply('phoneNumber'), '{ "traits": { "phone": "{{{phoneNumber}}}" } }');
  });

  it('completes a triple-stash whose closing braces are partly typed without doubling them', () => {
    assert.equal(complete('{ "traits": { "phone": "{{{ph|}}" } }').apply('phoneNumber'), '{ "traits": { "phone": "{{{phoneNumber}}}" } }');
    assert.equal(complete('{ "traits": { "phone": "{{{ph|}" } }').apply('phoneNumber'), '{ "traits": { "phone": "{{{phoneNumber}}}" } }');
    assert.equal(complete('{ "traits": { "phone": "{{ph|}" } }').apply('phoneNumber'), '{ "traits": { "phone": "{{phoneNumber}}" } }');
  });

  it('completes a merge field in value position outside strings', () => {
    assert.equal(complete('{ "properties": { "age": {{a|, "x": 1 } }', workspace).apply('age'), '{ "properties": { "age": {{age}}, "x": 1 } }');
  });

  it('offers each field once with its origins: Iterable standard, catalog (with type), other files, this file', () => {
    const c = complete('{ "userId": "{{userId}}", "traits": { "custom": "{{myField}}", "phone": "{{|" } }', workspace);
    assert.equal(c.labels.length, new Set(c.labels).size, 'no duplicates');
    assert.equal(c.item('email').detail, 'Iterable standard · string');
    assert.equal(c.item('voice_optin').detail, 'catalog · boolean');
    assert.equal(c.item('phoneNumber').detail, 'catalog · string · Iterable standard · used in lead-created.regal.json');
    assert.equal(c.item('leadSource').detail, 'used in lead-created.regal.json (+1)');
    assert.match(markdownOf(c.item('leadSource')), /`lead-created\.regal\.json`, `order placed\.regal\.json`/);
    assert.equal(c.item('myField').detail, 'used in this file');
    assert.match(markdownOf(c.item('email')), /Iterable standard field/);
    assert.equal(c.item('email').kind, CompletionItemKind.Variable);
    // The catalog's own fields come first.
    assert.deepEqual(new Set(sortedLabels(c.list.items).slice(0, 4)), new Set(['First Name', 'age', 'phoneNumber', 'voice_optin']));
    // Then Iterable's standard fields, the profile's own first (not `campaignId`, `campaignName`, … A–Z).
    assert.deepEqual(sortedLabels(c.list.items).slice(4, 8), ['email', 'userId', 'firstName', 'lastName']);
    // A name that is no Handlebars identifier is written in brackets.
    assert.equal(c.apply('First Name'), '{ "userId": "{{userId}}", "traits": { "custom": "{{myField}}", "phone": "{{[First Name]}}" } }');
  });

  it('offers inline helpers after {{ with their signature, arguments as tab stops', () => {
    const c = complete('{ "traits": { "firstName": "{{def|" } }');
    const helper = c.item('defaultIfEmpty');
    assert.equal(helper.kind, CompletionItemKind.Function);
    assert.equal(helper.detail, "{{defaultIfEmpty field 'fallback'}}");
    assert.match(markdownOf(helper), /missing, null or an empty string/);
    assert.equal(c.apply('defaultIfEmpty'), `{ "traits": { "firstName": "{{defaultIfEmpty field 'fallback'}}" } }`);
    assert.ok(!c.labels.includes('if') && !c.labels.includes('urlEncode'), 'block-only helpers need {{#');
    assert.ok(c.labels.includes('eq'), 'helpers with both forms are offered inline too');
  });

  it('offers block helpers after {{# as a snippet with the closing tag', () => {
    const c = complete('{ "traits": { "optIn": [ { "channel": "voice", "subscribed": {{#| } ] } }');
    assert.ok(!c.labels.includes('upper') && !c.labels.includes('phoneNumber'), 'no inline helpers nor fields as a block name');
    // Everyday blocks first, not A–Z (`and`, `assign`, `base64` first was what a new user saw).
    assert.deepEqual(sortedLabels(c.list.items).slice(0, 4), ['if', 'unless', 'each', 'ifEq']);
    // The signature is the item's detail; the documentation does not repeat it.
    assert.equal(c.item('ifEq').detail, "{{#ifEq field 'value'}}…{{/ifEq}}");
    assert.ok(!markdownOf(c.item('ifEq')).includes('{{#ifEq'), markdownOf(c.item('ifEq')));
    assert.equal(c.apply('if'), '{ "traits": { "optIn": [ { "channel": "voice", "subscribed": {{#if field}}{{/if}} } ] } }');
    assert.equal(complete('{ "a": "{{#ifE|" }').apply('ifEq'), `{ "a": "{{#ifEq field 'value'}}{{/ifEq}}" }`);
    // The tag's braces already typed: the closing tag goes after them.
    assert.equal(complete('{ "a": "{{#i|}}" }').apply('if'), '{ "a": "{{#if field}}{{/if}}" }');
    // Renaming the helper of a complete block changes the name only.
    assert.equal(complete('{ "a": "{{#i|f x}}y{{/if}}" }').apply('unless'), '{ "a": "{{#unless x}}y{{/if}}" }');
  });

  it('offers merge fields only as arguments', () => {
    const c = complete('{ "a": "{{#if voi|}}x{{/if}}" }', workspace);
    assert.ok(!c.labels.includes('if') && !c.labels.includes('upper'));
    assert.equal(c.apply('voice_optin'), '{ "a": "{{#if voice_optin}}x{{/if}}" }');
    assert.equal(complete('{ "a": "{{defaultIfEmpty fi| \'x\'}}" }').apply('firstName'), `{ "a": "{{defaultIfEmpty firstName 'x'}}" }`);
  });

  it('proposes the innermost open block after {{/, and else inside a block', () => {
    assert.equal(complete('{ "a": "{{#if x}}y{{/|" }').apply('if'), '{ "a": "{{#if x}}y{{/if}}" }');
    assert.equal(complete('{ "a": "{{#if x}}y{{/|}}" }').apply('if'), '{ "a": "{{#if x}}y{{/if}}" }');
    assert.deepEqual(complete('{ "a": "{{#each l}}{{#unless x}}y{{/|}}{{/each}}" }').labels, ['unless']);
    assert.deepEqual(complete('{ "a": "{{#each l}}{{#unless x}}y{{/unless}}{{/|" }').labels, ['each']);
    assert.deepEqual(complete('{ "a": "{{/|" }').labels, []);
    assert.equal(complete('{ "a": "{{#if x}}y{{el|" }').apply('else'), '{ "a": "{{#if x}}y{{else}}" }');
    assert.ok(!complete('{ "a": "{{el|" }').labels.includes('else'));
    // After the block's final {{else}}, another one is a syntax error; after {{else if}} it is not.
    assert.ok(!complete('{ "a": "{{#if x}}y{{else}}{{|}}{{/if}}" }').labels.includes('else'));
    assert.ok(complete('{ "a": "{{#if x}}y{{else if z}}{{|}}{{/if}}" }').labels.includes('else'));
  });

  it('proposes no closing tag for a block without a name (found by fuzzing)', () => {
    // `{{#~each}}` is no block name Handlebars reads; an item with an empty label is no item.
    assert.deepEqual(complete('[1, {{#~each items}}{{this}}{{/|').labels, []);
  });
});

describe('completion: bounded lists', () => {
  /** A catalog of the server's maximum size (workspace/fieldCatalog.ts): `field00000` … `field19998`, then `zz_late_field`, which sorts last. */
  const bigCatalog: WorkspaceContext = {
    catalog: {
      uri: 'file:///w/iterable-fields.json',
      fields: new Map([
        ...Array.from({ length: 19_999 }, (_, i) => [`field${String(i).padStart(5, '0')}`, 'string'] as const),
        ['zz_late_field', 'boolean'] as const,
      ]),
    },
    files: [],
  };
  const inlineHelpers = [...helperList].filter((h) => h.form !== 'block').map((h) => h.name);

  it('cuts the merge fields of a 20,000-field catalog to the cap, keeps every helper, and says the list is incomplete', () => {
    const c = complete('{ "a": "{{|" }', bigCatalog);
    assert.ok(c.list.items.length <= MAX_COMPLETION_ITEMS, `${c.list.items.length} items`);
    assert.equal(c.list.isIncomplete, true);
    for (const helper of inlineHelpers) assert.ok(c.labels.includes(helper), `helper ${helper} kept`);
    // Nothing typed: the fields the full list shows first (the catalog's, A–Z), not the late ones.
    assert.ok(c.labels.includes('field00000'));
    assert.ok(!c.labels.includes('zz_late_field') && !c.labels.includes('email'), 'late fields are cut');
  });

  it('keeps the fields that match what is typed, however late they sort: prefix, then substring, then spread out', () => {
    for (const [typed, expected] of [
      ['zz', 'zz_late_field'],
      ['late', 'zz_late_field'],
      ['zlf', 'zz_late_field'],
      ['ema', 'email'],
      ['phoneN', 'phoneNumber'],
    ]) {
      const c = complete(`{ "a": "{{${typed}|" }`, bigCatalog);
      assert.ok(c.list.items.length <= MAX_COMPLETION_ITEMS, typed);
      assert.ok(c.labels.includes(expected), `${expected} for {{${typed}`);
      assert.equal(c.apply(expected), `{ "a": "{{${expected}}}" }`);
    }
    // As an argument too, and the match ignores case.
    assert.ok(complete('{ "a": "{{#if ZZ_L|}}x{{/if}}" }', bigCatalog).labels.includes('zz_late_field'));
  });

  it('among equally good matches keeps those the full list shows first', () => {
    // 11,111 fields start with `field1`: the first of them A–Z are kept.
    const c = complete('{ "a": "{{field1|" }', bigCatalog);
    assert.equal(c.list.isIncomplete, true);
    assert.ok(c.labels.includes('field10000') && c.labels.includes('field10500'));
    assert.ok(!c.labels.includes('field19998'));
    // A typed word all of whose matches fit: every match is there.
    const few = complete('{ "a": "{{field1999|" }', bigCatalog);
    assert.deepEqual(
      few.labels.filter((l) => l.startsWith('field1999')),
      Array.from({ length: 10 }, (_, i) => `field1999${i}`).filter((l) => l !== 'field19999'),
    );
  });

  it('lists everything of a small catalog and says the list is complete', () => {
    const c = complete('{ "a": "{{|" }', workspace);
    assert.equal(c.list.isIncomplete, false);
    const expected = new Set([...(workspace.catalog?.fields.keys() ?? []), ...iterableStandardFields.keys(), 'leadSource', ...inlineHelpers]);
    assert.deepEqual(new Set(c.labels), expected);
    assert.equal(complete('{ "traits": { | } }', workspace).list.isIncomplete, false);
    assert.equal(complete('{ "name": "|" }', workspace).list.isIncomplete, false);
  });

  /** 1,500 other payload files, each sending its own event name and custom trait, all sending `Lead Created`. */
  const busyWorkspace: WorkspaceContext = {
    files: Array.from({ length: 1_500 }, (_, i): PayloadFileSummary => ({
      uri: `file:///w/payload-${i}.regal.json`,
      mergeFields: new Map(),
      eventNames: [
        { name: `Event ${i}`, range: nowhere },
        { name: 'Lead Created', range: nowhere },
      ],
      valueTypes: new Map([[`traits.trait_${i}`, { type: 'string' as const, range: nowhere }]]),
    })),
  };

  it('cuts the custom traits of a big workspace to the cap, keeping the schema keys and the typed match', () => {
    const all = complete('{ "traits": { | } }', busyWorkspace);
    assert.ok(all.list.items.length <= MAX_COMPLETION_ITEMS, `${all.list.items.length} items`);
    assert.equal(all.list.isIncomplete, true);
    for (const key of ['firstName', 'phones', 'optIn']) assert.ok(all.labels.includes(key), key);
    // The traits kept are the first the workspace sends, in its order (item 1000 does not sort between 100 and 101).
    const traits = sortedLabels(all.list.items).filter((l) => l.startsWith('trait_'));
    assert.deepEqual(
      traits,
      Array.from({ length: traits.length }, (_, i) => `trait_${i}`),
    );
    const typed = complete('{ "traits": { "trait_149|" } }', busyWorkspace);
    assert.ok(typed.labels.includes('trait_1499'));
    assert.equal(typed.apply('trait_1499'), '{ "traits": { "trait_1499": "" } }');
  });

  it('cuts the event names of a big workspace to the cap, keeping the typed match, and lists a few files of a common one', () => {
    const all = complete('{ "name": "|" }', busyWorkspace);
    assert.ok(all.list.items.length <= MAX_COMPLETION_ITEMS, `${all.list.items.length} items`);
    assert.equal(all.list.isIncomplete, true);
    assert.ok(complete('{ "name": "Event 149|" }', busyWorkspace).labels.includes('"Event 1499"'));
    const common = all.item('"Lead Created"');
    assert.equal(common.detail, 'event name used in payload-0.regal.json (+1499)');
    assert.match(markdownOf(common), /`payload-0\.regal\.json`, `payload-1\.regal\.json`, `payload-2\.regal\.json` and 1497 more\)/);
  });

  it('ranks candidates by match, then sortText (lowercased), then input order', () => {
    const names = ['Beta', 'xbetax', 'b_e_t_a', 'alpha', 'beta2', 'gamma'];
    const pick = (room: number, typed: string) =>
      bestCandidates(
        names,
        room,
        typed,
        (n) => n,
        (n) => n,
      ).kept;
    assert.deepEqual(pick(2, 'be'), ['Beta', 'beta2']);
    assert.deepEqual(pick(3, 'bet'), ['Beta', 'xbetax', 'beta2']);
    assert.deepEqual(pick(4, 'bet'), ['Beta', 'xbetax', 'b_e_t_a', 'beta2']);
    assert.deepEqual(pick(5, 'bet'), ['Beta', 'xbetax', 'b_e_t_a', 'alpha', 'beta2']);
    assert.deepEqual(
      bestCandidates(
        names,
        6,
        'zzz',
        (n) => n,
        (n) => n,
      ),
      { kept: names, cut: false },
    );
    assert.deepEqual(
      bestCandidates(
        names,
        0,
        '',
        (n) => n,
        (n) => n,
      ),
      { kept: [], cut: true },
    );
  });
});

describe('completion: robustness', () => {
  const seeds = ['examples', 'examples/guide-originals'].flatMap((dir) =>
    readdirSync(path.join(repoRoot, dir))
      .filter((f) => f.endsWith('.regal.json'))
      .map((f) => readFileSync(path.join(repoRoot, dir, f), 'utf8')),
  );

  /** Completes at `offset` and checks every item: a single-line range on the cursor line that holds the cursor, and an edit that applies. */
  const checkAt = (document: ReturnType<typeof documentOf>, offset: number) => {
    const cursor = document.positionAt(offset);
    for (const item of service.doComplete(document, cursor, workspace).items) {
      const edit = item.textEdit as { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string };
      assert.ok(edit, `${item.label} has a textEdit`);
      assert.equal(edit.range.start.line, edit.range.end.line, 'single-line range');
      assert.equal(edit.range.start.line, cursor.line, 'range on the cursor line');
      assert.ok(edit.range.start.character <= cursor.character && cursor.character <= edit.range.end.character, 'range holds the cursor');
      applyItem(document, item);
    }
  };

  it('answers at every offset of the examples without throwing, with ranges that hold the cursor', () => {
    for (const seed of seeds) {
      const document = documentOf(seed);
      for (let at = 0; at <= seed.length; at++) checkAt(document, at);
    }
  });

  it('answers right after `{{`, `{{#`, `{{/`, a quote or a word typed at every offset of two examples', () => {
    for (const seed of [seeds[0], seeds[seeds.length - 1]]) {
      for (const piece of ['{{', '{{#', '{{/', '"', 'ph']) {
        for (let at = 0; at <= seed.length; at += piece === '{{' ? 1 : 3) checkAt(documentOf(seed.slice(0, at) + piece + seed.slice(at)), at + piece.length);
      }
    }
  });

  it('keeps the edit on the cursor line when the token typed reaches the next line through a mustache (found by fuzzing)', () => {
    // VS Code drops every item whose range spans lines; the key here is `"t{{!c⏎}}"`.
    const text = '{ "t{{!c\n}}" }';
    checkAt(documentOf(text), 4);
    assert.ok(complete('{ "t|{{!c\n}}" }').labels.includes('userId'));
  });

  it('clamps positions outside the document and answers on empty or odd text', () => {
    for (const text of ['', '{', '}', '"', '{{', '{{#', '{{/', '[', '{"a":', '{ "traits": { "optIn": [ {', '\u{1F600}{{']) {
      const document = documentOf(text);
      service.doComplete(document, { line: 0, character: 0 }, workspace);
      service.doComplete(document, { line: 99, character: 99 }, workspace);
      service.doComplete(document, { line: 0, character: text.length }, workspace);
    }
    const deep = `${'['.repeat(2000)}|`;
    assert.doesNotThrow(() => complete(deep));
  });
});

describe('completion trigger characters', () => {
  const at = (withCursor: string, trigger?: string) => {
    const offset = withCursor.indexOf('|');
    const text = withCursor.replace('|', '');
    const document = documentOf(text);
    return service.doComplete(document, document.positionAt(offset), undefined, trigger).items.map((i) => i.label);
  };

  it('a { or a space typed in the JSON opens no list (Enter then starts a new line), as in VS Code JSON', () => {
    assert.deepEqual(at('{|', '{'), []);
    assert.deepEqual(at('{ "traits": {|', '{'), []);
    assert.deepEqual(at('{ "traits": { |', ' '), []);
    // Asked for by hand (Ctrl+Space), the same spot completes keys.
    assert.ok(at('{ "traits": { |').includes('phones'));
  });

  it('{ and space still open Handlebars suggestions inside a mustache', () => {
    assert.ok(at('{ "a": "{{|}}" }', '{').includes('defaultIfEmpty'));
    assert.ok(at('{ "a": "{{#if |}}" }', ' ').includes('phoneNumber'));
    assert.ok(at('{ "a": {{#|', '#').includes('if'));
  });
});
