/**
 * `type`: a literal of the wrong JSON type. The one unambiguous case is the quoted boolean literal
 * (`"subscribed": "true"`), whose message already says to remove the quotes; other type errors
 * need a person to decide what was meant.
 */
import type { FindingOf } from '../diagnosticCodes';
import type { CodeAction } from 'vscode-languageserver-types';
import { code, quickFix, replace, stringListData, type FixContext } from './fixContext';

export function typeFix(context: FixContext<FindingOf<'type'>>): CodeAction | undefined {
  const { finding, text } = context;
  const written = text.slice(finding.start, finding.end);
  if (!stringListData(finding, 'expected').includes('boolean') || (written !== '"true"' && written !== '"false"')) return undefined;
  const literal = written.slice(1, -1);
  return quickFix(`Remove the quotes: ${code(literal)}`, context, [context.diagnostic], [replace(finding.start, finding.end, literal)], true);
}
