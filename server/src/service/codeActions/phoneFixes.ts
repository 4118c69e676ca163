/**
 * `phone-format`: rewrite a literal phone in E.164 when that needs no guess (regal/phoneNumbers.ts:
 * an explicit `+` country code, or a 10/11-digit North American number). Regal drops numbers it
 * cannot parse without a word (docs/regal.md §1.5), so a number it would drop is worth one click.
 * A `phones` key that would become a key the object already has is left alone.
 */
import type { FindingOf } from '../diagnosticCodes';
import type { CodeAction } from 'vscode-languageserver-types';
import { findProperty, nodeAtOffset } from '../json/jsonTree';
import { isE164, suggestE164 } from '../regal/phoneNumbers';
import { code, quickFix, replace, stringData, type FixContext } from './fixContext';

export function phoneFormatFix(context: FixContext<FindingOf<'phone-format' | 'phone-not-e164'>>): CodeAction | undefined {
  const { finding, text, analysis } = context;
  const written = text.slice(finding.start, finding.end);
  if (!written.startsWith('"') || !written.endsWith('"') || written.length < 2) return undefined;
  const phone = stringData(finding, 'phone') ?? written.slice(1, -1);
  // Recomputed rather than trusted: the client may send back data from an older version of the rules.
  const suggestion = suggestE164(phone);
  if (!suggestion || !isE164(suggestion)) return undefined;
  if (stringData(finding, 'where') === 'key' && analysis.root) {
    const property = nodeAtOffset(analysis.root, finding.start)?.parent;
    if (property?.parent && findProperty(property.parent, suggestion, text)) return undefined;
  }
  return quickFix(
    `Write the phone in E.164: ${code(suggestion)}`,
    context,
    [context.diagnostic],
    [replace(finding.start, finding.end, JSON.stringify(suggestion))],
    true,
  );
}
