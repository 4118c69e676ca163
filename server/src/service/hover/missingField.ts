/**
 * What Iterable does when a merge field is missing from the user's profile, by where the field is
 * used (docs/iterable.md §2.2 and §2.4: a plain `{{field}}` renders blank [S31, S40]; `#if`, `#unless`,
 * `#ifEq` and `#each` treat a missing field as false or empty; the comparison helpers and
 * `#ifContainsStr` make the template fail, and Iterable then skips the send [S35, S40]). What each
 * helper does comes from the helper model (iterable/iterableHelpers.ts).
 */

import { iterableHelpers } from '../iterable/iterableHelpers';

export interface FieldUse {
  field: string;
  /** The helper that receives the field as an argument, if any. */
  helper?: string;
  /** The field is the first argument of `defaultIfEmpty`. */
  hasFallback: boolean;
  /** The mustache sits inside a JSON string. */
  inString: boolean;
  /** The string holds nothing but this mustache (`"{{email}}"`). */
  wholeString: boolean;
  /** The string is an object key (`"{{phoneNumber}}": { … }` under `phones`). */
  inKey?: boolean;
}

export function missingFieldNote(use: FieldUse): string {
  const f = `\`${use.field}\``;
  const onMissing = use.helper ? iterableHelpers.get(use.helper)?.onMissing : undefined;
  if (use.helper && onMissing === 'skipsSend') {
    return `**If a user has no ${f}, the template fails and Iterable skips the send** for that user (\`${use.helper}\` cannot compare a missing value). Guard it: \`{{#if ${use.field}}}…{{/if}}\`.`;
  }
  if (use.hasFallback) return `If a user has no ${f} (or it is empty), \`defaultIfEmpty\` renders the fallback instead.`;
  if (use.helper && (onMissing === 'false' || onMissing === 'empty')) {
    return onMissing === 'empty' ? `If a user has no ${f}, the loop renders nothing.` : `If a user has no ${f}, \`${use.helper}\` reads it as false.`;
  }
  if (use.helper) return `If a user has no ${f}, \`${use.helper}\` receives an empty value (Iterable does not document what it renders then).`;
  if (use.inString) {
    const what = use.inKey ? 'key' : 'value';
    return use.wholeString
      ? `If a user has no ${f}, Iterable renders it blank: this ${what} is sent as \`""\`.`
      : `If a user has no ${f}, Iterable renders it blank inside this ${what === 'key' ? 'key' : 'string'}.`;
  }
  return `If a user has no ${f}, Iterable renders nothing here, which leaves invalid JSON (\`"key": ,\`): quote it, or guard it with \`{{#if ${use.field}}}…{{else}}null{{/if}}\`.`;
}
