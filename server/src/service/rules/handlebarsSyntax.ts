/**
 * `handlebars-syntax`: Raised by the Handlebars scan (template/templateModel.ts).
 */
import { templateSyntaxFix } from '../codeActions/templateSyntaxFixes';
import type { RuleDefinition } from './ruleDefinition';

export type HandlebarsSyntaxData = { insertSpaceAt?: number };

export const handlebarsSyntax: RuleDefinition<'handlebars-syntax', HandlebarsSyntaxData> = {
  code: 'handlebars-syntax',
  severity: 'error',
  stage: 'template',
  meaning: 'Broken Handlebars: an unclosed `{{`, unbalanced or mismatched blocks, an invalid expression, or syntax Iterable does not support.',
  example: '`{{#if voice}}true{{/unless}}`',
  fixes: (context) => templateSyntaxFix(context),
};
