/**
 * Rendering payload templates with sample data as Iterable would (client/src/rendering): every helper
 * the renderer registers, Iterable's truthiness, missing fields, sends Iterable skips, HTML escaping,
 * event-vs-profile precedence, template errors with offsets and invalid JSON with line/column; and the
 * preview text built from those results.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { RE2JS } from 're2js';
import { previewText } from '../../client/src/preview/previewText';
import { blankFields } from '../../client/src/sampleData/sampleFields';
import { payloadFieldNames } from '../../server/src/service/workspace/mergeFieldsUsed';
import { formatDate, parseDate } from '../../server/src/rendering/dateFormat';
import { renderAssumptions } from '../../server/src/rendering/renderAssumptions';
import { renderTemplate, type RenderResult } from '../../server/src/rendering/renderTemplate';
import { emptySample, parseSampleData, type SampleData } from '../../server/src/rendering/sampleData';
import { repoRoot } from '../support/service';

const NOW = new Date('2024-05-06T07:08:09.010Z');
const sample: SampleData = {
  profile: {
    email: 'ada@example.com',
    firstName: 'Ada',
    lastName: "O'Brien",
    age: 36,
    zero: 0,
    empty: '',
    no: false,
    yes: true,
    none: [],
    tags: ['vip', 'beta'],
    nullField: null,
    address: { city: 'Austin', zip: '78701' },
    signupDate: '2016-08-02 18:53:45 +00:00',
    plan: 'gold',
    quote: 'say "hi" & <wave>',
    multiline: 'line 1\nline 2',
    symbols: 'a=b`c',
  },
  event: { plan: 'platinum', educationalLevel: 'Bachelors' },
};

const render = (template: string, data: SampleData = sample): RenderResult => renderTemplate(template, data, { now: NOW });
/** The rendered text, asserting Handlebars had nothing to complain about. */
function text(template: string, data: SampleData = sample): string {
  const result = render(template, data);
  assert.equal(result.templateError, undefined, `template error: ${result.templateError?.message}`);
  assert.equal(result.skipped, undefined, `skipped: ${result.skipped?.reason}`);
  return result.text as string;
}

describe('merge fields', () => {
  it('renders profile and event fields; missing fields render blank', () => {
    assert.equal(text('{{firstName}} {{email}} {{address.city}} [{{missing}}] [{{address.missing}}] [{{nullField}}]'), 'Ada ada@example.com Austin [] [] []');
  });
  it('an event field beats the same-named profile field; profile.x forces the profile value', () => {
    assert.equal(text('{{plan}} {{profile.plan}} {{educationalLevel}}'), 'platinum gold Bachelors');
  });
  it('renders with no sample at all', () => {
    assert.equal(text('{"a": "{{firstName}}"}', emptySample), '{"a": ""}');
  });
});

describe('escaping', () => {
  it('{{ }} HTML-escapes like handlebars.java HTML_ENTITY; {{{ }}} does not', () => {
    assert.equal(text('{{lastName}}|{{quote}}|{{{quote}}}'), 'O&#x27;Brien|say &quot;hi&quot; &amp; &lt;wave&gt;|say "hi" & <wave>');
    assert.equal(text('{{symbols}}'), 'a&#x3D;b&#x60;c');
  });
  it('says where escaping changed the output, and nothing when it did not', () => {
    const result = render('{\n  "name": "{{lastName}}"\n}');
    assert.deepEqual(result.json, { name: 'O&#x27;Brien' });
    assert.equal(result.escaping?.line, 2);
    assert.equal(result.escaping?.column, 13);
    assert.match(result.escaping?.message ?? '', /"'" became "&#x27;"/);
    const ampersand = render('"{{quote}}"');
    assert.equal(ampersand.escaping?.offset, 5, 'points at &quot;');
    assert.equal(render('"{{{lastName}}}"').escaping, undefined);
    assert.equal(render('"{{firstName}}"').escaping, undefined);
  });
  it('a raw line break from a value breaks the JSON string, with its position', () => {
    const result = render('{"note": "{{multiline}}"}');
    assert.equal(result.json, undefined);
    assert.equal(result.jsonError?.line, 1);
    assert.match(result.jsonError?.message ?? '', /Invalid character|Unterminated string/);
  });
});

describe('truthiness (null, "", [], false, zero are falsy)', () => {
  for (const field of ['zero', 'empty', 'no', 'none', 'nullField', 'missing']) {
    it(`{{#if ${field}}} takes the else branch and {{#unless}} the first`, () => {
      assert.equal(text(`{{#if ${field}}}T{{else}}F{{/if}}{{#unless ${field}}}U{{/unless}}`), 'FU');
    });
  }
  for (const field of ['yes', 'age', 'tags', 'firstName', 'address']) {
    it(`{{#if ${field}}} takes the first branch`, () => {
      assert.equal(text(`{{#if ${field}}}T{{else}}F{{/if}}`), 'T');
    });
  }
  it('else if chains', () => {
    assert.equal(text('{{#if no}}a{{else if yes}}b{{else}}c{{/if}}'), 'b');
  });
  it('each with @index, @first, @last and @key', () => {
    assert.equal(text('{{#each tags}}{{@index}}={{this}}{{#if @first}}^{{/if}}{{#if @last}}${{/if}};{{/each}}'), '0=vip^;1=beta$;');
    assert.equal(text('{{#each address}}{{@key}}:{{this}} {{/each}}'), 'city:Austin zip:78701 ');
    assert.equal(text('[{{#each missing}}x{{/each}}]'), '[]');
  });
});

describe('comparison helpers', () => {
  it('ifEq compares loosely and degrades gracefully on a missing field', () => {
    assert.equal(
      text("{{#ifEq firstName 'Ada'}}y{{else}}n{{/ifEq}}{{#ifEq age '36'}}y{{/ifEq}}{{#ifEq yes true}}y{{/ifEq}}{{#ifEq missing 'x'}}y{{else}}n{{/ifEq}}"),
      'yyyn',
    );
  });
  it('ifGt/ifGte/ifLt/ifLte compare numbers (also numeric strings)', () => {
    assert.equal(
      text(
        "{{#ifGt age 30}}a{{/ifGt}}{{#ifGte age 36}}b{{/ifGte}}{{#ifLt age '40'}}c{{/ifLt}}{{#ifLte age 35}}d{{else}}e{{/ifLte}}{{#ifGt age 100}}f{{/ifGt}}",
      ),
      'abce',
    );
    assert.equal(text('{{#ifGt missing 1}}a{{else}}b{{/ifGt}}'), 'b');
  });
  it('ifModEq', () => {
    assert.equal(text('{{#ifModEq age 2 0}}even{{else}}odd{{/ifModEq}} {{#ifModEq age 5 1}}r1{{/ifModEq}}'), 'even r1');
  });
  it('ifContainsStr, ifMatchesRegexStr (whole value, like Java) and ifContains', () => {
    assert.equal(text("{{#ifContainsStr email '@example'}}y{{/ifContainsStr}}{{#ifContainsStr email 'nope'}}y{{else}}n{{/ifContainsStr}}"), 'yn');
    assert.equal(
      text("{{#ifMatchesRegexStr email '.*@example\\.com'}}y{{/ifMatchesRegexStr}}{{#ifMatchesRegexStr email 'example'}}y{{else}}n{{/ifMatchesRegexStr}}"),
      'yn',
    );
    assert.equal(
      text("{{#ifContains tags 'beta'}}y{{/ifContains}}{{#ifContains tags 'x'}}y{{else}}n{{/ifContains}}{{#ifContains missing 'x'}}y{{else}}n{{/ifContains}}"),
      'ynn',
    );
  });
  it('inline eq/gt/gte/lt/lte render true/false, or yes=/no=', () => {
    assert.equal(text('{{eq age 36}} {{gt age 40}} {{gte age 36}} {{lt age 40}} {{lte age 35}}'), 'true false true true false');
    assert.equal(text("{{eq plan 'platinum' yes='P' no='other'}} {{gt age 40 yes='old' no='young'}}"), 'P young');
    assert.deepEqual(render('{"subscribed": {{eq plan "platinum"}} }').json, { subscribed: true });
  });
  it('block eq/gt/lt and the and/or/not helpers (block, inline and as subexpressions)', () => {
    assert.equal(text('{{#eq age 36}}a{{/eq}}{{#gt age 1}}b{{/gt}}{{#lt age 1}}c{{else}}d{{/lt}}'), 'abd');
    assert.equal(
      text('{{#and yes age}}a{{/and}}{{#and yes zero}}b{{else}}c{{/and}}{{#or no empty}}d{{else}}e{{/or}}{{#or no tags}}f{{/or}}{{#not no}}g{{/not}}'),
      'acefg',
    );
    assert.equal(text("{{and yes no}} {{or no yes}} {{not none}} {{not yes yes='Y' no='N'}}"), 'false true true N');
    assert.equal(text('{{#if (and yes (gt age 18))}}adult{{/if}}'), 'adult');
  });
});

describe('sends Iterable skips', () => {
  it('a comparison helper on a missing field skips the send, with the mustache and its offset', () => {
    const template = '{\n  "vip": {{#gt missingScore 10}}true{{else}}false{{/gt}}\n}';
    const result = render(template);
    assert.equal(result.text, undefined);
    assert.equal(result.skipped?.offset, template.indexOf('{{#gt'));
    assert.match(result.skipped?.reason ?? '', /^\{\{#gt missingScore 10\}\}: gt compares a missing/);
  });
  for (const helper of ['gt', 'gte', 'lt', 'lte']) {
    it(`inline ${helper} on a null field skips too`, () => {
      assert.ok(render(`{{${helper} nullField 1}}`).skipped);
    });
  }
  it('ifContainsStr on a missing or empty field skips (Iterable: "the template fails")', () => {
    assert.ok(render("{{#ifContainsStr missing 'a'}}x{{/ifContainsStr}}").skipped);
    assert.ok(render("{{#ifContainsStr empty 'a'}}x{{/ifContainsStr}}").skipped);
  });
  it('sendSkip skips with its cause', () => {
    const result = render("{{#unless email}}{{sendSkip cause='no email'}}{{/unless}}{}", { profile: {}, event: {} });
    assert.match(result.skipped?.reason ?? '', /no email/);
    assert.equal(render("{{#unless email}}{{sendSkip cause='no email'}}{{/unless}}{}").skipped, undefined);
  });
});

describe('string helpers', () => {
  it('defaultIfEmpty uses the fallback for missing and falsy values', () => {
    assert.equal(
      text("{{defaultIfEmpty missing 'fb'}} {{defaultIfEmpty empty 'fb'}} {{defaultIfEmpty firstName 'fb'}} {{defaultIfEmpty no false}}"),
      'fb fb Ada false',
    );
  });
  it('upper, lower, capitalize, capitalizeFirst (also nested)', () => {
    assert.equal(
      text(
        "{{upper firstName}} {{lower 'HeLLo'}} {{capitalize 'hello big world'}} {{capitalize 'hELLO wORLD' fully=true}} {{capitalizeFirst 'hello world'}} {{capitalizeFirst (lower 'JOHN')}} [{{upper missing}}]",
      ),
      'ADA hello Hello Big World Hello World Hello world John []',
    );
  });
  it('replace, cut, substring, abbreviate, slugify', () => {
    assert.equal(
      text("{{replace 'a-b-c' '-' '+'}} {{cut 'a b c'}} {{cut 'a-b-c' '-'}} {{substring 'abcdef' 1 3}} {{substring 'abcdef' 2}}"),
      'a+b+c abc abc bc cdef',
    );
    assert.equal(text("{{abbreviate 'Now is the time' 10}} {{abbreviate 'short' 10}} {{slugify ' Héllo, Wörld! 2 '}}"), 'Now is ... short hello-world');
  });
  it('length and join', () => {
    assert.equal(
      text("{{length tags}} {{length 'abc'}} {{length missing}} {{join tags ', '}} {{join tags '|' prefix='[' suffix=']'}} {{join 'a' 'b' '-'}}"),
      '2 3 0 vip, beta [vip|beta] a-b',
    );
  });
});

describe('encoding helpers', () => {
  it('toJson writes JSON, unescaped even inside {{ }}', () => {
    const result = render(
      '{"name": {{toJson lastName}}, "tags": {{toJson tags}}, "address": {{toJson address}}, "age": {{toJson age}}, "missing": {{toJson missing}}, "quote": {{toJson quote}} }',
    );
    assert.deepEqual(result.json, {
      name: "O'Brien",
      tags: ['vip', 'beta'],
      address: { city: 'Austin', zip: '78701' },
      age: 36,
      missing: null,
      quote: 'say "hi" & <wave>',
    });
    assert.deepEqual(render('{"m": {{toJson multiline}} }').json, { m: 'line 1\nline 2' });
  });
  it('urlEncode (Java URLEncoder), base64, hexEncode, hashes, toUrlEncodedJson', () => {
    assert.equal(text("{{#urlEncode}}a b&c=d/é{{/urlEncode}} {{#urlEncode}}it's{{/urlEncode}}"), 'a+b%26c%3Dd%2F%C3%A9 it%27s');
    assert.equal(text('{{#base64}}{{firstName}}{{/base64}} {{hexEncode firstName}}'), 'QWRh 416461');
    assert.equal(text("{{md5 'abc'}} {{sha1 'abc'}}"), '900150983cd24fb0d6963f7d28e17f72 a9993e364706816aba3e25717850c26c9cd0d89d');
    assert.equal(text("{{sha256 'abc'}}"), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.equal(text("{{hmacSHA256 'abc' 'key'}}").length, 64);
    assert.equal(text('{{toUrlEncodedJson tags}}'), '%5B%22vip%22%2C%22beta%22%5D');
  });
});

describe('numbers and dates', () => {
  it('math', () => {
    assert.equal(
      text("{{math age '+' 4}} {{math age '-' 6}} {{math age '*' 2}} {{math age '/' 8}} {{math age '%' 5}} [{{math missing '+' 1}}]"),
      '40 30 72 4.5 1 []',
    );
    assert.match(render("{{math age '^' 2}}").templateError?.message ?? '', /unknown operator/);
  });
  it('now and timestamp use the render time; dateFormat reads Iterable dates', () => {
    // Without a format, dates take the medium style, as Iterable documents (docs/iterable.md §2.5).
    assert.equal(text("{{now}} | {{now 'yyyy-MM-dd'}} | {{timestamp}}"), `May 6, 2024 | 2024-05-06 | ${NOW.getTime()}`);
    assert.equal(
      text(
        "{{dateFormat signupDate 'yyyy/MM/dd HH:mm'}} | {{dateFormat signupDate format='MMMM d, yyyy'}} | {{dateFormat signupDate 'short'}} | {{dateFormat signupDate 'EEE h:mm a'}}",
      ),
      '2016/08/02 18:53 | August 2, 2016 | 8/2/16 | Tue 6:53 PM',
    );
    assert.equal(text("{{dateFormat signupDate 'yyyy-MM-dd HH:mm XXX' tz='America/New_York'}}"), '2016-08-02 14:53 -04:00');
    assert.equal(text("[{{dateFormat missing 'yyyy'}}] {{dateFormat '2020-02-29' \"dd 'of' MMM\"}}"), '[] 29 of Feb');
    assert.match(render("{{dateFormat firstName 'yyyy'}}").templateError?.message ?? '', /is not a date/);
  });
  it('parseDate and formatDate', () => {
    assert.equal(parseDate('2016-08-02 18:53:45 +00:00')?.toISOString(), '2016-08-02T18:53:45.000Z');
    assert.equal(parseDate('2016-08-02T18:53:45-05:00')?.toISOString(), '2016-08-02T23:53:45.000Z');
    assert.equal(parseDate(1_470_163_225_000)?.toISOString(), '2016-08-02T18:40:25.000Z');
    assert.equal(parseDate('not a date'), undefined);
    assert.equal(formatDate(NOW), 'May 6, 2024');
    assert.equal(formatDate(NOW, 'yyyy-MM-dd HH:mm:ss XXX'), '2024-05-06 07:08:09 Z');
    assert.equal(formatDate(NOW, 'yyyyMMddHHmmss.SSS'), '20240506070809.010');
  });
});

describe('template errors (never a throw)', () => {
  it('an unclosed block: message and the offset of its opening', () => {
    const template = '{\n  "a": "{{#if firstName}}x"\n}';
    assert.deepEqual(render(template).templateError, { message: '{{#if}} is never closed: add {{/if}}.', offset: template.indexOf('{{#if') });
  });
  it('a mismatched close', () => {
    const result = render('{{#if yes}}x{{/unless}}');
    assert.match(result.templateError?.message ?? '', /\{\{#if\}\} is closed by \{\{\/unless\}\}/);
    assert.equal(typeof result.templateError?.offset, 'number');
  });
  it('a broken mustache: the offset of the token at fault', () => {
    const template = '{\n  "a": "{{firstName"\n}';
    const result = render(template);
    assert.equal(
      result.templateError?.message,
      'Handlebars syntax error at "firstName\\"": expected a field name, a string, a number, true/false, undefined, null or an @variable, found text Handlebars cannot read',
    );
    assert.equal(result.templateError?.offset, template.indexOf('firstName'));
  });
  it('`}}}` right after a mustache says how to fix it', () => {
    const result = render('{"name": {{toJson firstName}}}');
    assert.match(result.templateError?.message ?? '', /put a space between `}}` and a JSON `}`/);
  });
  it('an unknown helper, an unsupported helper and {{#with}}, at their offsets', () => {
    const unknown = render('{"a": "{{uppercase firstName}}"}');
    assert.deepEqual(unknown.templateError, { message: 'Iterable has no helper "uppercase".', offset: 7 });
    // The preview has no Catalog: the block renders with no item fields, and says so.
    const catalog = render("{{#catalog 'Products' 1}}x{{name}}{{/catalog}}");
    assert.equal(catalog.text, 'x');
    assert.ok(catalog.assumptions?.includes('catalog'), JSON.stringify(catalog));
    // Undocumented by Iterable, accepted by handlebars.java: rendered.
    assert.equal(render('{{#with address}}{{city}}{{/with}}').text, 'Austin');
    assert.match(render('{{> footer}}').templateError?.message ?? '', /partial/);
    // `log` is a Handlebars.js built-in, not an Iterable helper: the same message as any unknown helper.
    assert.deepEqual(render('{"a": "{{log firstName}}"}').templateError, { message: 'Iterable has no helper "log".', offset: 7 });
  });
  it('an invalid regular expression', () => {
    assert.match(render("{{#ifMatchesRegexStr email '('}}x{{/ifMatchesRegexStr}}").templateError?.message ?? '', /cannot run the regular expression "\("/);
  });
  it('a regular expression RE2 cannot run is refused, never backtracked', () => {
    assert.match(render("{{#ifMatchesRegexStr email '(a)\\1'}}x{{/ifMatchesRegexStr}}").templateError?.message ?? '', /RE2/);
    // A pattern that takes a backtracking engine 2^40 steps here: RE2, linear in the input whatever the pattern, runs it.
    const matched: Array<{ pattern: string; value: string }> = [];
    const { matches } = RE2JS.prototype;
    RE2JS.prototype.matches = function (this: RE2JS, value: string) {
      matched.push({ pattern: this.pattern(), value });
      return matches.call(this, value);
    };
    try {
      const result = render("{{#ifMatchesRegexStr long '(a+)+$'}}x{{else}}y{{/ifMatchesRegexStr}}", { profile: { long: `${'a'.repeat(40)}!` }, event: {} });
      assert.equal(result.text, 'y');
    } finally {
      RE2JS.prototype.matches = matches;
    }
    assert.deepEqual(matched, [{ pattern: '(a+)+$', value: `${'a'.repeat(40)}!` }], 'the pattern ran on RE2 (re2js)');
  });
  it('does not throw on arbitrary text', () => {
    for (const template of [
      '',
      '{{',
      '}}',
      '{{{',
      '{{#',
      '{{/if}}',
      '{{else}}',
      '{{!',
      '{{!--',
      '{{#each}}{{/each}}',
      '{{lookup}}',
      '{{#if}}{{/if}}',
      '\u0000{{a}}',
      '{{a.[b}}',
    ]) {
      assert.doesNotThrow(() => render(template), template);
    }
  });
});

describe('JSON of the rendered text', () => {
  it('valid JSON is parsed', () => {
    assert.deepEqual(render('{"phone": "{{email}}", "n": 1}').json, { phone: 'ada@example.com', n: 1 });
  });
  it('a blank unquoted merge field: message with 1-based line and column in the rendered text', () => {
    const result = render('{\n  "name": "x",\n  "age": {{missing}},\n  "ok": true\n}');
    assert.equal(result.text, '{\n  "name": "x",\n  "age": ,\n  "ok": true\n}');
    assert.deepEqual(result.jsonError, { message: 'Value expected', line: 3, column: 10, offset: 26 });
  });
  it('a trailing comma left by an {{#if}}', () => {
    const result = render('{\n  "a": 1,\n  {{#if no}}"b": 2{{/if}}\n}');
    assert.equal(result.jsonError?.message, 'Trailing comma before a closing bracket or brace');
    assert.equal(result.jsonError?.line, 4);
    assert.equal(result.jsonError?.column, 1);
  });
  it('comments and empty output', () => {
    assert.equal(render('{"a": 1 //c\n}').jsonError?.message, 'Comments are not allowed in JSON');
    assert.equal(render('{{missing}}').jsonError?.message, 'The rendered text is empty');
  });
});

describe('sample files', () => {
  it('profile and event sections, with Iterable API `dataFields` lifted', () => {
    const parsed = parseSampleData(
      JSON.stringify({ profile: { email: 'a@b.c', dataFields: { firstName: 'Ada' } }, event: { eventName: 'x', dataFields: { plan: 'p' } } }),
    );
    assert.deepEqual(parsed, { sample: { profile: { firstName: 'Ada', email: 'a@b.c' }, event: { plan: 'p', eventName: 'x' } } });
  });
  it('a bare object is a profile', () => {
    assert.deepEqual(parseSampleData('{"firstName": "Ada"}'), { sample: { profile: { firstName: 'Ada' }, event: {} } });
  });
  it('problems: invalid JSON, not an object, wrong section types, stray keys', () => {
    assert.match(parseSampleData('{').problem ?? '', /not valid JSON/);
    // Where, as line and column of the sample file (JSON.parse gives only an offset on Node 20).
    assert.equal(
      parseSampleData('{\n  "profile": {\n    "a": 1\n    "b": 2\n  }\n}').problem,
      'The sample file is not valid JSON: Comma expected at line 4, column 5; rendering with no fields.',
    );
    assert.equal(parseSampleData('').problem, 'The sample file is not valid JSON: it is empty; rendering with no fields.');
    assert.match(parseSampleData('[]').problem ?? '', /must hold a JSON object/);
    const wrong = parseSampleData('{"profile": [], "event": {"a": 1}, "firstName": "x"}');
    assert.deepEqual(wrong.sample, { profile: {}, event: { a: 1 } });
    assert.match(wrong.problem ?? '', /"profile" must be an object.*"firstName"/);
  });
  it('the bundled sample files parse cleanly and are identical', () => {
    const fixture = readFileSync(path.join(repoRoot, 'test', 'vscode', 'fixtures', 'regal.sample.json'), 'utf8');
    assert.equal(readFileSync(path.join(repoRoot, 'examples', 'regal.sample.json'), 'utf8'), fixture);
    const parsed = parseSampleData(fixture);
    assert.equal(parsed.problem, undefined);
    assert.equal(parsed.sample.profile.phoneNumber, '+16505551234');
  });
  it('every example payload renders to valid JSON with the example sample', () => {
    const examples = path.join(repoRoot, 'examples');
    const { sample: exampleSample } = parseSampleData(readFileSync(path.join(examples, 'regal.sample.json'), 'utf8'));
    const files = readdirSync(examples).filter((f) => f.endsWith('.regal.json'));
    assert.ok(files.length >= 6);
    for (const file of files) {
      const result = render(readFileSync(path.join(examples, file), 'utf8'), exampleSample);
      assert.equal(result.jsonError, undefined, `${file}: ${result.jsonError?.message}`);
      assert.ok(result.json && typeof result.json === 'object', file);
      assert.doesNotMatch(result.text ?? '', /\{\{|""/, `${file} has no blank or unrendered field`);
    }
  });
});

describe('preview text', () => {
  const base = { sourceName: 'contact.regal.json', sampleName: 'regal.sample.json' };
  it('valid JSON is pretty-printed under a header naming the files and the escaping', () => {
    const template = '{"a":"{{firstName}}"}';
    const out = previewText({ ...base, template, rendered: render(template) });
    assert.equal(
      out,
      `// Rendered contact.regal.json with sample data from regal.sample.json.\n// {{ }} HTML-escapes values as Iterable does (& < > " ' \` = become entities); {{{ }}} and toJson do not.\n// Assumed: ${renderAssumptions['workflow-fields']}\n{\n  "a": "Ada"\n}\n`,
    );
  });
  it('re-indents without reparsing: duplicate keys and big numbers stay as Regal receives them', () => {
    const template = '{"id":12345678901234567890,"a":1,"a":"{{firstName}}"}';
    const out = previewText({ ...base, template, rendered: render(template) });
    assert.ok(out.endsWith('{\n  "id": 12345678901234567890,\n  "a": 1,\n  "a": "Ada"\n}\n'), out);
  });
  it('invalid JSON: the raw text, with the line/column in both the rendered text and the preview', () => {
    const template = '{\n  "age": {{missing}}\n}';
    const out = previewText({ ...base, template, rendered: render(template) });
    const lines = out.split('\n');
    const header = lines.find((l) => l.startsWith('// Not valid JSON')) ?? '';
    // jsonc-parser reports the missing value at the token after it: the closing brace.
    assert.match(header, /Value expected at line 3, column 1 of the rendered text \(line (\d+) of this preview\)/);
    const previewLine = Number(/line (\d+) of this preview/.exec(header)?.[1]);
    assert.deepEqual(lines.slice(previewLine - 2, previewLine), ['  "age": ', '}']);
    // The problem is the second line, before the general escaping note: a narrow preview shows it first.
    assert.equal(lines[1], header);
  });
  it('invalid JSON with an escaped value: the escaping lines follow the problem and the line number holds', () => {
    const template = '{\n  "name": "{{lastName}}",\n  "age": {{missing}}\n}';
    const lines = previewText({ ...base, template, rendered: render(template) }).split('\n');
    assert.match(lines[1] ?? '', /^\/\/ Not valid JSON: Value expected at line 4, column 1 .*\(line (\d+) of this preview\)/);
    assert.match(lines[3] ?? '', /^\/\/ Note: .*&#x27;/);
    const previewLine = Number(/line (\d+) of this preview/.exec(lines[1] ?? '')?.[1]);
    assert.deepEqual(lines.slice(previewLine - 2, previewLine), ['  "age": ', '}']);
  });
  it('template errors and skips give the template position; sample problems are shown', () => {
    const template = '{\n  "a": {{#if x}}\n}';
    const cannot = previewText({ ...base, template, rendered: render(template) });
    assert.match(
      cannot.split('\n')[1] ?? '',
      /^\/\/ Cannot render: \{\{#if\}\} is never closed: add \{\{\/if\}\}\. \(line 2, column 8\) in contact\.regal\.json/,
    );
    assert.ok(!cannot.includes('HTML-escapes'), 'nothing rendered, so no escaping note');
    const skip = '{\n "v": {{gt missing 1}} }';
    assert.match(previewText({ ...base, template: skip, rendered: render(skip) }), /Iterable would skip this send: .* \(line 2, column 7\)/);
    const out = previewText({ sourceName: 'a.regal.json', template: '{}', rendered: render('{}'), sampleProblem: 'No regal.sample.json in the workspace' });
    assert.match(out, /^\/\/ Rendered a\.regal\.json with sample data\.\n\/\/ Sample data: No regal\.sample\.json in the workspace\n/);
  });
  it('lists the merge fields that render blank with this sample on one line, after the notes', () => {
    const template = '{\n  "a": "{{firstName}}",\n  "b": "{{nickname}}",\n  "c": "{{plan}}"\n}';
    const data: SampleData = { profile: { firstName: 'Ada', plan: '' }, event: {} };
    const fields = payloadFieldNames(template);
    const blank = blankFields(fields, data);
    assert.deepEqual(blank, ['nickname', 'plan']);
    const lines = previewText({ ...base, template, rendered: render(template, data), blankFields: blank }).split('\n');
    assert.equal(lines.filter((l) => l.startsWith('// Blank')).length, 1);
    const at = lines.indexOf('// Blank with this sample: nickname, plan');
    assert.ok(at > 1, lines.join('\n'));
    assert.equal(lines[at + 1], '{', 'the last header line');
    assert.ok(!previewText({ ...base, template, rendered: render(template), blankFields: [] }).includes('Blank with'), 'no line when nothing is blank');
    // The line number of a JSON error still points at the spot with the blank line in the header.
    const broken = '{\n  "n": "{{nickname}}",\n  "age": {{missing}}\n}';
    const out = previewText({ ...base, template: broken, rendered: render(broken, data), blankFields: blankFields(payloadFieldNames(broken), data) }).split(
      '\n',
    );
    assert.ok(out.includes('// Blank with this sample: nickname, missing'));
    const previewLine = Number(/line (\d+) of this preview/.exec(out[1] ?? '')?.[1]);
    assert.deepEqual(out.slice(previewLine - 2, previewLine), ['  "age": ', '}']);
    // A long list stays one line and says how many it left out.
    const many = Array.from({ length: 45 }, (_, i) => `f${i}`);
    const longLine = previewText({ ...base, template, rendered: render(template), blankFields: many })
      .split('\n')
      .filter((l) => l.startsWith('// Blank'));
    assert.equal(longLine.length, 1);
    assert.match(longLine[0] ?? '', /f39, and 5 more$/);
  });
  it('without a sample file says every field renders blank and names the command that writes one', () => {
    const template = '{"a":"{{firstName}}"}';
    const out = previewText({
      ...base,
      template,
      rendered: render(template, emptySample),
      sampleMissing: true,
      sampleProblem: 'No regal.sample.json in the workspace: …',
      blankFields: ['firstName'],
    });
    const lines = out.split('\n');
    assert.equal(
      lines[1],
      '// No sample data: every field renders blank. Run "Regal: Create Sample Data" to write regal.sample.json with the fields this payload uses.',
    );
    assert.ok(!out.includes('Blank with'), 'the list would name every field');
    assert.ok(!out.includes('// Sample data:'));
  });
});
