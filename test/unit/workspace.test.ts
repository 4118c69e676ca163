/**
 * Workspace features of the pure service: parsing the merge-field catalog (and its problems, at
 * the token at fault), `unknown-merge-field`, the cross-file checks over hand-built summaries, and
 * the catalog's refinement of `quoted-boolean`.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { MAX_DIAGNOSTICS } from '../../server/src/service/limits';
import { fieldsFileOf, normalizeSettings } from '../../server/src/service/settings';
import { workspaceFindings } from '../../server/src/service/workspace/workspaceFindings';
import { parseFieldCatalog, resolveField } from '../../server/src/service/workspace/fieldCatalog';
import type { FieldCatalog, PayloadFileSummary, WorkspaceContext } from '../../server/src/service/workspace/workspaceContext';
import { documentOf, marked, messageOf, repoRoot, service } from '../support/service';

const CATALOG_URI = 'file:///ws/iterable-fields.json';
const catalogOf = (fields: Record<string, string>): FieldCatalog => ({ uri: CATALOG_URI, fields: new Map(Object.entries(fields)) });
const catalog = catalogOf({
  phoneNumber: 'string',
  voice_optin: 'boolean',
  voice_optin_text: 'string',
  leadSource: 'string',
  age: 'long',
  address: 'object',
  'orders.sku': 'string',
  'plan.tier': 'string',
});

interface Seen {
  code: string;
  covers: string;
  diagnostic: Diagnostic;
}

/** Validates `text` (⟦ ⟧ marks expected ranges) in a workspace; returns the diagnostics with the text they cover. */
function check(
  withMarkers: string,
  workspace: WorkspaceContext,
  uri = 'file:///ws/here.regal.json',
): { found: Seen[]; ranges: Array<{ start: number; end: number }>; text: string } {
  const { text, ranges } = marked(withMarkers);
  const document = documentOf(text, uri);
  const found = service.doValidation(document, undefined, workspace).map((diagnostic) => ({
    code: String(diagnostic.code),
    covers: text.slice(document.offsetAt(diagnostic.range.start), document.offsetAt(diagnostic.range.end)),
    diagnostic,
  }));
  return { found, ranges, text };
}

const only = (found: Seen[], code: string) => found.filter((f) => f.code === code);

/** The summary another file contributes, built by the service from its text. */
function summaryOf(text: string, uri: string): PayloadFileSummary {
  return service.summarize(documentOf(text, uri));
}

describe('field catalog parsing', () => {
  it('reads the shape of Iterable getFields, nested fields included', () => {
    const result = parseFieldCatalog(CATALOG_URI, '{ "fields": { "phoneNumber": "string", "voice_optin": "boolean", "address.city": "string" } }');
    assert.deepEqual(result.problems, []);
    assert.equal(result.catalog?.uri, CATALOG_URI);
    assert.deepEqual(
      [...(result.catalog?.fields ?? [])],
      [
        ['phoneNumber', 'string'],
        ['voice_optin', 'boolean'],
        ['address.city', 'string'],
      ],
    );
  });

  const problems: Array<[string, string, RegExp]> = [
    ['invalid JSON', '{ "fields": { "a": "string" ⟦"b"⟧: "long" } }', /Invalid JSON in the field catalog: write , between two entries/],
    ['a comment', '{ "fields": { ⟦// mine⟧\n "a": "string" } }', /remove the comment\. Comments are not JSON/],
    ['a trailing comma', '{ "fields": { "a": "string", ⟦}⟧ }', /remove the comma before \}/],
    ['an array at the top', '⟦[ "phoneNumber" ]⟧', /^Field catalog is an array, not an object: write the response of Iterable's GET \/api\/users\/getFields/],
    ['no fields object', '⟦{⟧ "phoneNumber": "string" }', /^No "fields" object in the field catalog/],
    ['fields that are not an object', '{ "fields": ⟦["a", "b"]⟧ }', /^"fields" is an array: make it an object mapping each field name to its Iterable type/],
    ['a type that is not a string', '{ "fields": { "age": ⟦1⟧ } }', /^Invalid type for "age": write an Iterable type in double quotes.*; this is a number\./],
    ['a type that is an object', '{ "fields": { "age": ⟦{ "type": "long" }⟧ } }', /^Invalid type for "age": .*; this is an object\./],
    ['an empty type', '{ "fields": { "age": ⟦""⟧ } }', /^Empty type for "age"/],
    ['an empty field name', '{ "fields": { ⟦""⟧: "string" } }', /^Empty field name/],
    ['an empty file', '⟦  ⟧', /^Empty field catalog/],
  ];
  for (const [what, withMarkers, message] of problems) {
    it(`reports ${what} at the token at fault, and yields no catalog`, () => {
      const { text, ranges } = marked(withMarkers);
      const result = parseFieldCatalog(CATALOG_URI, text);
      assert.equal(result.catalog, undefined);
      assert.ok(result.problems.length >= 1, `no problem for ${what}`);
      const [first] = result.problems;
      assert.equal(first.code, 'invalid-catalog');
      assert.match(first.message, message);
      assert.deepEqual(
        { start: first.start, end: first.end },
        ranges[0],
        `range of ${JSON.stringify(first.message)} covers ${JSON.stringify(text.slice(first.start, first.end))}`,
      );
    });
  }

  it('never throws on garbage, and caps the problems of a broken file', () => {
    for (const text of [
      '',
      '{',
      '}}}',
      'null',
      '"fields"',
      '{"fields": null}',
      '{"fields": {"a": }}',
      '\u0000\uffff',
      '{"fields":{' + '"a":1,'.repeat(5000) + '"b":"x"}}',
    ]) {
      const result = parseFieldCatalog(CATALOG_URI, text);
      assert.equal(result.catalog, undefined, JSON.stringify(text.slice(0, 30)));
      assert.ok(result.problems.length >= 1 && result.problems.length <= 100, `${result.problems.length} problems`);
    }
  });

  it('reads a catalog saved with a byte order mark (Windows editors and PowerShell write one)', () => {
    const result = parseFieldCatalog(CATALOG_URI, '\uFEFF{ "fields": { "phoneNumber": "string" } }');
    assert.deepEqual(result.problems, []);
    assert.deepEqual([...(result.catalog?.fields ?? [])], [['phoneNumber', 'string']]);
  });

  it('becomes invalid-catalog diagnostics through the service, with severities from the settings', () => {
    const document = documentOf('{ "fields": { "age": 1 } }', CATALOG_URI);
    const { catalog: none, diagnostics } = service.loadFieldCatalog(document);
    assert.equal(none, undefined);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].source, 'regal');
    assert.equal(diagnostics[0].code, 'invalid-catalog');
    assert.equal(diagnostics[0].severity, 1);
    assert.deepEqual(diagnostics[0].range, { start: { line: 0, character: 21 }, end: { line: 0, character: 22 } });
    const off = service.loadFieldCatalog(document, normalizeSettings({ diagnostics: { severity: { 'invalid-catalog': 'off' } } }));
    assert.deepEqual(off.diagnostics, []);
  });

  it('resolves profile., nested and indexed paths', () => {
    assert.deepEqual(resolveField('voice_optin', catalog), { origin: 'catalog', entry: 'voice_optin', type: 'boolean' });
    assert.deepEqual(resolveField('profile.voice_optin', catalog), { origin: 'catalog', entry: 'voice_optin', type: 'boolean' });
    assert.deepEqual(resolveField('email', catalog), { origin: 'standard', entry: 'email', type: 'string' });
    assert.deepEqual(resolveField('address.city', catalog), { origin: 'catalog', entry: 'address' });
    assert.deepEqual(resolveField('orders.0.sku', catalog), { origin: 'catalog', entry: 'orders.sku', type: 'string' });
    assert.deepEqual(resolveField('plan', catalog), { origin: 'catalog', entry: 'plan', type: 'object' });
    assert.equal(resolveField('age.years', catalog), undefined, 'a long has no sub-fields');
    // A geo_location is an object of `lat` and `lon`, and templates read them.
    const geo = catalogOf({ lastKnownLocation: 'geo_location' });
    assert.deepEqual(resolveField('lastKnownLocation.lat', geo), { origin: 'catalog', entry: 'lastKnownLocation', type: 'double' });
    assert.deepEqual(resolveField('profile.lastKnownLocation.lon', geo), { origin: 'catalog', entry: 'lastKnownLocation', type: 'double' });
    assert.equal(resolveField('lastKnownLocation.city', geo), undefined);
    assert.equal(resolveField('plan.price', catalog), undefined);
    assert.equal(resolveField('nickname', catalog), undefined);
  });

  it('reads the fieldsFile setting, defaulting to iterable-fields.json', () => {
    assert.equal(fieldsFileOf(normalizeSettings(null)), 'iterable-fields.json');
    assert.equal(fieldsFileOf(normalizeSettings({ fieldsFile: 'config/fields.json' })), 'config/fields.json');
    assert.equal(fieldsFileOf(normalizeSettings({ fieldsFile: '  ' })), 'iterable-fields.json');
    assert.equal(fieldsFileOf(normalizeSettings({ fieldsFile: 42 })), 'iterable-fields.json');
  });
});

describe('unknown-merge-field', () => {
  it('flags a field neither in the catalog nor standard, on the path, with suggestions in data', () => {
    const { found, ranges } = check('{ "traits": { "phone": "{{⟦phonenumber⟧}}", "email": "{{email}}", "custom": "{{⟦profile.voice_optn⟧}}" } }', {
      catalog,
      files: [],
    });
    const unknown = only(found, 'unknown-merge-field');
    assert.deepEqual(
      unknown.map((u) => u.covers),
      ['phonenumber', 'profile.voice_optn'],
    );
    assert.deepEqual(unknown[0].diagnostic.data, { code: 'unknown-merge-field', field: 'phonenumber', suggestions: ['phoneNumber'] });
    assert.deepEqual(unknown[1].diagnostic.data, { code: 'unknown-merge-field', field: 'profile.voice_optn', suggestions: ['profile.voice_optin'] });
    assert.match(
      messageOf(unknown[0].diagnostic),
      /^Unknown merge field "phonenumber": rename it to "phoneNumber"\. It is neither in your field catalog \(iterable-fields\.json\) nor an Iterable standard field, so it renders blank\.$/,
    );
    assert.equal(unknown[0].diagnostic.severity, 2);
    assert.equal(ranges.length, 2);
  });

  it('accepts catalog, standard, profile., nested, scoped and special forms', () => {
    const text = `{
      "traits": {
        "phone": "{{phoneNumber}}", "email": "{{profile.email}}", "city": "{{address.city}}",
        "tier": "{{plan.tier}}", "plan": "{{plan}}", "sku": "{{orders.[0].sku}}", "when": "{{signupDate}}",
        "source": "{{defaultIfEmpty leadSource 'web'}}",
        "live": "{{liveData.account.status}}",
        "list": "{{#each orders as |order i|}}{{order.sku}}{{this.size}}{{@index}}{{anything}}{{/each}}",
        "sorted": "{{#sortBy orders 'sku'}}{{sku}}{{/sortBy}}",
        "total": "{{#assign 'total'}}{{age}}{{/assign}}{{total}}"
      }
    }`;
    const { found } = check(text, { catalog, files: [] });
    assert.deepEqual(
      only(found, 'unknown-merge-field').map((f) => f.covers),
      [],
    );
  });

  it('checks what a block reads, and what follows the block', () => {
    const { found } = check('{ "traits": { "x": "{{#each ⟦ordrs⟧}}{{sku}}{{/each}}{{⟦sku⟧}}", "y": "{{#if ⟦agee⟧}}{{⟦agee⟧}}{{/if}}" } }', {
      catalog,
      files: [],
    });
    assert.deepEqual(
      only(found, 'unknown-merge-field').map((f) => f.covers),
      ['ordrs', 'sku', 'agee', 'agee'],
    );
  });

  it('suggests only names it would accept: never a catalog key that `profile.` hides (found by fuzzing)', () => {
    // `{{profile.plan}}` reads the profile field `plan`, so the catalog key `profile.plan` is no fix.
    const text = '{ "traits": { "phone": "{{phoneNumber}}", "x": "{{trueprofile.plan}}" } }';
    const data = (fields: Record<string, string>) =>
      only(check(text, { catalog: catalogOf(fields), files: [] }).found, 'unknown-merge-field').map((f) => f.diagnostic.data);
    assert.deepEqual(data({ 'profile.plan': 'string' }), [{ code: 'unknown-merge-field', field: 'trueprofile.plan', suggestions: [] }]);
    // With a field `plan`, `{{profile.plan}}` is known, and a fix.
    assert.deepEqual(data({ 'profile.plan': 'string', plan: 'string' }), [
      { code: 'unknown-merge-field', field: 'trueprofile.plan', suggestions: ['profile.plan'] },
    ]);
  });

  it('says nothing without a catalog', () => {
    const { found } = check('{ "traits": { "phone": "{{phonenumber}}" } }', { files: [] });
    assert.deepEqual(only(found, 'unknown-merge-field'), []);
  });
});

describe('cross-file checks', () => {
  const otherUri = 'file:///ws/other.regal.json';
  const otherText =
    '{ "name": "signup_completed", "properties": { "age": "{{age}}", "plan": "gold", "score": null }, "traits": { "phone": "{{phoneNumber}}", "firstName": "{{firstName}}", "vip": "yes" } }';
  const other = () => summaryOf(otherText, otherUri);
  /** The range of `needle` (of its part after `skip` characters) in `text`. */
  const rangeIn = (text: string, needle: string, skip = 0) => {
    const document = documentOf(text, otherUri);
    const start = text.indexOf(needle) + skip;
    needle = needle.slice(skip);
    return { start: document.positionAt(start), end: document.positionAt(start + needle.length) };
  };

  it('summarises a payload: merge fields, the literal event name, value types of properties and custom traits', () => {
    const summary = other();
    assert.equal(summary.uri, otherUri);
    assert.deepEqual([...summary.mergeFields.keys()], ['age', 'phoneNumber', 'firstName']);
    assert.deepEqual(summary.mergeFields.get('age'), rangeIn(otherText, '{{age', 2));
    assert.deepEqual(summary.eventNames, [{ name: 'signup_completed', range: rangeIn(otherText, '"signup_completed"') }]);
    assert.deepEqual(
      [...summary.valueTypes].map(([key, value]) => [key, value.type]),
      [
        ['properties.age', 'string'],
        ['properties.plan', 'string'],
        ['properties.score', 'null'],
        ['traits.vip', 'string'],
      ],
    );
    assert.deepEqual(summary.valueTypes.get('properties.age')?.range, rangeIn(otherText, '"{{age}}"'));
  });

  it('leaves out unquoted merge fields, templated names and templated keys', () => {
    const summary = summaryOf('{ "name": "{{eventName}}", "properties": { "age": {{age}}, "{{key}}": 1, "n": {{#if n}}1{{else}}2{{/if}} } }', otherUri);
    assert.deepEqual(summary.eventNames, []);
    assert.deepEqual(
      [...summary.valueTypes].map(([key, value]) => [key, value.type]),
      [['properties.n', 'number']],
    );
  });

  it('reports a property or custom trait sent as another type elsewhere, pointing at the other file', () => {
    const { found } = check(
      '{ "name": "Signup Completed", "properties": { "age": ⟦23⟧, "plan": "silver", "score": 5 }, "traits": { "phone": "{{phoneNumber}}", "firstName": 5, "vip": ⟦true⟧ } }',
      {
        files: [other()],
      },
    );
    const conflicts = only(found, 'inconsistent-type');
    assert.deepEqual(
      conflicts.map((c) => c.covers),
      ['23', 'true'],
    );
    const [age, vip] = conflicts;
    assert.equal(age.diagnostic.severity, 2);
    assert.match(
      messageOf(age.diagnostic),
      /^Event property "age" has another type in other\.regal\.json: send one type everywhere\. It is sent as a number here but as a string there\. Regal fixes a property's type the first time it sees it/,
    );
    assert.match(messageOf(vip.diagnostic), /^Custom trait "vip" has another type in other\.regal\.json: .* sent as a boolean here but as a string there/);
    assert.deepEqual(age.diagnostic.relatedInformation, [
      { location: { uri: otherUri, range: rangeIn(otherText, '"{{age}}"') }, message: 'Event property "age" is sent as a string here.' },
    ]);
    assert.deepEqual(age.diagnostic.data, { code: 'inconsistent-type', key: 'properties.age', type: 'number', otherTypes: ['string'] });
  });

  it('reports event names that differ only by case or separators, pointing at the other file', () => {
    for (const name of ['Signup Completed', 'signup completed', 'Signup_Completed', 'SIGNUP-COMPLETED', 'SignupCompleted']) {
      const { found } = check(`{ "name": ⟦${JSON.stringify(name)}⟧, "traits": { "phone": "{{phoneNumber}}" } }`, { files: [other()] });
      const similar = only(found, 'similar-event-name');
      assert.equal(similar.length, 1, name);
      assert.equal(similar[0].covers, JSON.stringify(name));
      assert.deepEqual(similar[0].diagnostic.data, { code: 'similar-event-name', name, similar: ['signup_completed'] });
      assert.match(
        messageOf(similar[0].diagnostic),
        /^Similar event name "signup_completed" in other\.regal\.json: use one spelling\. .* differs from it only by case or separators; Regal's event names are case-sensitive/,
      );
      assert.deepEqual(similar[0].diagnostic.relatedInformation, [
        { location: { uri: otherUri, range: rangeIn(otherText, '"signup_completed"') }, message: 'The event is named "signup_completed" here.' },
      ]);
    }
    for (const name of ['signup_completed', 'Signup Started', 'Signup Completed 2']) {
      const { found } = check(`{ "name": ${JSON.stringify(name)}, "traits": { "phone": "{{phoneNumber}}" } }`, { files: [other()] });
      assert.deepEqual(only(found, 'similar-event-name'), [], name);
    }
  });

  it('never compares a document with its own summary', () => {
    const text = '{ "name": "A b", "properties": { "age": 1 }, "traits": { "phone": "{{phoneNumber}}" } }';
    const uri = 'file:///ws/self.regal.json';
    const stale = summaryOf(text.replace('"age": 1', '"age": "1"').replace('A b', 'a_b'), uri);
    const { found } = check(text, { files: [stale] }, uri);
    assert.deepEqual(
      found.filter((f) => f.code === 'inconsistent-type' || f.code === 'similar-event-name'),
      [],
    );
  });
});

describe('quoted-boolean with a catalog', () => {
  const payload = (field: string) => `{ "traits": { "phone": "{{phoneNumber}}", "optIn": [ { "channel": "voice", "subscribed": "{{${field}}}" } ] } }`;

  it('names a boolean field and its type', () => {
    const { found } = check(payload('voice_optin'), { catalog, files: [] });
    const [quoted] = only(found, 'quoted-boolean');
    assert.ok(quoted);
    assert.match(
      messageOf(quoted.diagnostic),
      /^Quoted boolean: render a real boolean without quotes\. voice_optin is a boolean in your catalog; "\{\{voice_optin\}\}" sends the string "true", not a boolean, and "subscribed" needs a boolean\. Write \{\{#if voice_optin\}\}true\{\{else\}\}false\{\{\/if\}\}\.$/,
    );
    assert.equal((quoted.diagnostic.data as { fieldType?: string }).fieldType, 'boolean');
  });

  it('advises #ifEq for a string field', () => {
    const { found } = check(payload('voice_optin_text'), { catalog, files: [] });
    const [quoted] = only(found, 'quoted-boolean');
    assert.match(
      messageOf(quoted.diagnostic),
      /voice_optin_text is a string in your catalog; .* \{\{#ifEq voice_optin_text 'true'\}\}true\{\{else\}\}false\{\{\/ifEq\}\}/,
    );
    assert.equal((quoted.diagnostic.data as { fieldType?: string }).fieldType, 'string');
  });

  it('keeps the branch note of a finding in another view', () => {
    const text =
      '{ "traits": { "phone": "{{phoneNumber}}", "optIn": [ { "channel": "voice", "subscribed": {{#if x}}true{{else}}"{{voice_optin}}"{{/if}} } ] } }';
    const { found } = check(text, { catalog, files: [] });
    const [quoted] = only(found, 'quoted-boolean');
    assert.ok(quoted, JSON.stringify(found.map((f) => f.code)));
    assert.match(
      messageOf(quoted.diagnostic),
      /^Quoted boolean: .* voice_optin is a boolean in your catalog; .*\{\{\/if\}\}\. \(in the \{\{else\}\} branch of \{\{#if x\}\}\)$/,
    );
  });

  it('is unchanged without a catalog or for a field the catalog does not type', () => {
    const plain = only(check(payload('voice_optin'), { files: [] }).found, 'quoted-boolean')[0];
    assert.match(messageOf(plain.diagnostic), /^Quoted boolean: render a real boolean without quotes\. "subscribed" is a quoted template/);
    assert.equal((plain.diagnostic.data as { fieldType?: string }).fieldType, undefined);
    const untyped = only(check(payload('address.opt'), { catalog, files: [] }).found, 'quoted-boolean')[0];
    assert.match(messageOf(untyped.diagnostic), /^Quoted boolean: render a real boolean without quotes\. "subscribed" is a quoted template/);
  });
});

describe('workspace features on any text', () => {
  it('never throw, and keep ranges inside the document, on mutated payloads', () => {
    const seeds = ['examples', 'examples/guide-originals'].flatMap((dir) =>
      readdirSync(path.join(repoRoot, dir))
        .filter((f) => f.endsWith('.regal.json'))
        .map((f) => readFileSync(path.join(repoRoot, dir, f), 'utf8')),
    );
    const fragments = [
      '{{',
      '}}',
      '{',
      '}',
      '"',
      ',',
      '{{#each a as |x|}}',
      '{{/each}}',
      '{{#if b}}',
      '{{else}}',
      '{{/if}}',
      '{{profile.',
      '{{x.[0].',
      '"name": "A b",',
      '"properties": {"p": 1},',
    ];
    let state = 2026;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296;
    const files = seeds.map((text, i) =>
      summaryOf(text.replace(/"name": "[^"]*"/, '"name": "application step 1 completed"'), `file:///ws/seed${i}.regal.json`),
    );
    for (let i = 0; i < 600; i++) {
      let text = seeds[i % seeds.length];
      for (let e = 0; e < 3; e++) {
        const at = Math.floor(next() * (text.length + 1));
        text = next() < 0.6 ? text.slice(0, at) + fragments[Math.floor(next() * fragments.length)] + text.slice(at) : text.slice(0, at) + text.slice(at + 5);
      }
      const document = documentOf(text, `file:///ws/mutant${i}.regal.json`);
      for (const d of service.doValidation(document, undefined, { catalog, files })) {
        const start = document.offsetAt(d.range.start);
        const end = document.offsetAt(d.range.end);
        assert.ok(start <= end && end <= text.length, `range ${start}-${end} outside a text of ${text.length}`);
        for (const r of d.relatedInformation ?? []) assert.ok(r.location.uri.startsWith('file:///ws/'));
      }
      service.summarize(document);
    }
  });

  // Bounded work, not a clock: suggestions (an edit distance to every catalog field) are searched for at
  // most 100 names, and every finding is still reported. The time is printed for information only.
  it('a payload with thousands of fields and nested blocks: every finding, suggestions searched for at most 100 names', (t) => {
    const fields = Array.from({ length: 5000 }, (_, i) => `"f${i}": "{{field${i}}}"`).join(',\n');
    const nested = `${'{{#if a}}'.repeat(2000)}{{deep}}${'{{/if}}'.repeat(2000)}`;
    const text = `{ "properties": { ${fields} }, "traits": { "phone": "{{phoneNumber}}", "x": "${nested}" } }`;
    const bigCatalog = catalogOf(Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`field${i * 2}`, 'string'])));
    const others = Array.from({ length: 200 }, (_, i) => summaryOf(`{ "name": "E${i}", "properties": { "f${i}": ${i} } }`, `file:///ws/o${i}.regal.json`));
    const workspace = { catalog: bigCatalog, files: others };
    const document = documentOf(text, 'file:///ws/here.regal.json');
    const started = performance.now();
    // The findings themselves: doValidation publishes only the first MAX_DIAGNOSTICS (limits.ts).
    const found = workspaceFindings(service.analyze(document), workspace, document.uri);
    t.diagnostic(`workspace findings of ${found.length} problems: ${Math.round(performance.now() - started)} ms (informational)`);
    const unknown = found.filter((f) => f.code === 'unknown-merge-field');
    assert.equal(unknown.length, 2500 + 2000 + 1, 'odd fields, the 2,000 `a` of the blocks, `deep`');
    const suggestionsOf = (f: (typeof found)[number]) => (f.data as { suggestions: string[] }).suggestions;
    assert.deepEqual(suggestionsOf(unknown[0]), ['field0', 'field10', 'field12']);
    const suggested = new Set(unknown.filter((u) => suggestionsOf(u).length > 0).map((u) => text.slice(u.start, u.end)));
    assert.ok(suggested.size <= 100, `${suggested.size} names got suggestions`);
    assert.equal(found.filter((f) => f.code === 'inconsistent-type').length, 200);
    const published = service.doValidation(document, undefined, workspace);
    assert.equal(published.length, MAX_DIAGNOSTICS + 1);
    assert.equal(published[MAX_DIAGNOSTICS].code, 'too-many-problems');
    // 4,701 workspace findings, the legacy-shape hint of traits.phone and properties-without-name (no event
    // name beside "properties"), less the 1,000 shown.
    assert.match(messageOf(published[MAX_DIAGNOSTICS]), /^3,703 more problems are not shown: fix the ones shown/);
  });
});
