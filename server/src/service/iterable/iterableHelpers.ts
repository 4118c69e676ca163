/**
 * The one model of Iterable's Handlebars helpers (docs/iterable.md §2.2 and §5.2: Iterable's helper
 * reference, support.iterable.com article 205480365 and its siblings). The checker (unknown-helper,
 * helper-arguments, unquoted-merge-field, comparison-on-missing-field, the JSON views), completion,
 * hover and the renderer (server/src/rendering) all read it; the renderer's implementations are keyed
 * by `HelperName`, so a helper here without an implementation does not compile.
 *
 * Anything else in helper position is an `unknown-helper`: Iterable runs no custom helpers.
 * Listed most-used first: completion after `{{#` keeps this order.
 */
import { field, literal, value, type HelperDescriptor, type HelperOutput } from './helperTypes';

export type { HelperDescriptor, HelperForm, HelperOutput, MissingFieldBehaviour, HelperParam } from './helperTypes';

const yesNo = ['yes', 'no'] as const;
const SKIPS = 'On a missing field the template fails and Iterable skips the send: the webhook is not called.';

// A table, one helper per line, so that the model reads (and diffs) helper by helper: not reflowed.
// prettier-ignore
export const helperModel = {
  // Conditionals and comparison
  if: { form: 'block', aliases: [], params: [value('field')], variadic: false, hash: [], renders: 'branch', changesContext: false, onMissing: 'false', documented: true, signature: '{{#if field}}…{{else}}…{{/if}}', description: 'Renders the first branch when the field is truthy (not null, "", [], false or zero); a missing field is false, so the `{{else}}` branch renders. The safe way to send a boolean field: `{{#if f}}true{{else}}false{{/if}}`.' },
  unless: { form: 'block', aliases: [], params: [value('field')], variadic: false, hash: [], renders: 'branch', changesContext: false, onMissing: 'false', documented: true, signature: '{{#unless field}}…{{/unless}}', description: 'Renders the branch when the field is falsy (missing, null, "", [], false or zero).' },
  each: { form: 'block', aliases: [], params: [field('list')], variadic: false, hash: [], renders: 'branch', changesContext: true, onMissing: 'empty', documented: true, signature: '{{#each list}}…{{/each}}', description: 'Repeats the branch for every item; `@index`, `@first`, `@last`, `@key` are available. A missing or empty list renders nothing, or the `{{else}}` branch (handlebars.java accepts it; Iterable does not document it). Separate JSON items with `{{#unless @last}},{{/unless}}`.' },
  ifEq: { form: 'block', aliases: [], params: [value('a'), value('b')], variadic: false, hash: [], renders: 'branch', changesContext: false, onMissing: 'false', documented: true, signature: "{{#ifEq field 'value'}}…{{/ifEq}}", description: 'Renders the branch when both values are equal. Degrades gracefully when the field is missing.' },
  eq: { form: 'both', aliases: [], params: [value('a'), value('b')], variadic: false, hash: yesNo, renders: 'boolean', changesContext: false, onMissing: 'false', documented: true, signature: "{{#eq a b}}…{{/eq}} or {{eq a b yes='…' no='…'}}", description: 'Equality test, as a block or inline (`true`/`false`, or `yes=`/`no=`).' },
  neq: { form: 'both', aliases: ['ne'], params: [value('a'), value('b')], variadic: false, hash: yesNo, renders: 'boolean', changesContext: false, onMissing: 'false', documented: true, signature: "{{#neq a b}}…{{/neq}} or {{neq a b yes='…' no='…'}}", description: 'Inequality test (also written `ne`), as a block or inline; lists and objects are compared item by item.' },
  gt: { form: 'both', aliases: [], params: [field('a'), value('b')], variadic: false, hash: yesNo, renders: 'boolean', changesContext: false, onMissing: 'skipsSend', documented: true, signature: '{{#gt a b}}…{{/gt}}', description: `Greater-than test (numbers, or text in alphabetical order). ${SKIPS}` },
  gte: { form: 'both', aliases: [], params: [field('a'), value('b')], variadic: false, hash: yesNo, renders: 'boolean', changesContext: false, onMissing: 'skipsSend', documented: true, signature: '{{#gte a b}}…{{/gte}}', description: `Greater-than-or-equal test. ${SKIPS}` },
  lt: { form: 'both', aliases: [], params: [field('a'), value('b')], variadic: false, hash: yesNo, renders: 'boolean', changesContext: false, onMissing: 'skipsSend', documented: true, signature: '{{#lt a b}}…{{/lt}}', description: `Less-than test. ${SKIPS}` },
  lte: { form: 'both', aliases: [], params: [field('a'), value('b')], variadic: false, hash: yesNo, renders: 'boolean', changesContext: false, onMissing: 'skipsSend', documented: true, signature: '{{#lte a b}}…{{/lte}}', description: `Less-than-or-equal test. ${SKIPS}` },
  ifGt: { form: 'block', aliases: [], params: [value('a'), value('b')], variadic: false, hash: [], renders: 'branch', changesContext: false, onMissing: 'false', documented: true, signature: '{{#ifGt field 10}}…{{/ifGt}}', description: 'Renders the branch when the field is greater than the value.' },
  ifGte: { form: 'block', aliases: [], params: [value('a'), value('b')], variadic: false, hash: [], renders: 'branch', changesContext: false, onMissing: 'false', documented: true, signature: '{{#ifGte field 10}}…{{/ifGte}}', description: 'Renders the branch when the field is greater than or equal to the value.' },
  ifLt: { form: 'block', aliases: [], params: [value('a'), value('b')], variadic: false, hash: [], renders: 'branch', changesContext: false, onMissing: 'false', documented: true, signature: '{{#ifLt field 10}}…{{/ifLt}}', description: 'Renders the branch when the field is less than the value.' },
  ifLte: { form: 'block', aliases: [], params: [value('a'), value('b')], variadic: false, hash: [], renders: 'branch', changesContext: false, onMissing: 'false', documented: true, signature: '{{#ifLte field 10}}…{{/ifLte}}', description: 'Renders the branch when the field is less than or equal to the value.' },
  ifModEq: { form: 'block', aliases: [], params: [value('field'), value('divisor'), value('remainder')], variadic: false, hash: [], renders: 'branch', changesContext: false, onMissing: 'false', documented: true, signature: '{{#ifModEq field 2 0}}…{{/ifModEq}}', description: 'Renders the branch when the field modulo the divisor equals the remainder.' },
  ifContainsStr: { form: 'block', aliases: [], params: [field('field'), value('text')], variadic: false, hash: [], renders: 'branch', changesContext: false, onMissing: 'skipsSend', documented: true, signature: "{{#ifContainsStr field 'text'}}…{{/ifContainsStr}}", description: `Renders the branch when the field contains the text. ${SKIPS}` },
  ifMatchesRegexStr: { form: 'block', aliases: [], params: [value('field'), literal('regex')], variadic: false, hash: [], renders: 'branch', changesContext: false, onMissing: 'false', documented: true, signature: "{{#ifMatchesRegexStr field 'regex'}}…{{/ifMatchesRegexStr}}", description: 'Renders the branch when the whole field matches the (Java) regular expression. The preview runs it on a linear-time engine (RE2): backreferences and lookaround are refused there.' },
  ifContains: { form: 'block', aliases: [], params: [value('list'), value('value')], variadic: false, hash: [], renders: 'branch', changesContext: false, onMissing: 'false', documented: true, signature: "{{#ifContains list 'value'}}…{{/ifContains}}", description: 'Renders the branch when the list contains the value (an object matches when it holds all the given keys).' },
  and: { form: 'both', aliases: [], params: [value('a'), value('b')], variadic: true, hash: yesNo, renders: 'boolean', changesContext: false, onMissing: 'false', documented: true, signature: '{{#and a b}}…{{/and}}', description: 'True when every argument is truthy.' },
  or: { form: 'both', aliases: [], params: [value('a'), value('b')], variadic: true, hash: yesNo, renders: 'boolean', changesContext: false, onMissing: 'false', documented: true, signature: '{{#or a b}}…{{/or}}', description: 'True when any argument is truthy.' },
  not: { form: 'both', aliases: [], params: [value('a')], variadic: false, hash: yesNo, renders: 'boolean', changesContext: false, onMissing: 'false', documented: true, signature: '{{#not a}}…{{/not}}', description: 'Negates its argument.' },
  with: { form: 'block', aliases: [], params: [field('object')], variadic: false, hash: [], renders: 'branch', changesContext: true, onMissing: 'false', documented: false, signature: '{{#with object}}…{{/with}}', description: 'Renders the branch with the object as context. Undocumented by Iterable; handlebars.java, which Iterable runs, accepts it. Writing the full path (`a.b`) is the documented way.' },
  // Lists and data
  minInList: { form: 'block', aliases: [], params: [field('list'), literal('field', true)], variadic: false, hash: ['field'], renders: 'branch', changesContext: true, onMissing: 'empty', documented: true, signature: "{{#minInList list 'field'}}…{{/minInList}}", description: 'Renders the branch with the smallest item of the list (by the given field for objects).' },
  maxInList: { form: 'block', aliases: [], params: [field('list'), literal('field', true)], variadic: false, hash: ['field'], renders: 'branch', changesContext: true, onMissing: 'empty', documented: true, signature: "{{#maxInList list 'field'}}…{{/maxInList}}", description: 'Renders the branch with the largest item of the list (by the given field for objects).' },
  sortBy: { form: 'block', aliases: [], params: [field('list'), literal('field', true), literal('order', true)], variadic: false, hash: ['field', 'order'], renders: 'branch', changesContext: true, onMissing: 'empty', documented: true, signature: "{{#sortBy list field='price' order='asc' as |sorted|}}…{{/sortBy}}", description: 'Renders the branch with the list sorted by one or more fields (`field=\'date,name\'`, dot paths allowed), `order=\'desc\'` for descending; the sorted list is the block parameter.' },
  groupBy: { form: 'block', aliases: [], params: [field('list'), literal('field', true)], variadic: false, hash: ['field'], renders: 'branch', changesContext: true, onMissing: 'empty', documented: true, signature: "{{#groupBy list field='category' as |groups|}}…{{/groupBy}}", description: 'Renders the branch with the list grouped by one or more fields: a list of `{ key, items, count }` groups, at most 100 items.' },
  assign: { form: 'block', aliases: [], params: [literal('name')], variadic: false, hash: [], renders: 'nothing', changesContext: false, onMissing: 'none', documented: true, signature: "{{#assign 'name'}}…{{/assign}}", description: 'Stores the rendered branch in a variable (`{{name}}` afterwards) and renders nothing in place.' },
  lookup: { form: 'both', aliases: [], params: [value('object'), value('key')], variadic: false, hash: ['resolveKey'], renders: 'text', changesContext: true, onMissing: 'blank', documented: true, signature: '{{#lookup object key as |value|}}…{{/lookup}}', description: 'Looks up a key of an object (a path when the key holds periods, unless `resolveKey=false`) or an index of a list.' },
  catalog: { form: 'block', aliases: [], params: [literal('collection'), value('id')], variadic: true, hash: [], renders: 'branch', changesContext: true, onMissing: 'empty', documented: true, signature: "{{#catalog 'Collection' id}}…{{/catalog}}", description: 'Loads a Catalog item and renders the branch with it. The preview has no Catalog: the branch renders with no item fields.' },
  length: { form: 'inline', aliases: [], params: [value('value')], variadic: false, hash: [], renders: 'number', changesContext: false, onMissing: 'blank', documented: true, signature: '{{length list}}', description: 'Number of characters of a string (or items of a list). `{{list.size}}` also gives a list\'s item count.' },
  join: { form: 'inline', aliases: [], params: [value('list'), literal('separator', true)], variadic: true, hash: ['prefix', 'suffix'], renders: 'text', changesContext: false, onMissing: 'blank', documented: true, signature: "{{join list ', '}}", description: 'Joins the items of a list (or several values) with a separator.' },
  // Strings
  capitalizeFirst: { form: 'inline', aliases: [], params: [value('text')], variadic: false, hash: [], renders: 'text', changesContext: false, onMissing: 'blank', documented: true, signature: '{{capitalizeFirst text}}', description: 'Capitalizes the first letter.' },
  capitalize: { form: 'inline', aliases: [], params: [value('text')], variadic: false, hash: ['fully'], renders: 'text', changesContext: false, onMissing: 'blank', documented: true, signature: '{{capitalize text}}', description: 'Capitalizes the first letter of every word (`fully=true` lower-cases the rest first).' },
  upper: { form: 'inline', aliases: [], params: [value('text')], variadic: false, hash: [], renders: 'text', changesContext: false, onMissing: 'blank', documented: true, signature: '{{upper text}}', description: 'Upper-cases the text.' },
  lower: { form: 'inline', aliases: [], params: [value('text')], variadic: false, hash: [], renders: 'text', changesContext: false, onMissing: 'blank', documented: true, signature: '{{lower text}}', description: 'Lower-cases the text.' },
  defaultIfEmpty: { form: 'inline', aliases: [], params: [value('field'), value('fallback')], variadic: false, hash: [], renders: 'text', changesContext: false, onMissing: 'fallback', documented: true, signature: "{{defaultIfEmpty field 'fallback'}}", description: 'Renders the fallback when the field is missing, null or an empty string (not for `false` or `0`). In value position it keeps the JSON valid when the field is blank: `"age": {{defaultIfEmpty age 0}}`.' },
  cut: { form: 'inline', aliases: [], params: [value('text'), literal('remove', true)], variadic: false, hash: [], renders: 'text', changesContext: false, onMissing: 'blank', documented: true, signature: "{{cut text ' '}}", description: 'Removes every occurrence of the text (a space by default).' },
  replace: { form: 'inline', aliases: [], params: [value('text'), value('old'), value('new')], variadic: false, hash: [], renders: 'text', changesContext: false, onMissing: 'blank', documented: true, signature: "{{replace text 'old' 'new'}}", description: 'Replaces every occurrence of a text.' },
  substring: { form: 'inline', aliases: [], params: [value('text'), literal('start'), literal('end', true)], variadic: false, hash: [], renders: 'text', changesContext: false, onMissing: 'blank', documented: true, signature: '{{substring text 0 5}}', description: 'Part of the text from the start index up to (not including) the end index.' },
  abbreviate: { form: 'inline', aliases: [], params: [value('text'), literal('width')], variadic: false, hash: [], renders: 'text', changesContext: false, onMissing: 'blank', documented: true, signature: '{{abbreviate text 20}}', description: 'Shortens the text to the width, ending it with "..." (the dots count).' },
  slugify: { form: 'inline', aliases: [], params: [value('text')], variadic: false, hash: [], renders: 'text', changesContext: false, onMissing: 'blank', documented: true, signature: '{{slugify text}}', description: 'Lower-cases the text, removes digits and special characters, and turns spaces into hyphens.' },
  center: { form: 'inline', aliases: [], params: [value('text')], variadic: false, hash: ['size', 'pad'], renders: 'text', changesContext: false, onMissing: 'blank', documented: true, signature: "{{center text size=20 pad='*'}}", description: 'Centers the text in a field of the given size, padded with spaces (or `pad`).' },
  breaklines: { form: 'block', aliases: [], params: [], variadic: false, hash: [], renders: 'text', changesContext: false, onMissing: 'blank', documented: true, signature: '{{#breaklines}}…{{/breaklines}}', description: 'Turns line breaks into `<br>` tags (HTML-escaping the rest).' },
  // Encoding
  toJson: { form: 'inline', aliases: [], params: [value('value')], variadic: false, hash: [], renders: 'json', changesContext: false, onMissing: 'blank', documented: true, signature: '{{toJson value}}', description: 'Writes the value as JSON (Iterable: "Write the provided argument as a JSON string"), so objects and lists can be sent as JSON values: `"traits": {{{toJson profile}}}`. What it renders for a missing value is undocumented.' },
  toUrlEncodedJson: { form: 'inline', aliases: [], params: [value('value')], variadic: false, hash: [], renders: 'text', changesContext: false, onMissing: 'blank', documented: true, signature: '{{toUrlEncodedJson value}}', description: 'Writes the value as URL-encoded JSON.' },
  urlEncode: { form: 'block', aliases: [], params: [], variadic: false, hash: [], renders: 'text', changesContext: false, onMissing: 'blank', documented: true, signature: '{{#urlEncode}}…{{/urlEncode}}', description: 'URL-encodes the rendered branch (spaces become `+`).' },
  base64: { form: 'block', aliases: [], params: [], variadic: false, hash: [], renders: 'text', changesContext: false, onMissing: 'blank', documented: true, signature: '{{#base64}}…{{/base64}}', description: 'Base64-encodes the rendered branch.' },
  hexEncode: { form: 'inline', aliases: [], params: [value('text')], variadic: false, hash: [], renders: 'text', changesContext: false, onMissing: 'blank', documented: true, signature: '{{hexEncode text}}', description: 'Hex-encodes the text.' },
  md5: { form: 'both', aliases: [], params: [value('text', true)], variadic: false, hash: [], renders: 'text', changesContext: false, onMissing: 'blank', documented: true, signature: '{{md5 text}} or {{#md5}}…{{/md5}}', description: 'MD5 hash of the text, in hex.' },
  sha1: { form: 'both', aliases: [], params: [value('text', true)], variadic: false, hash: [], renders: 'text', changesContext: false, onMissing: 'blank', documented: true, signature: '{{sha1 text}} or {{#sha1}}…{{/sha1}}', description: 'SHA-1 hash of the text, in hex.' },
  sha256: { form: 'both', aliases: [], params: [value('text', true)], variadic: false, hash: [], renders: 'text', changesContext: false, onMissing: 'blank', documented: true, signature: '{{sha256 text}} or {{#sha256}}…{{/sha256}}', description: 'SHA-256 hash of the text, in hex.' },
  hmacSHA1: { form: 'inline', aliases: [], params: [value('text')], variadic: true, hash: [], renders: 'text', changesContext: false, onMissing: 'blank', documented: true, signature: '{{hmacSHA1 text …}}', description: "HMAC-SHA1 of its arguments joined together, signed with the project's HMAC secret (set in Iterable's project settings). The preview does not know the secret and signs with an empty key." },
  hmacSHA256: { form: 'inline', aliases: [], params: [value('text')], variadic: true, hash: [], renders: 'text', changesContext: false, onMissing: 'blank', documented: true, signature: '{{hmacSHA256 text …}}', description: "HMAC-SHA256 of its arguments joined together, signed with the project's HMAC secret. The preview signs with an empty key." },
  // Numbers and dates
  math: { form: 'inline', aliases: [], params: [value('a'), literal('operator'), value('b')], variadic: false, hash: [], renders: 'number', changesContext: false, onMissing: 'blank', documented: true, signature: "{{math a '+' b}}", description: 'Arithmetic on two numbers: `+`, `-`, `*`, `/`, `%`. Renders a number, valid as a bare JSON value.' },
  numberFormat: { form: 'inline', aliases: [], params: [value('number'), literal('format', true), literal('locale', true)], variadic: false, hash: ['maximumFractionDigits', 'minimumFractionDigits', 'groupingUsed', 'roundingMode'], renders: 'text', changesContext: false, onMissing: 'blank', documented: true, signature: "{{numberFormat value '0.00'}}", description: "Formats a number with a Java DecimalFormat pattern (`'#,##0.00'`), or `'currency'`, `'percent'`, `'integer'`, in a locale (`'de_DE'`); `roundingMode=` (default `half_even`), `maximumFractionDigits=`, `minimumFractionDigits=`, `groupingUsed=`." },
  dateFormat: { form: 'inline', aliases: [], params: [value('date'), literal('format', true), literal('locale', true)], variadic: false, hash: ['format', 'tz'], renders: 'text', changesContext: false, onMissing: 'blank', documented: true, signature: "{{dateFormat date format='yyyy-MM-dd'}}", description: "Formats a date with a Java SimpleDateFormat pattern or a style (`full`, `long`, `medium` (the default), `short`), in UTC or the `tz=` time zone, in a locale given after the format (`'de_DE'`)." },
  dateMath: { form: 'inline', aliases: [], params: [value('date'), literal('change')], variadic: false, hash: ['format', 'tz', 'locale'], renders: 'text', changesContext: false, onMissing: 'blank', documented: true, signature: "{{dateMath date '+1d'}}", description: 'Adds to or subtracts from a date: a signed amount and a unit (`y`, `M`, `w`, `d`, `h`, `m`, `s`), several allowed (`+1d-2h`); `format=` formats the result.' },
  now: { form: 'inline', aliases: [], params: [literal('format', true)], variadic: false, hash: ['format', 'tz'], renders: 'text', changesContext: false, onMissing: 'none', documented: true, signature: "{{now format='yyyy-MM-dd'}}", description: 'The current date and time, formatted like `dateFormat` (the `medium` style by default, in UTC).' },
  timestamp: { form: 'inline', aliases: [], params: [value('date', true)], variadic: false, hash: [], renders: 'number', changesContext: false, onMissing: 'none', documented: true, signature: '{{timestamp}}', description: 'The current Unix time in milliseconds (or that of the given date): a number, valid as a bare JSON value.' },
  // Sending
  sendSkip: { form: 'inline', aliases: [], params: [], variadic: false, hash: ['cause'], renders: 'nothing', changesContext: false, onMissing: 'none', documented: true, signature: "{{sendSkip cause='reason'}}", description: 'Skips the send for this user (the webhook is not called); renders nothing.' },
  snippet: { form: 'inline', aliases: [], params: [literal('name')], variadic: true, hash: [], renders: 'text', changesContext: false, onMissing: 'none', documented: true, signature: "{{{snippet 'name'}}}", description: "Inserts one of the project's snippets (extra arguments become its variables). The preview has no snippets: it renders nothing there." },
} satisfies Record<string, HelperDescriptor>;

export type HelperName = keyof typeof helperModel;

export interface IterableHelper extends HelperDescriptor {
  /** The canonical name (an alias resolves to its helper). */
  name: HelperName;
}

const byName = new Map<string, IterableHelper>();
for (const [name, descriptor] of Object.entries(helperModel) as [HelperName, HelperDescriptor][]) {
  const helper: IterableHelper = { ...descriptor, name };
  byName.set(name, helper);
  for (const alias of descriptor.aliases) byName.set(alias, helper);
}

/** Every helper by name and alias (aliases map to their canonical helper). */
export const iterableHelpers: ReadonlyMap<string, IterableHelper> = byName;

/** The helpers in model order, each once (aliases not repeated). */
export const helperList: readonly IterableHelper[] = [...new Set(byName.values())];

const arities = new WeakMap<HelperDescriptor, { min: number; max: number }>();

/** Fewest and most positional arguments a call may have (Infinity when variadic); worked out once per helper. */
export function arity(helper: HelperDescriptor): { min: number; max: number } {
  let known = arities.get(helper);
  if (!known) {
    known = { min: helper.params.filter((p) => !p.optional).length, max: helper.variadic ? Infinity : helper.params.length };
    arities.set(helper, known);
  }
  return known;
}

/** `@index`, `@first`, `@last`, `@key` inside `{{#each}}` (docs/iterable.md §2.2), with what they render. */
export const dataVariables = {
  index: { renders: 'number', description: 'The position of the current item in `{{#each}}`, from 0.' },
  first: { renders: 'boolean', description: 'True for the first item of `{{#each}}`.' },
  last: { renders: 'boolean', description: 'True for the last item of `{{#each}}`: `{{#unless @last}},{{/unless}}` separates JSON array items.' },
  key: { renders: 'text', description: 'The key of the current entry when `{{#each}}` walks an object.' },
} as const satisfies Record<string, { renders: 'number' | 'boolean' | 'text'; description: string }>;

/** Whether a bare `{{…}}` with this output is a valid JSON value by itself. */
export function rendersBareJson(output: HelperOutput | 'text'): boolean {
  return output === 'number' || output === 'boolean' || output === 'json' || output === 'nothing';
}
