/**
 * `schema`: Raised where a JSON Schema error is mapped to a finding (schema/schemaFindings.ts).
 */
import type { RuleDefinition } from './ruleDefinition';

/** What the schema error said: the keyword, and for `required` / `enum` the property or the allowed values. */
export type OtherSchemaData = {
  path: Array<string | number>;
  keyword?: string;
  missingProperty?: string;
  value?: string;
  allowed?: string[];
  suggestions?: string[];
};

export const otherSchema: RuleDefinition<'schema', OtherSchemaData> = {
  code: 'schema',
  severity: 'error',
  stage: 'schema',
  meaning: 'Any other value the Regal schema does not allow.',
  example: 'not raised by the bundled schema; the fallback for schema rules without a dedicated code',
};
