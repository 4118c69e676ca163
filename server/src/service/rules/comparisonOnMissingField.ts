/**
 * `comparison-on-missing-field`: a comparison helper (`gt`, `lt`, `gte`, `lte`, `ifContainsStr`, … —
 * the helper model's `onMissing: 'skipsSend'`) reads a field that some users may lack. Iterable then
 * fails the template and does not send the message (docs/iterable.md §5.2): those users never reach
 * Regal. Not reported inside `{{#if field}}` on the same field. Inside a JSON string the fix wraps the
 * comparison in `{{#if field}}…{{/if}}`; elsewhere wrapping would leave an empty JSON value, so the
 * message says what to do instead.
 */
import { comparisonGuardFix } from '../codeActions/helperFixes';
import { iterableHelpers } from '../iterable/iterableHelpers';
import type { Block } from '../template/blockStructure';
import type { ExpressionAnalysis } from '../template/expressionAnalyzer';
import { isGuarded } from '../template/fieldGuards';
import type { Mustache } from '../template/mustacheScanner';
import type { TemplateModel, TemplateProblem } from '../template/templateModel';
import { plain } from '../util/plainText';
import type { RuleDefinition } from './ruleDefinition';

export type ComparisonOnMissingFieldData = { field: string; helper: string; wrapStart?: number; wrapEnd?: number };

export const comparisonOnMissingField: RuleDefinition<'comparison-on-missing-field', ComparisonOnMissingFieldData> = {
  code: 'comparison-on-missing-field',
  severity: 'information',
  stage: 'template',
  meaning:
    'A comparison helper (`gt`, `lt`, `gte`, `lte`, `ifContainsStr`) on a field some users may lack: Iterable then fails the template and does not send the webhook.',
  example: '`"tier": "{{#gt spend 100}}gold{{else}}silver{{/gt}}"`',
  fixes: (context) => comparisonGuardFix(context),
};

export function comparisonOnMissingFieldProblems(model: TemplateModel, m: Mustache, analysis: ExpressionAnalysis, block: Block | undefined): TemplateProblem[] {
  const head = analysis.head;
  const helper = head?.isHelper ? iterableHelpers.get(head.name) : undefined;
  if (!head || !helper || helper.onMissing !== 'skipsSend') return [];
  const problems: TemplateProblem[] = [];
  const construct = block?.close ? { start: block.open.start, end: block.close.end } : { start: m.start, end: m.end };
  analysis.args.forEach((arg, i) => {
    if (arg.kind !== 'path' || helper.params[i]?.kind !== 'field' || arg.name.startsWith('@') || arg.name === 'this') return;
    if (isGuarded(construct, arg.name, model)) return;
    const wrap = m.inString && (!block || block.close?.inString) ? construct : undefined;
    problems.push({
      code: 'comparison-on-missing-field',
      start: arg.start,
      end: arg.end,
      message:
        (wrap
          ? `Field may be missing: wrap this in {{#if ${plain(arg.name)}}}…{{/if}}. `
          : `Field may be missing: guard this with {{#if ${plain(arg.name)}}} and give {{else}} a value. `) +
        `For a user without ${plain(arg.name)}, ${plain(head.name)} fails the template and Iterable does not send the webhook.`,
      data: { field: arg.name, helper: helper.name, ...(wrap ? { wrapStart: wrap.start, wrapEnd: wrap.end } : {}) },
    });
  });
  return problems;
}
