/**
 * `document-too-large`: Raised instead of every check on a document over the size limit (limits.ts,
 * limitedFindings.ts).
 */
import type { RuleDefinition } from './ruleDefinition';

export type DocumentTooLargeData = { bytes: number; limit: string };

export const documentTooLarge: RuleDefinition<'document-too-large', DocumentTooLargeData> = {
  code: 'document-too-large',
  severity: 'warning',
  stage: 'host',
  meaning:
    'The document is larger than 10 MB: it is not checked, and completion, hover, quick fixes, outline, folding, selection and formatting are off for it. A payload template is a few KB.',
  example: 'a 20 MB file opened as a payload',
};
