/**
 * `handlebars-syntax` fixes that need no guess. Today one: `{{x}}}` (a mustache right before a JSON
 * `}`) is read by Handlebars as closing a `{{{ }}}`; a space between them keeps both meanings.
 */
import type { FindingOf } from '../diagnosticCodes';
import type { CodeAction } from 'vscode-languageserver-types';
import { quickFix, replace, type FixContext } from './fixContext';

export function templateSyntaxFix(context: FixContext<FindingOf<'handlebars-syntax'>>): CodeAction | undefined {
  const at = context.finding.data?.insertSpaceAt;
  if (typeof at !== 'number' || context.text.slice(at - 2, at + 1) !== '}}}') return undefined;
  return quickFix('Put a space between `}}` and `}`', context, [context.diagnostic], [replace(at, at, ' ')], true);
}
