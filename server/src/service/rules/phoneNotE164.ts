/**
 * `phone-not-e164`: a literal phone Regal reads, written other than in E.164, the form its API
 * documents (docs/regal.md); the fix writes it in E.164.
 */
import { phoneFormatFix } from '../codeActions/phoneFixes';
import { mayHaveNonE164Phone, phoneLiterals } from '../regal/phoneLiterals';
import { quoted } from '../util/plainText';
import type { RuleDefinition, RuleFinding } from './ruleDefinition';

export type PhoneNotE164Data = { phone: string; suggestion: string; where: 'value' | 'key' };

export const phoneNotE164: RuleDefinition<'phone-not-e164', PhoneNotE164Data> = {
  code: 'phone-not-e164',
  severity: 'hint',
  stage: 'payload',
  meaning: 'A literal phone that Regal reads (libphonenumber) but that is not written in E.164, the form its API documents; the fix writes it in E.164.',
  example: '`"+1 (954) 555-2399"` → `"+19545552399"`',
  check: ({ root, source, template }) => {
    const findings: Array<RuleFinding<PhoneNotE164Data>> = [];
    for (const { node, phone, where, reading } of phoneLiterals(root, source, template)) {
      if (reading.kind !== 'readable') continue;
      findings.push({
        start: node.offset,
        end: node.offset + node.length,
        message: `Phone not in E.164: write ${quoted(reading.e164)}. Regal reads ${quoted(phone)}, but its API documents phones in E.164 (+, country code, number, nothing else).`,
        data: { phone, suggestion: reading.e164, where },
      });
    }
    return findings;
  },
  mayReport: mayHaveNonE164Phone,
  fixes: (context) => phoneFormatFix(context),
};
