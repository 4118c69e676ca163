/**
 * Issue 10's examples, one test each: what Iterable documents must not be reported, what breaks a
 * webhook must be, and checker and renderer agree because both read the one helper model.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Handlebars from 'handlebars';
import { registerIterableHelpers } from '../../server/src/rendering/iterableRuntimeHelpers';
import { renderTemplate } from '../../server/src/rendering/renderTemplate';
import { arity, helperList, helperModel, iterableHelpers } from '../../server/src/service/iterable/iterableHelpers';
import { documentOf, service, validate } from '../support/service';

const payload = (extra: string) => `{ "userId": "{{userId}}", "traits": { "phones": { "{{phoneNumber}}": {} }, ${extra} } }`;
const found = (text: string) => validate(text).map((f) => `${f.code}:${f.covers}`);
const severityOf = (text: string, code: string) => validate(text).find((f) => f.code === code)?.diagnostic.severity;
const render = (template: string, profile: Record<string, unknown> = {}) =>
  renderTemplate(template, { profile, event: {} }, { now: new Date('2026-12-06T15:04:05Z') });

describe('one helper model for checker and renderer', () => {
  it('registers every name and alias of the model in the renderer, and nothing is left unimplemented', () => {
    const hb = registerIterableHelpers(Handlebars.create());
    for (const helper of helperList) for (const name of [helper.name, ...helper.aliases]) assert.equal(typeof hb.helpers[name], 'function', name);
  });

  it('gives every helper a consistent argument shape', () => {
    for (const [name, helper] of Object.entries(helperModel)) {
      const { min, max } = arity(helper);
      assert.ok(min <= max, name);
      const firstOptional = helper.params.findIndex((p) => p.optional);
      assert.ok(firstOptional === -1 || helper.params.slice(firstOptional).every((p) => p.optional), `${name}: optional parameters come last`);
    }
  });

  it('resolves aliases to their helper (ne is neq)', () => {
    assert.equal(iterableHelpers.get('ne')?.name, 'neq');
    assert.equal(render("{{#ne a 'x'}}different{{/ne}}", { a: 'y' }).text, 'different');
  });
});

describe('no false findings on what Iterable documents', () => {
  it('{{#neq}} and {{#ne}} are helpers', () => {
    assert.deepEqual(found(payload('"a": "{{#neq plan \'pro\'}}x{{/neq}}{{#ne plan \'pro\'}}y{{/ne}}"')), []);
  });

  it('{{#assign}} and {{sendSkip}} outside a string render nothing', () => {
    assert.deepEqual(
      found(
        payload('"a": 1, {{#assign \'greeting\'}}Hi {{firstName}}{{/assign}} {{#unless email}}{{sendSkip cause=\'no email\'}}{{/unless}} "b": "{{greeting}}"'),
      ),
      [],
    );
  });

  it('a bare {{@index}} is a number; a bare {{@key}} is text', () => {
    assert.deepEqual(found(payload('"i": [{{#each items}}{{@index}}{{#unless @last}},{{/unless}}{{/each}}]')), []);
    assert.deepEqual(found(payload('"k": [{{#each items}}{{@key}}{{#unless @last}},{{/unless}}{{/each}}]')), ['unquoted-merge-field:{{@key}}']);
  });

  it('a number-typed helper is valid bare JSON', () => {
    assert.deepEqual(found(payload('"n": {{math age \'+\' 1}}, "t": {{timestamp}}, "c": {{length items}}')), []);
  });

  it('{{else}} inside {{#each}} is valid', () => {
    assert.deepEqual(found(payload('"tags": "{{#each tags}}{{this}} {{else}}none{{/each}}"')), []);
  });

  it('an event identified only by userId needs no phone', () => {
    assert.deepEqual(found('{ "name": "Signup", "userId": "{{userId}}", "properties": { "plan": "pro" } }'), []);
  });

  it('a contact with only an email is a warning about calling, not an error', () => {
    const text = '{ "traits": { "email": "{{email}}" } }';
    assert.deepEqual(found(text), ['missing-phone:"traits"']);
    assert.equal(severityOf(text, 'missing-phone'), 2);
    assert.match(validate(text)[0]?.message ?? '', /call or text only contacts with a phone/);
  });

  it('no identifier at all is an error', () => {
    const text = '{ "name": "Signup", "properties": {} }';
    assert.deepEqual(found(text), ['missing-identifier:{']);
    assert.equal(severityOf(text, 'missing-identifier'), 1);
  });

  it('a phone libphonenumber reads is a hint with the E.164 fix, not a warning', () => {
    const text = '{ "traits": { "phones": { "+1 (954) 555-2399": {} } } }';
    assert.deepEqual(found(text), ['phone-not-e164:"+1 (954) 555-2399"']);
    assert.equal(severityOf(text, 'phone-not-e164'), 4);
    assert.deepEqual(found('{ "traits": { "phones": { "954-555": {} } } }'), ['phone-format:"954-555"']);
  });
});

describe('problems Iterable documents that used to be missed', () => {
  const fixFor = (text: string, code: string) => {
    const document = documentOf(text);
    const diagnostics = service.doValidation(document).filter((d) => d.code === code);
    assert.equal(diagnostics.length, 1, `one ${code}`);
    const range = (diagnostics[0] as { range: Parameters<typeof service.doCodeActions>[1] }).range;
    const [action] = service.doCodeActions(document, range, diagnostics);
    const edits = action?.edit?.changes?.[document.uri] ?? [];
    return [...edits]
      .sort((a, b) => document.offsetAt(b.range.start) - document.offsetAt(a.range.start))
      .reduce((out, e) => out.slice(0, document.offsetAt(e.range.start)) + e.newText + out.slice(document.offsetAt(e.range.end)), text);
  };

  it('double quotes inside a mustache in a JSON string: an error, fixed with single quotes', () => {
    const text = payload('"src": "{{defaultIfEmpty leadSource "web"}}"');
    assert.deepEqual(found(text), ['nested-double-quotes:"web"']);
    assert.equal(severityOf(text, 'nested-double-quotes'), 1);
    assert.equal(fixFor(text, 'nested-double-quotes'), payload('"src": "{{defaultIfEmpty leadSource \'web\'}}"'));
  });

  it('a triple-stash inside a JSON string: a warning', () => {
    const text = payload('"bio": "{{{bio}}}"');
    assert.deepEqual(found(text), ['triple-stash-in-string:{{{bio}}}']);
    assert.equal(severityOf(text, 'triple-stash-in-string'), 2);
  });

  it('a wrong argument count: a warning naming what the helper takes', () => {
    for (const [extra, covers] of [
      ['"a": "{{math age 2}}"', 'math'],
      ['"b": "{{#ifEq age}}x{{/ifEq}}"', 'ifEq'],
      ['"c": "{{dateFormat}}"', 'dateFormat'],
    ]) {
      const text = payload(extra as string);
      assert.deepEqual(found(text), [`helper-arguments:${covers}`]);
      assert.equal(severityOf(text, 'helper-arguments'), 2);
    }
    assert.match(validate(payload('"a": "{{math age 2}}"'))[0]?.message ?? '', /takes 3 arguments \(a, operator, b\); here it has 2/);
  });

  it('a comparison on a field the user may lack: information, fixed by wrapping it in {{#if}}', () => {
    const text = payload('"tier": "{{#gt spend 100}}gold{{else}}silver{{/gt}}"');
    assert.deepEqual(found(text), ['comparison-on-missing-field:spend']);
    assert.equal(severityOf(text, 'comparison-on-missing-field'), 3);
    const fixed = fixFor(text, 'comparison-on-missing-field');
    assert.equal(fixed, payload('"tier": "{{#if spend}}{{#gt spend 100}}gold{{else}}silver{{/gt}}{{/if}}"'));
    assert.deepEqual(found(fixed), []);
  });

  it('the renderer skips the send exactly where the checker warns', () => {
    assert.match(render('{{#gt spend 100}}gold{{/gt}}').skipped?.reason ?? '', /skips the send/);
    assert.equal(render('{{#if spend}}{{#gt spend 100}}gold{{/gt}}{{/if}}').text, '');
  });
});

describe("the renderer follows Iterable's documentation", () => {
  it('defaultIfEmpty falls back only for null, undefined and ""', () => {
    assert.equal(
      render("{{defaultIfEmpty a 'x'}}|{{defaultIfEmpty b 'x'}}|{{defaultIfEmpty c 'x'}}|{{defaultIfEmpty d 'x'}}", { b: false, c: 0, d: '' }).text,
      'x|false|0|x',
    );
  });

  it("slugify drops digits as Iterable's example does", () => {
    assert.equal(render('{{slugify t}}', { t: "It's time for our 2nd annual fall sale" }).text, 'its-time-for-our-nd-annual-fall-sale');
  });

  it('{{list.size}} is the item count', () => {
    assert.equal(render('{{cart.size}}', { cart: [1, 2, 3] }).text, '3');
  });

  it('dateFormat knows u and D', () => {
    assert.equal(render("{{dateFormat d format='u D'}}", { d: '2017-06-19 00:00:00 +00:00' }).text, '1 170');
  });

  it('dateMath, numberFormat, center, assign and snippet render instead of failing the whole payload', () => {
    assert.equal(render("{{dateMath d '+30d' format='yyyy-MM-dd'}}", { d: '2022-10-10 17:47:38 +00:00' }).text, '2022-11-09');
    assert.equal(render("{{numberFormat 1234.5678 '#,##0.00'}}").text, '1,234.57');
    assert.equal(render("{{center 'Hi' size=6 pad='*'}}").text, '**Hi**');
    assert.equal(render("{{#assign 'v'}}Iterable{{/assign}}from {{v}}").text, 'from Iterable');
    const snippet = render("a{{{snippet 'footer'}}}b");
    assert.equal(snippet.text, 'ab');
    assert.ok(snippet.assumptions?.includes('snippet'), 'the preview says it left the snippet out');
  });
});

describe('renderer inputs stay bounded', () => {
  it('refuses a sample file larger than a profile and an event can be', async () => {
    const { parseSampleData, MAX_SAMPLE_CHARS } = await import('../../server/src/rendering/sampleData');
    const parsed = parseSampleData(`{"profile": {"bio": "${'a'.repeat(MAX_SAMPLE_CHARS)}"}}`);
    assert.deepEqual(parsed.sample, { profile: {}, event: {} });
    assert.match(parsed.problem ?? '', /larger than 2 MB/);
  });

  it('replace with an empty search text leaves the text alone (no per-character split)', () => {
    assert.equal(render("{{replace t '' 'x'}}", { t: 'abc' }).text, 'abc');
  });
});
