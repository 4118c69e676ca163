/**
 * Fixes for how helpers are written, from the finding's data (the analysis of the current text):
 * - `nested-double-quotes`: the mustache's double quotes become single quotes (Handlebars reads both
 *   the same), offered only when no single quote is inside;
 * - `comparison-on-missing-field`: `{{#if field}}…{{/if}}` around the comparison, offered only inside a
 *   JSON string, where rendering nothing for users without the field leaves valid JSON.
 */
import type { FindingOf } from '../diagnosticCodes';
import type { CodeAction } from 'vscode-languageserver-types';
import { code, quickFix, replace, stringData, type FixContext } from './fixContext';

export function nestedDoubleQuotesFix(context: FixContext<FindingOf<'nested-double-quotes'>>): CodeAction | undefined {
  const { contentStart, contentEnd } = context.finding.data ?? {};
  const replacement = stringData(context.finding, 'replacement');
  if (typeof contentStart !== 'number' || typeof contentEnd !== 'number' || replacement === undefined) return undefined;
  return quickFix('Use single quotes inside {{ }}', context, [context.diagnostic], [replace(contentStart, contentEnd, replacement)], true);
}

export function comparisonGuardFix(context: FixContext<FindingOf<'comparison-on-missing-field'>>): CodeAction | undefined {
  const { wrapStart, wrapEnd } = context.finding.data ?? {};
  const field = stringData(context.finding, 'field');
  if (typeof wrapStart !== 'number' || typeof wrapEnd !== 'number' || field === undefined) return undefined;
  return quickFix(
    `Wrap in ${code(`{{#if ${field}}}`)}: users without ${code(field)} get the rest of the body`,
    context,
    [context.diagnostic],
    [replace(wrapStart, wrapStart, `{{#if ${field}}}`), replace(wrapEnd, wrapEnd, '{{/if}}')],
    true,
  );
}
