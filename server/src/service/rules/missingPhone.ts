/**
 * `missing-phone`: the contact is identified but has no phone, and Regal calls and texts only
 * contacts with one (the reason its Iterable guide asks for one; docs/regal.md).
 */
import { mayLackPhone, phoneAdvice, readContactIdentity } from '../regal/contactIdentity';
import type { RuleDefinition } from './ruleDefinition';

export type MissingPhoneData = { hasTraits: boolean };

export const missingPhone: RuleDefinition<'missing-phone', MissingPhoneData> = {
  code: 'missing-phone',
  severity: 'warning',
  stage: 'payload',
  meaning:
    "The contact is identified (by `userId` or email) but has no phone: Regal can call or text only contacts with a phone (the reason Regal's Iterable guide asks for one). Not reported for an event identified by `userId`, which refers to a contact Regal already has.",
  example: '`{ "traits": { "email": "{{email}}" } }`',
  check: ({ root, source, template }) => {
    if (root.type !== 'object') return [];
    const identity = readContactIdentity(root, source, template);
    // Without any identifier, missing-identifier says it; an event by userId needs no phone here.
    if (!identity || identity.hasPhone || (!identity.hasUserId && !identity.hasEmail)) return [];
    if (identity.isEvent && identity.hasUserId) return [];
    const { addPhone, example } = phoneAdvice(identity);
    return [
      {
        ...identity.range,
        message: `No phone: add ${addPhone}. Regal can call or text only contacts with a phone. ${example}`,
        data: { hasTraits: identity.hasTraits },
      },
    ];
  },
  mayReport: mayLackPhone,
};
