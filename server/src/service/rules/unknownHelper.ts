/**
 * `unknown-helper`: Raised by the Handlebars scan (template/templateModel.ts).
 */
import type { RuleDefinition } from './ruleDefinition';

export type UnknownHelperData = { helper: string; suggestions?: string[] };

export const unknownHelper: RuleDefinition<'unknown-helper', UnknownHelperData> = {
  code: 'unknown-helper',
  severity: 'warning',
  stage: 'template',
  meaning: 'A helper Iterable does not provide (Iterable has no custom helpers).',
  example: '`{{uppercase firstName}}`',
};
