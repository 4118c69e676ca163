/**
 * `invalid-json` for a missing comma between two members (`"a": 1 "b": 2`, `[1 2]`): insert it right
 * after the previous member, after any template that renders it (`{{/if}}`), as completion does
 * (json/missingComma.ts). Offered only when the comma is all that is missing there: the finding then
 * carries where it goes (`data.insertComma`, set by lint/syntaxFindings.ts).
 */
import type { FindingOf } from '../diagnosticCodes';
import type { CodeAction } from 'vscode-languageserver-types';
import { quickFix, replace, type FixContext } from './fixContext';

export function missingCommaFix(context: FixContext<FindingOf<'invalid-json'>>): CodeAction | undefined {
  const { finding, text } = context;
  const at = finding.data?.insertComma;
  if (finding.data?.parseError !== 'CommaExpected' || typeof at !== 'number' || !Number.isInteger(at) || at < 0 || at > finding.start || at > text.length)
    return undefined;
  return quickFix('Insert the missing comma', context, [context.diagnostic], [replace(at, at, ',')], true);
}
