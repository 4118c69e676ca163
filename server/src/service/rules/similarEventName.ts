/**
 * `similar-event-name`: Raised with the catalog and the other payload files (service/workspace/).
 */
import type { RuleDefinition } from './ruleDefinition';

export type SimilarEventNameData = { name: string; similar: string[] };

export const similarEventName: RuleDefinition<'similar-event-name', SimilarEventNameData> = {
  code: 'similar-event-name',
  severity: 'warning',
  stage: 'workspace',
  meaning:
    "Event names that differ only by case, spaces, `_` or `-` across payload files; Regal's event names are case-sensitive, so they are different events. `relatedInformation` points at the other file.",
  example: '`"name": "Signup Completed"` here, `"name": "signup_completed"` in another file',
};
