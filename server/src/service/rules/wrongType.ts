/**
 * `type`: Raised where a JSON Schema error is mapped to a finding (schema/schemaFindings.ts).
 */
import { typeFix } from '../codeActions/typeFixes';
import type { RuleDefinition } from './ruleDefinition';

export type WrongTypeData = { path: Array<string | number>; expected: string[]; actual: string };

export const wrongType: RuleDefinition<'type', WrongTypeData> = {
  code: 'type',
  severity: 'error',
  stage: 'schema',
  meaning: 'A literal of the wrong JSON type for the key.',
  example: '`"subscribed": "yes"`, `"properties": []`',
  fixes: (context) => typeFix(context),
};
