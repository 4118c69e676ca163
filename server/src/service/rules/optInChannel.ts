/**
 * `optin-channel`: Raised where a JSON Schema error is mapped to a finding (schema/schemaFindings.ts).
 */
import { optInChannelFixes } from '../codeActions/optInFixes';
import type { RuleDefinition } from './ruleDefinition';

export type OptInChannelData = { value: string; allowed: string[]; suggestions: string[]; path: Array<string | number> };

export const optInChannel: RuleDefinition<'optin-channel', OptInChannelData> = {
  code: 'optin-channel',
  severity: 'error',
  stage: 'schema',
  meaning: 'An `optIn` channel Regal does not support (`voice`, `sms`, `email`).',
  example: '`{ "channel": "text", "subscribed": true }`',
  fixes: (context) => optInChannelFixes(context),
};
