/**
 * `invalid-catalog`: Raised with the catalog and the other payload files (service/workspace/).
 */
import type { RuleDefinition } from './ruleDefinition';

export type InvalidCatalogData = { reason: string; field?: string; fields?: number; limit?: number };

export const invalidCatalog: RuleDefinition<'invalid-catalog', InvalidCatalogData> = {
  code: 'invalid-catalog',
  severity: 'error',
  stage: 'workspace',
  meaning:
    'Reported on the field catalog file itself: it is not the JSON Iterable\'s `GET /api/users/getFields` returns (`{"fields": {"name": "type"}}`); the catalog is ignored until it is fixed.',
  example: '`{ "fields": { "age": 1 } }` (a type must be a string such as `"long"`)',
};
