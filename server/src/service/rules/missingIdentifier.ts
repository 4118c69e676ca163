/**
 * `missing-identifier`: nothing identifies the contact (docs/regal.md §1.4, §5.1), so Regal can
 * neither match nor create it.
 */
import { mayLackPhone, phoneAdvice, readContactIdentity } from '../regal/contactIdentity';
import type { RuleDefinition } from './ruleDefinition';

export type MissingIdentifierData = { hasTraits: boolean };

export const missingIdentifier: RuleDefinition<'missing-identifier', MissingIdentifierData> = {
  code: 'missing-identifier',
  severity: 'error',
  stage: 'payload',
  meaning:
    'Nothing identifies the contact: no `userId`, no phone (`traits.phone` or a number in `traits.phones`) and no email (`traits.email` or an address in `traits.emails`). Regal cannot match or create a contact.',
  example: '`{ "name": "Signup", "traits": { "firstName": "{{firstName}}" } }`',
  check: ({ root, source, template }) => {
    if (root.type !== 'object') return [];
    const identity = readContactIdentity(root, source, template);
    if (!identity || identity.hasPhone || identity.hasEmail || identity.hasUserId) return [];
    const { addPhone, example } = phoneAdvice(identity);
    return [
      {
        ...identity.range,
        message: `No identifier: add "userId": "{{userId}}" or ${addPhone}. Regal needs a userId, a phone or an email to match or create the contact. ${example}`,
        data: { hasTraits: identity.hasTraits },
      },
    ];
  },
  // No phone is where an identifier can be missing; the tree then looks for the others.
  mayReport: mayLackPhone,
};
