/**
 * fast-check arbitraries for payload templates: JSON objects and arrays whose keys are mostly the
 * Regal schema's and whose values mix literals, merge fields in and out of strings, helpers and
 * block helpers (in value position and around members), comments, missing and doubled commas,
 * and text with any Unicode, lone surrogates included. They are built from small pieces so that
 * fast-check shrinks a failing payload to the few members that matter.
 */
import fc from 'fast-check';
import { FRAGMENTS } from './mutators';

/** Merge-field names as Iterable payloads write them (standard, custom, spaced, nested, data variables). */
export const FIELDS = [
  'phoneNumber',
  'email',
  'userId',
  'firstName',
  'voice_optin',
  'sms_optin',
  'leadSource',
  'age',
  'signupDate',
  '[First Name]',
  'profile.plan',
  '@index',
  'this',
  '../x',
  'phonenumber',
];

/** Keys of the Regal schema at every level, a few misspelt, and custom ones. */
const KEYS = [
  'userId',
  'traits',
  'name',
  'properties',
  'eventSource',
  'originalTimestamp',
  'phone',
  'phones',
  'email',
  'emails',
  'optIn',
  'channel',
  'subscribed',
  'source',
  'timestamp',
  'ip',
  'text',
  'isPrimary',
  'label',
  'voiceOptIn',
  'smsOptIn',
  'emailOptIn',
  'address',
  'street',
  'city',
  'firstName',
  'lastName',
  'chanel',
  'subscibed',
  'lable',
  'eventSourse',
  'plan',
  'age',
  'vip',
  '{{phoneNumber}}',
  '+16503926753',
  '{{email}}',
  '',
];

/** One UTF-16 code unit or code point of any kind: ASCII, JSON and Handlebars punctuation, any Unicode, a lone surrogate. */
const character = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...'abcxyz019 _-.+@()'.split('')) },
  { weight: 2, arbitrary: fc.constantFrom('"', '\\', '\n', '\r', '\t', '{', '}', '[', ']', ',', ':', "'", '/', '*', '~', '#', '!', '=') },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit)) },
);

export const looseText = fc.string({ unit: character, maxLength: 12 });

const word = fc.constantFrom('x', 'gold', 'Signup', 'a b', '', 'é', '😀', "it's");
const field = fc.constantFrom(...FIELDS);

/** A mustache: merge fields, helpers, blocks, comments, and the broken forms people type. */
const mustache: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: field.map((f) => `{{${f}}}`) },
  { weight: 1, arbitrary: field.map((f) => `{{{${f}}}}`) },
  { weight: 2, arbitrary: fc.tuple(field, word).map(([f, w]) => `{{defaultIfEmpty ${f} '${w}'}}`) },
  { weight: 2, arbitrary: fc.tuple(field, looseText, looseText).map(([f, a, b]) => `{{#if ${f}}}${a}{{else}}${b}{{/if}}`) },
  { weight: 1, arbitrary: fc.tuple(field, word, looseText).map(([f, w, a]) => `{{#ifEq ${f} '${w}'}}${a}{{/ifEq}}`) },
  { weight: 1, arbitrary: fc.tuple(field, looseText).map(([f, a]) => `{{#each ${f}}}{{this}}${a}{{/each}}`) },
  { weight: 1, arbitrary: field.map((f) => `{{toJson ${f}}}`) },
  { weight: 1, arbitrary: looseText.map((t) => `{{!-- ${t} --}}`) },
  { weight: 1, arbitrary: field.map((f) => `{{uppercase ${f}}}`) },
  { weight: 1, arbitrary: field.map((f) => `{{~${f}~}}`) },
  { weight: 1, arbitrary: fc.constantFrom('{{', '}}', '{{}}', '{{#if}}', '{{/if}}', '{{else}}', '{{phoneNumber', '{{#if a}}', '{{> partial}}', '{{^}}') },
);

/** The inside of a JSON string: text, escapes (valid and not), mustaches. */
const stringBody = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.string({ unit: fc.constantFrom(...'abc XYZ 0189+-()@.é😀'.split('')), maxLength: 10 }) },
      { weight: 3, arbitrary: mustache },
      { weight: 1, arbitrary: fc.constantFrom('\\"', '\\\\', '\\n', '\\u00e9', '\\ud83d\\ude00', '\\ud800', '\\x', '\\', '\n') },
      { weight: 1, arbitrary: looseText },
    ),
    { maxLength: 4 },
  )
  .map((parts) => parts.join(''));

const jsonString = stringBody.map((body) => `"${body}"`);

/** Literal and template values that the Regal rules look at. */
const leaf: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: jsonString },
  { weight: 2, arbitrary: fc.constantFrom('true', 'false', 'null', '0', '-1.5', '1e3', '01', '1.', '-', '"true"', '"yes"', '""') },
  { weight: 2, arbitrary: fc.constantFrom('"+16503926753"', '"(650) 392-6753"', '"650-392-6753"', '"+44 20 7946 0958"', '"12345"') },
  { weight: 1, arbitrary: fc.constantFrom('"voice"', '"sms"', '"email"', '"text"', '"iterable"', '"contact.created"', '"Signup Completed"') },
  { weight: 3, arbitrary: field.map((f) => `{{${f}}}`) },
  { weight: 2, arbitrary: field.map((f) => `{{#if ${f}}}true{{else}}false{{/if}}`) },
  { weight: 1, arbitrary: fc.tuple(field, word).map(([f, w]) => `{{#ifEq ${f} '${w}'}}true{{else}}false{{/ifEq}}`) },
  { weight: 1, arbitrary: field.map((f) => `{{defaultIfEmpty ${f} 0}}`) },
  { weight: 1, arbitrary: looseText },
);

const space = fc.constantFrom(' ', '', '\n  ', '\r\n    ', '\t', '  ');
const separator = fc.oneof({ weight: 20, arbitrary: fc.constant(',') }, { weight: 1, arbitrary: fc.constantFrom('', ',,', ', ,', ';') });
const key = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...KEYS).map((k) => `"${k}"`) },
  { weight: 1, arbitrary: jsonString },
  { weight: 1, arbitrary: fc.constantFrom('key', "'k'", '"unterminated', '{{key}}') },
);

/** Members joined with separators and spacing, sometimes with a trailing comma. */
function joined(items: fc.Arbitrary<string[]>, open: string, close: string): fc.Arbitrary<string> {
  return fc.tuple(items, fc.array(fc.tuple(separator, space), { maxLength: 8 }), space, fc.nat(19)).map(([parts, gaps, end, trailing]) => {
    let out = open;
    parts.forEach((part, i) => {
      const [comma, gap] = gaps[i % Math.max(1, gaps.length)] ?? [',', ' '];
      out += (i === 0 ? '' : comma) + gap + part;
    });
    return out + (trailing === 0 && parts.length > 0 ? ',' : '') + end + close;
  });
}

const payloadArbitraries = fc.letrec<{ value: string; object: string; array: string; member: string }>((tie) => ({
  value: fc.oneof({ maxDepth: 5, depthIdentifier: 'payload' }, leaf, tie('object'), tie('array')),
  object: joined(fc.array(tie('member'), { maxLength: 5 }), '{', '}'),
  array: fc.oneof(
    { maxDepth: 5, depthIdentifier: 'payload' },
    joined(fc.array(tie('value'), { maxLength: 4 }), '[', ']'),
    fc.tuple(field, tie('value')).map(([f, v]) => `[{{#each ${f}}}${v}{{#unless @last}},{{/unless}}{{/each}}]`),
  ),
  member: fc.oneof(
    { maxDepth: 5, depthIdentifier: 'payload', withCrossShrink: true },
    { weight: 8, arbitrary: fc.tuple(key, space, tie('value')).map(([k, s, v]) => `${k}:${s}${v}`) },
    { weight: 1, arbitrary: fc.tuple(field, tie('member')).map(([f, m]) => `{{#if ${f}}}${m}{{/if}}`) },
    { weight: 1, arbitrary: fc.tuple(field, tie('member'), tie('member')).map(([f, a, b]) => `{{#if ${f}}}${a}{{else}}${b}{{/if}}`) },
    { weight: 1, arbitrary: fc.tuple(field, tie('member')).map(([f, m]) => `{{#if ${f}}},${m}{{/if}}`) },
    { weight: 1, arbitrary: looseText.map((t) => `// ${t.replace(/[\r\n]/g, ' ')}\n`) },
    { weight: 1, arbitrary: looseText.map((t) => `/* ${t.replace(/\*\//g, '')} */`) },
  ),
}));

/** Members for each level of a Regal payload, so that most inputs reach the schema and the lints. */
const optInItem = joined(
  fc.array(
    fc.oneof(
      fc.tuple(fc.constantFrom('"channel"', '"chanel"'), leaf).map(([k, v]) => `${k}: ${v}`),
      fc.tuple(fc.constantFrom('"subscribed"'), leaf).map(([k, v]) => `${k}: ${v}`),
      payloadArbitraries.member,
    ),
    { maxLength: 4 },
  ),
  '{',
  '}',
);
const optInEntry = joined(
  fc.array(fc.oneof(fc.constantFrom('"subscribed": true', '"subscribed": "{{sms_optin}}"', '"subscribed": {{voice_optin}}'), payloadArbitraries.member), {
    maxLength: 3,
  }),
  '{',
  '}',
);
const phoneEntry = joined(
  fc.array(
    fc.oneof(
      fc.tuple(fc.constantFrom('"voiceOptIn"', '"smsOptIn"'), optInEntry).map(([k, v]) => `${k}: ${v}`),
      fc.tuple(fc.constantFrom('"isPrimary"', '"label"', '"lable"'), leaf).map(([k, v]) => `${k}: ${v}`),
      payloadArbitraries.member,
    ),
    { maxLength: 3 },
  ),
  '{',
  '}',
);
const traits = joined(
  fc.array(
    fc.oneof(
      fc.tuple(fc.constantFrom('"phone"', '"email"', '"firstName"', '"age"'), leaf).map(([k, v]) => `${k}: ${v}`),
      joined(fc.array(optInItem, { maxLength: 3 }), '[', ']').map((items) => `"optIn": ${items}`),
      joined(
        fc.array(
          fc.tuple(leaf, phoneEntry).map(([number, entry]) => `${number.startsWith('"') ? number : `"${number}"`}: ${entry}`),
          { maxLength: 2 },
        ),
        '{',
        '}',
      ).map((phones) => `"phones": ${phones}`),
      payloadArbitraries.member,
    ),
    { maxLength: 5 },
  ),
  '{',
  '}',
);

/** A whole payload template: a Regal body most of the time, any JSON-ish template otherwise. */
export const payloadTemplate: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: joined(
      fc.array(
        fc.oneof(
          traits.map((t) => `"traits": ${t}`),
          fc
            .tuple(fc.constantFrom('"name"', '"userId"', '"eventSource"', '"originalTimestamp"', '"properties"'), payloadArbitraries.value)
            .map(([k, v]) => `${k}: ${v}`),
          payloadArbitraries.member,
        ),
        { maxLength: 5 },
      ),
      '{',
      '}',
    ),
  },
  { weight: 1, arbitrary: payloadArbitraries.value },
);

/** Fragments dropped at random places of a generated payload: what an edit in progress leaves. */
export const noise = fc.array(fc.tuple(fc.nat(), fc.oneof(fc.constantFrom(...FRAGMENTS), looseText)), { maxLength: 3 });

export function withNoise(text: string, insertions: ReadonlyArray<readonly [number, string]>): string {
  let out = text;
  for (const [at, fragment] of insertions) {
    const i = at % (out.length + 1);
    out = out.slice(0, i) + fragment + out.slice(i);
  }
  return out;
}

/** Any sequence of JSON and Handlebars tokens and characters: what the scanners must survive. */
export const tokenSoup = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...FRAGMENTS) }, { weight: 1, arbitrary: looseText }), { maxLength: 30 })
  .map((parts) => parts.join(''));

/** Nesting past the 512 levels the parsers allow, inside an otherwise ordinary payload. */
export const deepNesting = fc
  .tuple(
    fc.integer({ min: 500, max: 900 }),
    fc.constantFrom<[string, string]>(['[', ']'], ['{"a":', '}'], ['{{#if a}}', '{{/if}}'], ['{"a":[', ']}'], ['[{{#each a}}', '{{/each}}]']),
    fc.integer({ min: 0, max: 2 }),
    payloadArbitraries.value,
  )
  .map(
    ([depth, [open, close], closing, inner]) =>
      `{ "traits": { "phone": "{{p}}" }, "properties": ${open.repeat(depth)}${inner}${closing === 0 ? '' : close.repeat(closing === 1 ? depth : depth >> 1)} }`,
  );

/** Offsets to complete and hover at: taken modulo the text's length + 1. */
export const cursorOffsets = fc.array(fc.nat(), { minLength: 1, maxLength: 3 });
