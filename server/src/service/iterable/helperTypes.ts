/**
 * The shape of what the project knows about one Iterable Handlebars helper (iterableHelpers.ts holds
 * the helpers themselves). Every field is required, so a helper added without saying how it reads its
 * arguments, what it renders or what a missing field does is a compile error.
 */

/** Written as `{{#name …}}…{{/name}}` (block), `{{name …}}` (inline), or either. */
export type HelperForm = 'block' | 'inline' | 'both';

/**
 * What an inline call (or a block, for `branch`/`nothing`) renders into the body:
 * - `text`: a string (needs quotes in JSON);
 * - `number`: digits that are valid bare JSON (`{{math a '+' 1}}`, `{{length list}}`);
 * - `boolean`: `true`/`false` when called inline without `yes=`/`no=`;
 * - `json`: a JSON value by design (`{{toJson x}}`);
 * - `nothing`: renders no text at all (`{{sendSkip}}`, `{{#assign}}…{{/assign}}`);
 * - `branch`: a block that renders one of its branches.
 */
export type HelperOutput = 'text' | 'number' | 'boolean' | 'json' | 'nothing' | 'branch';

/**
 * What the helper does when a field it reads is missing from the user's profile:
 * - `false`: reads it as false (the `{{else}}` branch, or `no=`);
 * - `empty`: a loop over it renders nothing;
 * - `fallback`: renders its fallback argument;
 * - `blank`: renders an empty string;
 * - `skipsSend`: the template fails and Iterable does not send the message (docs/iterable.md §2.2, §5.2);
 * - `none`: reads no field.
 */
export type MissingFieldBehaviour = 'false' | 'empty' | 'fallback' | 'blank' | 'skipsSend' | 'none';

/**
 * One positional argument:
 * - `field`: a merge field the helper inspects (may be missing: see `onMissing`);
 * - `value`: a merge field or a literal, used as a value;
 * - `literal`: usually a literal, such as a format, a separator or a name.
 */
export interface HelperParam {
  readonly name: string;
  readonly kind: 'field' | 'value' | 'literal';
  readonly optional: boolean;
}

export interface HelperDescriptor {
  readonly form: HelperForm;
  /** Other names Iterable accepts for the same helper (`neq` for `ne`). */
  readonly aliases: readonly string[];
  /** Positional arguments, in order. */
  readonly params: readonly HelperParam[];
  /** The last parameter may repeat (`{{#and a b c}}`, `{{join a b c ', '}}`). */
  readonly variadic: boolean;
  /** Hash arguments it reads (`yes`, `no`, `format`, …). */
  readonly hash: readonly string[];
  readonly renders: HelperOutput;
  /** Inside the block, `this` and bare names refer to something else than the profile (`#each`). */
  readonly changesContext: boolean;
  readonly onMissing: MissingFieldBehaviour;
  /** False for helpers Iterable does not document but handlebars.java runs (`#with`). */
  readonly documented: boolean;
  readonly signature: string;
  readonly description: string;
}

/** Shorthands for parameter lists. */
export const field = (name: string, optional = false): HelperParam => ({ name, kind: 'field', optional });
export const value = (name: string, optional = false): HelperParam => ({ name, kind: 'value', optional });
export const literal = (name: string, optional = false): HelperParam => ({ name, kind: 'literal', optional });
