/**
 * `unquoted-merge-field`: a merge field written as a bare JSON value (`"age": {{age}}`) renders
 * `"age": ,` when the field is blank, and Regal rejects the whole body; a helper written bare
 * (`{{now}}`) renders text without quotes. Not reported when the output can't be blank or is JSON
 * by design: inside `{{#if age}}` / `{{else if age}}` (or the else of `{{#unless age}}`) on the same
 * field, `{{defaultIfEmpty age 0}}` with a literal fallback, and helpers or loop variables whose output
 * the helper model says is a JSON value (`{{toJson x}}`, `{{timestamp}}`, `{{math a '+' 1}}`, `{{@index}}`).
 *
 * The advice depends on the key's type in the Regal schema: a boolean key needs
 * `{{#if f}}true{{else}}false{{/if}}`, a string key needs quotes.
 */
import type { Finding } from '../diagnosticCodes';
import { keyOf, nodeAtOffset, owningProperty, type Node } from '../json/jsonTree';
import { dataVariables, iterableHelpers, rendersBareJson } from '../iterable/iterableHelpers';
import { innermostBlockAt } from '../template/blockStructure';
import { isGuarded } from '../template/fieldGuards';
import type { ExpressionAnalysis } from '../template/expressionAnalyzer';
import { isValueLike } from '../template/jsonView';
import type { TemplateModel } from '../template/templateModel';
import { plain } from '../util/plainText';

/** `root` gives view 0's tree; it is only asked for when there is something to report. */
export function unquotedMergeFields(model: TemplateModel, root: () => Node | undefined, propertyTypes: ReadonlyMap<string, ReadonlySet<string>>): Finding[] {
  const findings: Finding[] = [];
  model.mustaches.forEach((m, i) => {
    if (m.inString || m.inComment || !m.closed || !isValueLike(m)) return;
    // Read, not kept: every value mustache outside a string passes here, and only a few are reported.
    const expression = model.expressionOnce(i);
    if (!expression || expression.error) return;
    if (rendersJsonValue(model.text.slice(m.contentStart, m.contentEnd), expression)) return;
    if (hasLiteralFallback(expression)) return;
    if (insideBlockRenderingNothing(model, m.start)) return;
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
  const shown = plain(written);
  if (field === undefined) return `Unquoted text: put ${shown} in double quotes. It renders text, and text without quotes is not JSON.`;
  const risk = `When ${plain(field)} is blank, Iterable renders an empty value here and Regal rejects the body.`;
  if (types?.has('boolean')) return `Unquoted merge field: render a real boolean, {{#if ${plain(field)}}}true{{else}}false{{/if}}. ${risk}`;
  if (types?.has('string')) return `Unquoted merge field: put ${shown} in double quotes. ${risk}`;
  return `Unquoted merge field: quote ${shown} for text, or write {{defaultIfEmpty ${plain(field)} 0}} for a number. ${risk}`;
}

/**
 * The helper model says the output is a JSON value by itself: a number (`{{math a '+' 1}}`,
 * `{{@index}}`), a boolean (`{{gt a 1}}` without `yes=`/`no=`, `{{@last}}`), JSON (`{{toJson x}}`)
 * or nothing at all (`{{sendSkip}}`).
 */
function rendersJsonValue(content: string, expression: ExpressionAnalysis): boolean {
  const head = expression.head;
  if (!head) return false;
  if (head.name.startsWith('@')) {
    const name = head.name.slice(1);
    return Object.hasOwn(dataVariables, name) && dataVariables[name as keyof typeof dataVariables].renders !== 'text';
  }
  const helper = head.isHelper ? iterableHelpers.get(head.name) : undefined;
  if (!helper || !rendersBareJson(helper.renders)) return false;
  return helper.renders !== 'boolean' || !/(?:^|\s)(?:yes|no)\s*=/.test(content);
}

/** Inside `{{#assign 'x'}}…{{/assign}}`, whose branch is stored as a string, never written into the JSON. */
function insideBlockRenderingNothing(model: TemplateModel, offset: number): boolean {
  for (let block = innermostBlockAt(model.blocks, offset); block; block = block.parent) {
    if (iterableHelpers.get(block.name)?.renders === 'nothing') return true;
  }
  return false;
}

function hasLiteralFallback(expression: ExpressionAnalysis): boolean {
  if (expression.head?.name !== 'defaultIfEmpty') return false;
  const fallback = expression.args[1];
  return fallback?.kind === 'literal' && fallback.value !== '' && fallback.value !== null && fallback.value !== undefined;
}

/** The property key whose value starts at `offset` in view 0, if any. */
function keyAt(root: Node | undefined, offset: number, source: string): string | undefined {
  if (!root) return undefined;
  const node = nodeAtOffset(root, offset);
  const property = node && owningProperty(node);
  return property ? keyOf(property, source) : undefined;
}
