/**
 * The Handlebars helpers Iterable provides (domain.md §2.2: Iterable's helper table of contents
 * [S33] and the helper reference of the Email Love skill [S40], which cites Iterable's articles).
 * Anything else in helper position is an `unknown-helper`: Iterable has no custom helpers.
 * Listed most-used first: completion after `{{#` keeps this order.
 */

export type HelperForm = 'block' | 'inline' | 'both';

export interface IterableHelper {
  name: string;
  form: HelperForm;
  signature: string;
  description: string;
}

const helpers: IterableHelper[] = [
  // Conditionals and comparison
  { name: 'if', form: 'block', signature: '{{#if field}}…{{else}}…{{/if}}', description: 'Renders the first branch when the field is truthy (not null, "", [], false or zero); a missing field is false, so the `{{else}}` branch renders. The safe way to send a boolean field: `{{#if f}}true{{else}}false{{/if}}`.' },
  { name: 'unless', form: 'block', signature: '{{#unless field}}…{{/unless}}', description: 'Renders the branch when the field is falsy (missing, null, "", [], false or zero).' },
  { name: 'each', form: 'block', signature: '{{#each list}}…{{/each}}', description: 'Repeats the branch for every item; `@index`, `@first`, `@last`, `@key` are available. A missing list renders nothing. Separate JSON items with `{{#unless @last}},{{/unless}}`; Iterable has no `{{else}}` in `{{#each}}`.' },
  { name: 'ifEq', form: 'block', signature: "{{#ifEq field 'value'}}…{{/ifEq}}", description: 'Renders the branch when the field equals the value. Degrades gracefully when the field is missing.' },
  { name: 'ifGt', form: 'block', signature: '{{#ifGt field 10}}…{{/ifGt}}', description: 'Renders the branch when the field is greater than the value.' },
  { name: 'ifGte', form: 'block', signature: '{{#ifGte field 10}}…{{/ifGte}}', description: 'Renders the branch when the field is greater than or equal to the value.' },
  { name: 'ifLt', form: 'block', signature: '{{#ifLt field 10}}…{{/ifLt}}', description: 'Renders the branch when the field is less than the value.' },
  { name: 'ifLte', form: 'block', signature: '{{#ifLte field 10}}…{{/ifLte}}', description: 'Renders the branch when the field is less than or equal to the value.' },
  { name: 'ifModEq', form: 'block', signature: '{{#ifModEq field 2 0}}…{{/ifModEq}}', description: 'Renders the branch when field modulo the divisor equals the remainder.' },
  { name: 'ifContainsStr', form: 'block', signature: "{{#ifContainsStr field 'text'}}…{{/ifContainsStr}}", description: 'Renders the branch when the field contains the text. On a missing field the template fails and Iterable skips the send.' },
  { name: 'ifMatchesRegexStr', form: 'block', signature: "{{#ifMatchesRegexStr field 'regex'}}…{{/ifMatchesRegexStr}}", description: 'Renders the branch when the field matches the regular expression.' },
  { name: 'ifContains', form: 'block', signature: "{{#ifContains list 'value'}}…{{/ifContains}}", description: 'Renders the branch when the list contains the value.' },
  { name: 'eq', form: 'both', signature: "{{#eq a b}}…{{/eq}} or {{eq a b yes='…' no='…'}}", description: 'Equality test, as a block or inline with `yes=`/`no=`.' },
  { name: 'lt', form: 'both', signature: '{{#lt a b}}…{{/lt}}', description: 'Less-than test. On a missing field the template fails and Iterable skips the send.' },
  { name: 'lte', form: 'both', signature: '{{#lte a b}}…{{/lte}}', description: 'Less-than-or-equal test. On a missing field the template fails and Iterable skips the send.' },
  { name: 'gt', form: 'both', signature: '{{#gt a b}}…{{/gt}}', description: 'Greater-than test. On a missing field the template fails and Iterable skips the send.' },
  { name: 'gte', form: 'both', signature: '{{#gte a b}}…{{/gte}}', description: 'Greater-than-or-equal test. On a missing field the template fails and Iterable skips the send.' },
  { name: 'and', form: 'both', signature: '{{#and a b}}…{{/and}}', description: 'True when every argument is truthy.' },
  { name: 'or', form: 'both', signature: '{{#or a b}}…{{/or}}', description: 'True when any argument is truthy.' },
  { name: 'not', form: 'both', signature: '{{#not a}}…{{/not}}', description: 'Negates its argument.' },
  // Lists and data
  { name: 'minInList', form: 'block', signature: '{{#minInList list}}…{{/minInList}}', description: 'Renders the branch with the smallest item of the list.' },
  { name: 'maxInList', form: 'block', signature: '{{#maxInList list}}…{{/maxInList}}', description: 'Renders the branch with the largest item of the list.' },
  { name: 'sortBy', form: 'block', signature: "{{#sortBy list 'field'}}…{{/sortBy}}", description: 'Iterates a list sorted by a field.' },
  { name: 'groupBy', form: 'block', signature: "{{#groupBy list 'field'}}…{{/groupBy}}", description: 'Groups a list by a field.' },
  { name: 'assign', form: 'block', signature: "{{#assign 'name'}}…{{/assign}}", description: 'Stores the rendered branch in a variable.' },
  { name: 'lookup', form: 'both', signature: '{{lookup object key}}', description: 'Looks up a key of an object or an index of a list.' },
  { name: 'catalog', form: 'block', signature: "{{#catalog 'Collection' id}}…{{/catalog}}", description: 'Loads a Catalog item.' },
  { name: 'length', form: 'inline', signature: '{{length list}}', description: 'Number of items of a list (or characters of a string).' },
  { name: 'join', form: 'inline', signature: "{{join list ', '}}", description: 'Joins the items of a list with a separator.' },
  // Strings
  { name: 'capitalizeFirst', form: 'inline', signature: '{{capitalizeFirst text}}', description: 'Capitalizes the first letter.' },
  { name: 'capitalize', form: 'inline', signature: '{{capitalize text}}', description: 'Capitalizes every word.' },
  { name: 'upper', form: 'inline', signature: '{{upper text}}', description: 'Upper-cases the text.' },
  { name: 'lower', form: 'inline', signature: '{{lower text}}', description: 'Lower-cases the text.' },
  { name: 'defaultIfEmpty', form: 'inline', signature: "{{defaultIfEmpty field 'fallback'}}", description: 'Renders the fallback when the field is missing or empty. In value position it keeps the JSON valid when the field is blank: `"age": {{defaultIfEmpty age 0}}`.' },
  { name: 'cut', form: 'inline', signature: "{{cut text ' '}}", description: 'Removes every occurrence of the text.' },
  { name: 'replace', form: 'inline', signature: "{{replace text 'old' 'new'}}", description: 'Replaces every occurrence of a text.' },
  { name: 'substring', form: 'inline', signature: '{{substring text 0 5}}', description: 'Part of the text between two indexes.' },
  { name: 'abbreviate', form: 'inline', signature: '{{abbreviate text 20}}', description: 'Shortens the text, ending it with an ellipsis.' },
  { name: 'slugify', form: 'inline', signature: '{{slugify text}}', description: 'Turns the text into a URL slug.' },
  { name: 'center', form: 'inline', signature: '{{center text size=20}}', description: 'Centers the text in a field of the given size.' },
  { name: 'breaklines', form: 'block', signature: '{{#breaklines}}…{{/breaklines}}', description: 'Turns line breaks into `<br>` tags.' },
  // Encoding
  { name: 'toJson', form: 'inline', signature: '{{toJson value}}', description: 'Writes the value as JSON (Iterable: "Write the provided argument as a JSON string"), so objects and lists can be sent as JSON values: `"traits": {{{toJson profile}}}`. What it renders for a missing value is undocumented.' },
  { name: 'toUrlEncodedJson', form: 'inline', signature: '{{toUrlEncodedJson value}}', description: 'Writes the value as URL-encoded JSON.' },
  { name: 'urlEncode', form: 'block', signature: '{{#urlEncode}}…{{/urlEncode}}', description: 'URL-encodes the rendered branch (block only).' },
  { name: 'base64', form: 'block', signature: '{{#base64}}…{{/base64}}', description: 'Base64-encodes the rendered branch (block only).' },
  { name: 'hexEncode', form: 'inline', signature: '{{hexEncode text}}', description: 'Hex-encodes the text.' },
  { name: 'md5', form: 'both', signature: '{{md5 text}}', description: 'MD5 hash of the text.' },
  { name: 'sha1', form: 'both', signature: '{{sha1 text}}', description: 'SHA-1 hash of the text.' },
  { name: 'sha256', form: 'both', signature: '{{sha256 text}}', description: 'SHA-256 hash of the text.' },
  { name: 'hmacSHA1', form: 'inline', signature: "{{hmacSHA1 text 'key'}}", description: 'HMAC-SHA1 of the text.' },
  { name: 'hmacSHA256', form: 'inline', signature: "{{hmacSHA256 text 'key'}}", description: 'HMAC-SHA256 of the text.' },
  // Numbers and dates
  { name: 'math', form: 'inline', signature: "{{math a '+' b}}", description: 'Arithmetic on two numbers.' },
  { name: 'numberFormat', form: 'inline', signature: "{{numberFormat value '0.00'}}", description: 'Formats a number.' },
  { name: 'dateFormat', form: 'inline', signature: "{{dateFormat date format='yyyy-MM-dd'}}", description: 'Formats a date.' },
  { name: 'dateMath', form: 'inline', signature: "{{dateMath date '+1d'}}", description: 'Adds to or subtracts from a date.' },
  { name: 'now', form: 'inline', signature: '{{now}}', description: 'The current date and time.' },
  { name: 'timestamp', form: 'inline', signature: '{{timestamp}}', description: 'The current Unix timestamp.' },
  // Sending
  { name: 'sendSkip', form: 'inline', signature: "{{sendSkip cause='reason'}}", description: 'Skips the send for this user.' },
  { name: 'snippet', form: 'inline', signature: "{{snippet 'name'}}", description: 'Inserts a snippet.' },
];

export const iterableHelpers: ReadonlyMap<string, IterableHelper> = new Map(helpers.map((h) => [h.name, h]));
