/**
 * `unquoted-merge-field`: Raised by the scan of merge fields used as JSON values (lint/unquotedMergeFields.ts).
 */
import { unquotedMergeFieldFixes } from '../codeActions/mergeFieldValueFixes';
import type { RuleDefinition } from './ruleDefinition';

export type UnquotedMergeFieldData = { field: string | undefined; expression: string; key: string | undefined; expectedTypes: string[] | undefined };

export const unquotedMergeField: RuleDefinition<'unquoted-merge-field', UnquotedMergeFieldData> = {
  code: 'unquoted-merge-field',
  severity: 'warning',
  stage: 'values',
  meaning: 'A bare merge field as a JSON value renders invalid JSON when the field is blank.',
  example: '`"age": {{age}}`',
  fixes: (context) => unquotedMergeFieldFixes(context),
};
