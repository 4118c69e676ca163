/**
 * `optin-required`: Raised where a JSON Schema error is mapped to a finding (schema/schemaFindings.ts).
 */
import { optInRequiredFixes } from '../codeActions/optInFixes';
import type { RuleDefinition } from './ruleDefinition';

export type OptInRequiredData = { missingProperty: string; path: Array<string | number> };

export const optInRequired: RuleDefinition<'optin-required', OptInRequiredData> = {
  code: 'optin-required',
  severity: 'error',
  stage: 'schema',
  meaning: 'An `optIn` item without `channel` or `subscribed`.',
  example: '`"optIn": [ { "channel": "sms" } ]`',
  fixes: (context, all) => optInRequiredFixes(context, all),
};
