/**
 * `unknown-merge-field`: Raised with the catalog and the other payload files (service/workspace/).
 */
import { unknownMergeFieldFixes } from '../codeActions/renameFixes';
import type { RuleDefinition } from './ruleDefinition';

export type UnknownMergeFieldData = { field: string; suggestions: string[] };

export const unknownMergeField: RuleDefinition<'unknown-merge-field', UnknownMergeFieldData> = {
  code: 'unknown-merge-field',
  severity: 'warning',
  stage: 'workspace',
  meaning:
    'With a field catalog (`regal.fieldsFile`): a merge field that is neither in the catalog nor an Iterable standard field; it renders blank. The message suggests the closest field.',
  example: '`"phone": "{{phonenumber}}"` (catalog has `phoneNumber`)',
  fixes: (context) => unknownMergeFieldFixes(context),
};
