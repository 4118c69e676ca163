/**
 * Seeded mutations of payload text, each one recorded so that a failure prints the list that
 * reproduces it (and `minimizeMutations` can drop the ones that do not matter). The operators
 * follow what breaks a template parser: JSON and Handlebars punctuation, block tags out of order,
 * truncation, very long strings, nesting deeper than the parser's limit, and invalid UTF-16.
 */
import { integerBelow, pick, type Random } from './random';

/** Replace `remove` characters at `at` by `insert` (offsets are clamped to the text). */
export interface Mutation {
  kind: string;
  at: number;
  remove: number;
  insert: string;
}

/** Single tokens and tags of JSON and Handlebars, the ones a typo or a half-typed edit leaves. */
export const FRAGMENTS = [
  '{{',
  '}}',
  '{{{',
  '}}}',
  '{',
  '}',
  '[',
  ']',
  '"',
  ',',
  ':',
  '\\',
  '//',
  '/*',
  '*/',
  "'",
  '~',
  '(',
  ')',
  '=',
  '\n',
  '\r\n',
  '\t',
  ' ',
  '{{#if a}}',
  '{{else}}',
  '{{/if}}',
  '{{#each items}}',
  '{{/each}}',
  '{{#unless b}}',
  '{{/unless}}',
  '{{#ifEq a "x"}}',
  '{{/ifEq}}',
  '{{else if c}}',
  '{{^}}',
  '{{> p}}',
  '{{!--',
  '--}}',
  '{{!',
  '{{~',
  '~}}',
  '{{@index}}',
  '{{this}}',
  '{{../x}}',
  '{{a.b}}',
  '{{[First Name]}}',
  '\\u',
  '\\u00',
  '\\"',
  'true',
  'null',
  '-0',
  '1e999',
  '\ufeff',
  '\u2028',
  '\u0000',
];

/** Whole members and values that carry the mistakes the service diagnoses, so fixes get exercised. */
export const MEMBERS = [
  '"subscribed": "{{flag}}",',
  '"subscribed": {{flag}},',
  '"channel": "text",',
  '"phone": "(650) 392-6753",',
  '"isPrimary": "true",',
  '// note\n',
  '/* note */',
  '"name": "",',
  '"name": "contact.created",',
  '"chanel": "sms",',
  '"age": {{age}},',
  '{{#if x}}"a": 1,{{/if}}',
  '"optIn": [ {} ],',
  '"traits": { "phone": "{{p}}" },',
  '"a": 1, "a": 2,',
  '"eventSource": "iterable",',
  '"properties": [],',
  '{{uppercase x}}',
];

const SURROGATES = ['\ud800', '\udbff', '\udc00', '\udfff', '\ud83d', '\ude00'];

/** Picks 1 to 4 mutations for `text` (the offsets refer to the text as the previous ones left it). */
export function randomMutations(text: string, next: Random): Mutation[] {
  const mutations: Mutation[] = [];
  let length = text.length;
  const count = 1 + integerBelow(next, 4);
  for (let i = 0; i < count; i++) {
    const mutation = randomMutation(length, next, text);
    mutations.push(mutation);
    length = length - Math.min(mutation.remove, Math.max(0, length - mutation.at)) + mutation.insert.length;
  }
  return mutations;
}

function randomMutation(length: number, next: Random, original: string): Mutation {
  const at = integerBelow(next, length + 1);
  const roll = next();
  if (roll < 0.3) return { kind: 'insert fragment', at, remove: 0, insert: pick(next, FRAGMENTS) };
  if (roll < 0.4) return { kind: 'insert member', at, remove: 0, insert: pick(next, MEMBERS) };
  if (roll < 0.47) return { kind: 'insert character', at, remove: 0, insert: randomCharacter(next) };
  if (roll < 0.67) return { kind: 'delete', at, remove: 1 + integerBelow(next, 8), insert: '' };
  if (roll < 0.8) {
    // A slice of the original, so duplicated text is real payload text (keys, tags, whole members).
    const from = integerBelow(next, original.length + 1);
    return { kind: 'duplicate', at, remove: 0, insert: original.slice(from, from + 1 + integerBelow(next, 24)) };
  }
  if (roll < 0.86) return { kind: 'truncate', at, remove: Number.MAX_SAFE_INTEGER, insert: '' };
  if (roll < 0.92) return { kind: 'invalid UTF-16', at, remove: next() < 0.5 ? 1 : 0, insert: pick(next, SURROGATES) };
  if (roll < 0.96) return { kind: 'deep nesting', at, remove: 0, insert: deepNesting(next) };
  if (roll < 0.996) return { kind: 'long run', at, remove: 0, insert: longRun(next, 200 + integerBelow(next, 3000)) };
  // Rare: past the 10 KB of the timed inputs, and the most expensive inputs of a run.
  return { kind: 'giant string', at, remove: 0, insert: longRun(next, 11_000 + integerBelow(next, 15_000)) };
}

function randomCharacter(next: Random): string {
  const roll = next();
  if (roll < 0.5) return String.fromCharCode(32 + integerBelow(next, 95));
  if (roll < 0.7) return String.fromCharCode(integerBelow(next, 32));
  if (roll < 0.9) return String.fromCodePoint(0xa0 + integerBelow(next, 0x10ff00 - 0xa0));
  return pick(next, ['é', '€', '😀', '\u200b', '\ufffd', '\u0301']);
}

/** Around the 512 levels the parsers allow (mostly more), opened and sometimes closed. */
function deepNesting(next: Random): string {
  const depth = 480 + integerBelow(next, 220);
  const [open, close] = pick(next, [
    ['[', ']'],
    ['{"a":', '}'],
    ['{{#if a}}', '{{/if}}'],
    ['[{{#each a}}', '{{/each}}]'],
    ['{"a":[', ']}'],
  ]);
  return open.repeat(depth) + (next() < 0.5 ? close.repeat(next() < 0.5 ? depth : integerBelow(next, depth)) : '');
}

function longRun(next: Random, length: number): string {
  const unit = pick(next, ['x', ' ', '\\"', '{{x}}', '"a": 1, ', '{{#if a}}', '1,', '\ud83d\ude00', '/*', '\\u00e9', '"', '\n']);
  const body = unit.repeat(Math.ceil(length / unit.length));
  return next() < 0.5 ? `"${body}"` : body;
}

export function applyMutations(text: string, mutations: readonly Mutation[]): string {
  let result = text;
  for (const m of mutations) {
    const at = Math.min(m.at, result.length);
    result = result.slice(0, at) + m.insert + result.slice(Math.min(result.length, at + m.remove));
  }
  return result;
}

/** One line per mutation, short enough to read (long inserts are summarized). */
export function describeMutations(mutations: readonly Mutation[]): string {
  return mutations
    .map((m) => {
      const insert = m.insert.length > 80 ? `${JSON.stringify(m.insert.slice(0, 40))}… (${m.insert.length} chars)` : JSON.stringify(m.insert);
      const remove = m.remove === Number.MAX_SAFE_INTEGER ? 'the rest' : String(m.remove);
      return `  ${m.kind} at ${m.at}: remove ${remove}, insert ${insert}`;
    })
    .join('\n');
}

/**
 * The smallest sublist of `mutations` (dropping one at a time, greedily) for which `fails` still
 * holds: what a failure report prints instead of the whole list.
 */
export function minimizeMutations(mutations: readonly Mutation[], fails: (list: readonly Mutation[]) => boolean): Mutation[] {
  let current = [...mutations];
  for (let i = current.length - 1; i >= 0; i--) {
    const without = current.filter((_, j) => j !== i);
    if (fails(without)) current = without;
  }
  return current;
}
