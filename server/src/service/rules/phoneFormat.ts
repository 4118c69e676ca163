/**
 * `phone-format`: a literal phone that libphonenumber, which Regal validates with, cannot read
 * without guessing its country, or at all; Regal drops it silently (docs/regal.md).
 */
import { phoneFormatFix } from '../codeActions/phoneFixes';
import { mayHaveNonE164Phone, phoneLiterals } from '../regal/phoneLiterals';
import { quoted } from '../util/plainText';
import type { RuleDefinition, RuleFinding } from './ruleDefinition';

export type PhoneFormatData = { phone: string; suggestion: string | undefined; where: 'value' | 'key' };

export const phoneFormat: RuleDefinition<'phone-format', PhoneFormatData> = {
  code: 'phone-format',
  severity: 'warning',
  stage: 'payload',
  meaning:
    'A literal phone (value or `phones` key) that libphonenumber, which Regal validates with, cannot read without guessing its country, or at all: Regal drops it silently.',
  example: '`"phone": "(650) 392-6753"` (no country code)',
  check: ({ root, source, template }) => {
    const findings: Array<RuleFinding<PhoneFormatData>> = [];
    for (const { node, phone, where, reading } of phoneLiterals(root, source, template)) {
      if (reading.kind !== 'unreadable') continue;
      const { suggestion } = reading;
      findings.push({
        start: node.offset,
        end: node.offset + node.length,
        message:
          `Unreadable phone ${quoted(phone)}: ${suggestion ? `write ${quoted(suggestion)}` : 'write it in E.164, such as "+16503926753"'}. ` +
          `Regal cannot read it${phone.trim().startsWith('+') ? '' : ' (no + and country code)'} and drops it without a word.`,
        data: { phone, suggestion, where },
      });
    }
    return findings;
  },
  mayReport: mayHaveNonE164Phone,
  fixes: (context) => phoneFormatFix(context),
};
