/**
 * Fixes for a merge field whose rendered text is the wrong JSON:
 * - `quoted-boolean` (`"subscribed": "{{f}}"` sends a string): render a real boolean with a block,
 *   `{{#if f}}true{{else}}false{{/if}}` for a boolean field, `{{#ifEq f 'true'}}…{{/ifEq}}` for a
 *   text field holding "true"/"false" (where `{{#if}}` would take "false" as true: any non-empty
 *   string is truthy in Handlebars, docs/iterable.md §2). The field's Iterable type decides; without one
 *   both are offered, the boolean form first, neither preferred.
 *   "Fix all quoted booleans in this file" applies the preferred form to each quoted boolean of the
 *   file, leaving out (and counting in its title) those whose field has no known type.
 * - `unquoted-merge-field` (`"age": {{age}}` renders `"age": ,` when blank): the advice the lint
 *   gives, by the key's schema type and then the field's type: a real boolean, quotes, or
 *   `{{defaultIfEmpty age 0}}` so a number always renders.
 */
import type { FindingOf } from '../diagnosticCodes';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { ExpressionAnalysis } from '../template/expressionAnalyzer';
import { lastStartingBefore } from '../template/mustacheLookup';
import type { Mustache } from '../template/mustacheScanner';
import { resolveField } from '../workspace/fieldCatalog';
import { code, quickFix, replace, stringListData, type FixContext, type OffsetEdit } from './fixContext';

type FieldKind = 'boolean' | 'string' | 'number' | 'other' | 'unknown';

const NUMBER_TYPES = new Set(['long', 'double', 'integer', 'int', 'float', 'number']);
const STRING_TYPES = new Set(['string', 'date']);

export function quotedBooleanFixes(context: FixContext<FindingOf<'quoted-boolean'>>): CodeAction[] {
  const { finding, text } = context;
  const inner = mustacheAt(context, finding.start + 1);
  if (!inner || inner.mustache.end !== finding.end - 1 || text[finding.start] !== '"' || text[finding.end - 1] !== '"') return [];
  const condition = plainPath(context, inner.mustache, inner.expression);
  if (!condition) return [];
  const kind = fieldKind(context, inner.expression);
  const forms = kind === 'string' ? [textForm(condition)] : kind === 'unknown' ? [booleanForm(condition), textForm(condition)] : [booleanForm(condition)];
  return asActions(context, forms, kind !== 'unknown');
}

/**
 * One action for every quoted boolean of the file, offered with two or more that have a fix: each
 * gets its preferred form; one whose field type is unknown (no form preferred) is left as it is and
 * the title says which ("Fix 3 of 4 quoted booleans (the 4th needs a type)"). `requested` are the
 * quoted-boolean diagnostics of the request with their findings: those it fixes are the ones it names.
 */
export function allQuotedBooleansFix(
  context: FixContext<FindingOf<'quoted-boolean'>>,
  requested: ReadonlyArray<{ diagnostic: Diagnostic; finding: FixContext['finding'] }>,
): CodeAction | undefined {
  const findings = context.analysis.findings.filter((f) => f.code === 'quoted-boolean');
  if (findings.length < 2) return undefined;
  const edits: OffsetEdit[] = [];
  const needsType: number[] = [];
  const fixedFindings = new Set<FixContext['finding']>();
  let fixable = 0;
  let lastEnd = -1;
  for (const finding of findings) {
    const forms = quotedBooleanFixes({ ...context, finding });
    if (forms.length === 0) continue;
    fixable++;
    const preferred = forms.find((f) => f.isPreferred);
    if (!preferred || finding.start < lastEnd) {
      needsType.push(fixable);
      continue;
    }
    edits.push(replace(finding.start, finding.end, preferred.edit?.changes?.[context.document.uri]?.[0]?.newText ?? ''));
    fixedFindings.add(finding);
    lastEnd = finding.end;
  }
  if (fixable < 2 || edits.length === 0) return undefined;
  const title =
    needsType.length === 0 ? 'Fix all quoted booleans in this file' : `Fix ${edits.length} of ${fixable} quoted booleans (${which(needsType)} a type)`;
  const diagnostics = requested.filter((r) => fixedFindings.has(r.finding)).map((r) => r.diagnostic);
  return quickFix(title, context, diagnostics, edits);
}

/** "the 4th needs", "the 2nd and 4th need", "5 need". */
function which(positions: readonly number[]): string {
  if (positions.length > 3) return `${positions.length} need`;
  const ordinals = positions.map(ordinal);
  const list = ordinals.length === 1 ? ordinals[0] : `${ordinals.slice(0, -1).join(', ')} and ${ordinals[ordinals.length - 1]}`;
  return `the ${list} ${positions.length === 1 ? 'needs' : 'need'}`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

export function unquotedMergeFieldFixes(context: FixContext<FindingOf<'unquoted-merge-field'>>): CodeAction[] {
  const { finding, text } = context;
  const found = mustacheAt(context, finding.start);
  if (!found || found.mustache.end !== finding.end) return [];
  const written = text.slice(finding.start, finding.end);
  const quote = { title: `Put it in quotes: ${code(`"${written}"`)}`, text: `"${written}"` };
  const condition = plainPath(context, found.mustache, found.expression);
  const keyTypes = stringListData(finding, 'expectedTypes');
  const kind = fieldKind(context, found.expression);
  let forms: Array<{ title: string; text: string }>;
  // Whether the first form is surely the one meant: the key's schema type or the field's type decides.
  let decided = true;
  if (!condition) forms = keyTypes.includes('boolean') ? [] : [quote];
  else if (keyTypes.includes('boolean')) {
    decided = kind !== 'unknown';
    forms = kind === 'string' ? [textForm(condition)] : decided ? [booleanForm(condition)] : [booleanForm(condition), textForm(condition)];
  } else if (keyTypes.includes('string')) forms = [quote];
  else if (kind === 'boolean') forms = [booleanForm(condition), quote];
  else if (kind === 'string') forms = [quote];
  else {
    const fallback = `{{defaultIfEmpty ${condition} 0}}`;
    const number = { title: `Render 0 when ${code(condition)} is blank: ${code(fallback)}`, text: fallback };
    decided = kind === 'number';
    forms = decided ? [number] : [number, quote];
  }
  return asActions(context, forms, decided);
}

/**
 * The forms as actions, the first one preferred only when `decided`: Auto Fix applies a preferred
 * fix unseen, and a guessed form can change what is sent (`{{#if f}}` on a text field holding
 * "false" sends `true`, an opt-in the contact never gave).
 */
function asActions(context: FixContext, forms: ReadonlyArray<{ title: string; text: string }>, decided: boolean): CodeAction[] {
  const { finding } = context;
  return forms.map((form, i) => quickFix(form.title, context, [context.diagnostic], [replace(finding.start, finding.end, form.text)], decided && i === 0));
}

function booleanForm(condition: string): { title: string; text: string } {
  const text = `{{#if ${condition}}}true{{else}}false{{/if}}`;
  return { title: `Render a real boolean: ${code(text)}`, text };
}

function textForm(condition: string): { title: string; text: string } {
  const text = `{{#ifEq ${condition} 'true'}}true{{else}}false{{/ifEq}}`;
  return { title: `Render a real boolean from the text "true": ${code(text)}`, text };
}

function mustacheAt(context: FixContext, start: number): { mustache: Mustache; expression: ExpressionAnalysis | undefined } | undefined {
  const { mustaches } = context.analysis.template;
  const i = lastStartingBefore(mustaches, start + 1);
  const mustache = mustaches[i];
  if (!mustache || mustache.start !== start || !mustache.closed || (mustache.kind !== 'expression' && mustache.kind !== 'unescaped')) return undefined;
  // Written inside a tag left open (`{{[First{{a.b}} Name]}}`, which the scanner cuts at this `{{`):
  // an edit here changes where that tag ends, so no fix can tell what it renders.
  const before = mustaches[i - 1];
  if (before && !before.closed && before.end === start) return undefined;
  return { mustache, expression: context.analysis.template.expressionAt(i) };
}

/** The merge field as written (`[Field Name]`, `profile.optIn`) when the mustache is just a field, no helper. */
function plainPath(context: FixContext, mustache: Mustache, expression: ExpressionAnalysis | undefined): string | undefined {
  if (!expression || expression.error || !expression.head || expression.head.isHelper || expression.args.length > 0) return undefined;
  const written = context.text.slice(mustache.contentStart, mustache.contentEnd).trim();
  return written && !/[{}]/.test(written) ? written : undefined;
}

/** The field's type from the user's catalog, else from Iterable's standard fields (resolved as the catalog checks do). */
function fieldKind(context: FixContext, expression: ExpressionAnalysis | undefined): FieldKind {
  const name = expression?.head && !expression.head.isHelper ? expression.head.name : expression?.fields[0]?.name;
  if (!name) return 'unknown';
  const type = resolveField(name, context.workspace.catalog)?.type?.toLowerCase();
  if (type === undefined) return 'unknown';
  if (type === 'boolean') return 'boolean';
  if (STRING_TYPES.has(type)) return 'string';
  if (NUMBER_TYPES.has(type)) return 'number';
  return 'other';
}
