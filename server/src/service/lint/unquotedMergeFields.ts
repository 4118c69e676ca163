/**
 * `unquoted-merge-field`: a merge field written as a bare JSON value (`"age": {{age}}`) renders
 * `"age": ,` when the field is blank, and Regal rejects the whole body; a helper written bare
 * (`{{now}}`) renders text without quotes. Not reported when the output can't be blank or is JSON
 * by design: inside `{{#if age}}` / `{{else if age}}` (or the else of `{{#unless age}}`) on the same
 * field, `{{defaultIfEmpty age 0}}` with a literal fallback, `{{toJson x}}` and `{{timestamp}}`.
 *
 * The advice depends on the key's type in the Regal schema: a boolean key needs
 * `{{#if f}}true{{else}}false{{/if}}`, a string key needs quotes.
 */
import type { Finding } from '../diagnosticCodes';
import { keyOf, nodeAtOffset, owningProperty, type Node } from '../json/jsonTree';
import { innermostBlockAt } from '../template/blockStructure';
import type { ExpressionAnalysis } from '../template/expressionAnalyzer';
import { isValueLike } from '../template/jsonView';
import type { Mustache } from '../template/mustacheScanner';
import type { TemplateModel } from '../template/templateModel';

/** Helpers whose output is a JSON value by design (or a number that is never blank). */
const JSON_SAFE_HELPERS = new Set(['toJson', 'timestamp']);

/** `root` gives view 0's tree; it is only asked for when there is something to report. */
export function unquotedMergeFields(model: TemplateModel, root: () => Node | undefined, propertyTypes: ReadonlyMap<string, ReadonlySet<string>>): Finding[] {
  const findings: Finding[] = [];
  model.mustaches.forEach((m, i) => {
    if (m.inString || m.inComment || !m.closed || !isValueLike(m)) return;
    const expression = model.expressionAt(i);
    if (!expression || expression.error) return;
    if (expression.head && JSON_SAFE_HELPERS.has(expression.head.name) && expression.head.isHelper) return;
    if (hasLiteralFallback(expression)) return;
    const field = expression.fields[0]?.name;
    if (field !== undefined && isGuarded(m, field, model)) return;
    const written = model.text.slice(m.start, m.end);
    const key = keyAt(root(), m.start, model.text);
    const types = key === undefined ? undefined : propertyTypes.get(key);
    findings.push({
      code: 'unquoted-merge-field',
      start: m.start,
      end: m.end,
      message: message(written, field, types),
      data: { field, expression: written, key, expectedTypes: types ? [...types] : undefined },
    });
  });
  return findings;
}

function message(written: string, field: string | undefined, types: ReadonlySet<string> | undefined): string {
  if (field === undefined) return `\`${written}\` renders text without quotes, which is not JSON: put it in quotes, \`"${written}"\`.`;
  const risk = `\`${written}\` is not in quotes: when \`${field}\` is blank Iterable renders an empty value and Regal rejects the body.`;
  if (types?.has('boolean')) return `${risk} Render a real boolean: \`{{#if ${field}}}true{{else}}false{{/if}}\`.`;
  if (types?.has('string')) return `${risk} Put it in quotes: \`"${written}"\`.`;
  return `${risk} Quote it if the value is text (\`"${written}"\`); for a number, make sure something renders: \`{{defaultIfEmpty ${field} 0}}\`.`;
}

function hasLiteralFallback(expression: ExpressionAnalysis): boolean {
  if (expression.head?.name !== 'defaultIfEmpty') return false;
  const fallback = expression.args[1];
  return fallback?.kind === 'literal' && fallback.value !== '' && fallback.value !== null && fallback.value !== undefined;
}

/**
 * True when an enclosing branch only renders if the field is set: the first branch of
 * `{{#if field}}`, an `{{else if field}}` branch, or the `{{else}}` of `{{#unless field}}`.
 */
function isGuarded(m: Mustache, field: string, model: TemplateModel): boolean {
  const conditionOf = (text: string, pattern: RegExp) => pattern.exec(text)?.[1];
  for (let block = innermostBlockAt(model.blocks, m.start); block; block = block.parent) {
    const branch = block.branches.findIndex((b) => m.start >= b.start && m.end <= b.end);
    if (branch === -1) continue;
    const openCondition = conditionOf(model.text.slice(block.open.contentStart, block.open.contentEnd), /^\s*(?:if|unless)\s+([^\s~]+)\s*$/);
    const elseTag = block.branches[branch].elseTag;
    const elseText = elseTag ? model.text.slice(elseTag.contentStart, elseTag.contentEnd) : '';
    if (branch === 0 && block.name === 'if' && openCondition === field) return true;
    if (branch > 0 && conditionOf(elseText, /^\s*else\s+if\s+([^\s~]+)\s*$/) === field) return true;
    if (branch > 0 && block.name === 'unless' && openCondition === field && /^\s*else\s*$/.test(elseText)) return true;
  }
  return false;
}

/** The property key whose value starts at `offset` in view 0, if any. */
function keyAt(root: Node | undefined, offset: number, source: string): string | undefined {
  if (!root) return undefined;
  const node = nodeAtOffset(root, offset);
  const property = node && owningProperty(node);
  return property ? keyOf(property, source) : undefined;
}
