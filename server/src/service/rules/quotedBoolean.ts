/**
 * `quoted-boolean`: Raised where a JSON Schema error is mapped to a finding (schema/schemaFindings.ts).
 */
import { quotedBooleanFixes } from '../codeActions/mergeFieldValueFixes';
import type { RuleDefinition } from './ruleDefinition';

export type QuotedBooleanData = {
  path: Array<string | number>;
  field: string | undefined;
  expected: string[];
  /** The field's type in the catalog, when the catalog knows it (workspace/catalogRefinement.ts). */
  fieldType?: string;
};

export const quotedBoolean: RuleDefinition<'quoted-boolean', QuotedBooleanData> = {
  code: 'quoted-boolean',
  severity: 'warning',
  stage: 'schema',
  meaning: 'A boolean key whose value is a quoted template: it sends the string "true", not a boolean.',
  example: '`"subscribed": "{{voice_optin_subscribed}}"`',
  fixes: (context) => quotedBooleanFixes(context),
};
