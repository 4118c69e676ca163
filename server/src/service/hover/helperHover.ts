/**
 * Hover on a Handlebars helper (`{{#ifEq …}}`, `{{toJson x}}`, the name in `{{/if}}`): its
 * signature and what Iterable does with it, from the helper list in iterable/iterableHelpers.ts.
 */
import { iterableHelpers, type HelperForm } from '../iterable/iterableHelpers';
import { closestMatches } from '../util/suggest';
import { code, codeBlock } from './markdown';
import { SEND_SKIPPING_HELPERS } from './missingField';

const FORM_LABEL: Record<HelperForm, string> = {
  block: 'Iterable block helper',
  inline: 'Iterable helper',
  both: 'Iterable helper (block or inline)',
};

/** `note` says where the helper is used, such as which open tag a closing tag closes. */
export function helperHover(name: string, note?: string): string {
  const helper = iterableHelpers.get(name);
  if (!helper) {
    const suggestions = closestMatches(name, iterableHelpers.keys());
    const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map(code).join(' or ')}?` : '';
    return [`**${code(name)}** · not an Iterable helper`, `Iterable runs only its own helpers (no custom helpers).${hint}`, ...(note ? [note] : [])].join('\n\n');
  }
  const parts = [`**${code(name)}** · ${FORM_LABEL[helper.form]}`, codeBlock('handlebars', helper.signature), helper.description];
  if (SEND_SKIPPING_HELPERS.has(name) && !/skips the send/.test(helper.description)) {
    parts.push('On a missing field the template fails and Iterable skips the send.');
  }
  if (note) parts.push(note);
  return parts.join('\n\n');
}

export function elseHover(openTag: string | undefined, line: number | undefined): string {
  const of = openTag ? ` of ${code(openTag)}${line !== undefined ? ` (line ${line + 1})` : ''}` : '';
  return `**${code('{{else}}')}**${of}\n\nStarts the branch Iterable renders when the condition is false.`;
}

/** `@index`, `@first`, `@last`, `@key` inside `{{#each}}` (domain.md §2.2 [S40]). */
const DATA_VARIABLES: Readonly<Record<string, string>> = {
  '@index': 'The position of the current item in `{{#each}}`, from 0.',
  '@first': 'True for the first item of `{{#each}}`.',
  '@last': 'True for the last item of `{{#each}}`: `{{#unless @last}},{{/unless}}` separates JSON array items.',
  '@key': 'The key of the current entry when `{{#each}}` walks an object.',
};

export function dataVariableHover(name: string): string | undefined {
  const description = DATA_VARIABLES[name];
  return description ? `**${code(name)}** · loop variable\n\n${description}` : undefined;
}
