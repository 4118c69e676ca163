/**
 * `invalid-json`: Raised by the JSON syntax pass (lint/syntaxFindings.ts) on every view.
 */
import { missingCommaFix } from '../codeActions/missingCommaFix';
import type { RuleDefinition } from './ruleDefinition';

export type InvalidJsonData = { parseError: string; insertComma?: number };

export const invalidJson: RuleDefinition<'invalid-json', InvalidJsonData> = {
  code: 'invalid-json',
  severity: 'error',
  stage: 'syntax',
  meaning: 'The JSON that Iterable would send is malformed, so Regal rejects the request.',
  example: '`{ "name": "Signup" "eventSource": "iterable" }` (missing comma)',
  fixes: (context) => missingCommaFix(context),
};
