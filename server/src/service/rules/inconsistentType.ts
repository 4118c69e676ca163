/**
 * `inconsistent-type`: Raised with the catalog and the other payload files (service/workspace/).
 */
import type { RuleDefinition } from './ruleDefinition';

export type InconsistentTypeData = { key: string; type: string; otherTypes: string[] };

export const inconsistentType: RuleDefinition<'inconsistent-type', InconsistentTypeData> = {
  code: 'inconsistent-type',
  severity: 'warning',
  stage: 'workspace',
  meaning:
    'The same event property or custom trait is sent as different JSON types in different payload files; Regal fixes its type the first time it sees it. `relatedInformation` points at the other file.',
  example: '`"age": 23` here, `"age": "{{age}}"` in another file',
};
