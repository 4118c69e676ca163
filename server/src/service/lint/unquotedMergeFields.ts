/**
 * `unquoted-merge-field`: a merge field written as a bare JSON value (`"age": {{age}}`) renders
 * `"age": ,` when the field is blank, and Regal rejects the whole body. Not reported when the
 * output can't be blank: inside `{{#if age}}` (or the else of `{{#unless age}}`) on the same field,
 * or `{{defaultIfEmpty age 0}}` with a literal fallback.
 */
import type { Finding } from '../diagnosticCodes';
import type { ExpressionAnalysis } from '../template/expressionAnalyzer';
import { isValueLike } from '../template/jsonView';
import type { Mustache } from '../template/mustacheScanner';
import type { TemplateModel } from '../template/templateModel';

export function unquotedMergeFields(model: TemplateModel): Finding[] {
  const findings: Finding[] = [];
  model.mustaches.forEach((m, i) => {
    const expression = model.expressions[i];
    if (m.inString || !m.closed || !isValueLike(m) || !expression || expression.error) return;
    if (expression.fields.length === 0 || hasLiteralFallback(expression)) return;
    const field = expression.fields[0].name;
    if (isGuarded(m, field, model)) return;
    const expressionText = model.text.slice(m.start, m.end);
    findings.push({
      code: 'unquoted-merge-field',
      start: m.start,
      end: m.end,
      message:
        `\`${expressionText}\` is not in quotes: when \`${field}\` is blank Iterable renders an empty value and Regal rejects the body. ` +
        `Quote it (\`"${expressionText}"\`) or guard it: \`{{#if ${field}}}${expressionText}{{else}}null{{/if}}\`.`,
      data: { field, expression: expressionText },
    });
  });
  return findings;
}

function hasLiteralFallback(expression: ExpressionAnalysis): boolean {
  if (expression.head?.name !== 'defaultIfEmpty') return false;
  const fallback = expression.args[1];
  return fallback?.kind === 'literal' && fallback.value !== '' && fallback.value !== null && fallback.value !== undefined;
}

/** True when an enclosing `#if field` (first branch) or `#unless field` (else branch) guards it. */
function isGuarded(m: Mustache, field: string, model: TemplateModel): boolean {
  for (const block of model.blocks) {
    if (!block.close || m.start < block.open.end || m.end > block.close.start) continue;
    const branch = block.branches.findIndex((b) => m.start >= b.start && m.end <= b.end);
    const condition = /^\s*(?:if|unless)\s+([^\s~]+)\s*$/.exec(model.text.slice(block.open.contentStart, block.open.contentEnd));
    if (!condition || condition[1] !== field) continue;
    if ((block.name === 'if' && branch === 0) || (block.name === 'unless' && branch > 0)) return true;
  }
  return false;
}
