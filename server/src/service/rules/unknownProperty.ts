/**
 * `unknown-property`: Raised where a JSON Schema error is mapped to a finding (schema/schemaFindings.ts).
 */
import { unknownPropertyFixes } from '../codeActions/renameFixes';
import type { RuleDefinition } from './ruleDefinition';

export type UnknownPropertyData = { key: string; path: Array<string | number>; suggestions: string[]; allowed: string[] };

export const unknownProperty: RuleDefinition<'unknown-property', UnknownPropertyData> = {
  code: 'unknown-property',
  severity: 'warning',
  stage: 'schema',
  meaning: 'A key Regal does not define where custom keys are not allowed (top level, optIn items, opt-in objects, phone and email entries, address).',
  example: '`"optIn": [ { "chanel": "sms", … } ]`',
  fixes: (context) => unknownPropertyFixes(context),
};
