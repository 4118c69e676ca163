/**
 * Hover on a Handlebars helper (`{{#ifEq …}}`, `{{toJson x}}`, the name in `{{/if}}`): its
 * signature and what Iterable does with it, from the helper list in iterable/iterableHelpers.ts.
 */
import { dataVariables, iterableHelpers, type HelperForm } from '../iterable/iterableHelpers';
import { closestMatches } from '../util/suggest';
import { code, codeBlock } from './markdown';

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
    return [`**${code(name)}** · not an Iterable helper`, `Iterable runs only its own helpers (no custom helpers).${hint}`, ...(note ? [note] : [])].join(
      '\n\n',
    );
  }
  const alias = helper.name === name ? '' : ` (another name for ${code(helper.name)})`;
  const parts = [`**${code(name)}** · ${FORM_LABEL[helper.form]}${alias}`, codeBlock('handlebars', helper.signature), helper.description];
  if (!helper.documented) parts.push("Not in Iterable's documentation.");
  if (note) parts.push(note);
  return parts.join('\n\n');
}

export function elseHover(openTag: string | undefined, line: number | undefined): string {
  const of = openTag ? ` of ${code(openTag)}${line !== undefined ? ` (line ${line + 1})` : ''}` : '';
  return `**${code('{{else}}')}**${of}\n\nStarts the branch Iterable renders when the condition is false.`;
}

export function dataVariableHover(name: string): string | undefined {
  const key = name.slice(1);
  const variable = name.startsWith('@') && Object.hasOwn(dataVariables, key) ? dataVariables[key as keyof typeof dataVariables] : undefined;
  const description = variable?.description;
  return description ? `**${code(name)}** · loop variable\n\n${description}` : undefined;
}
