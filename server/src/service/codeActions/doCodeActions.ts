/**
 * Quick fixes for the diagnostics the client sends back with a code-action request. Each diagnostic
 * is first matched to a finding of the current analysis (same code, same range): one that no longer
 * matches the text (the document changed since) gets no fix, and a fix reads the finding's current
 * `data`, never the message. Each family of fixes lives in its own file; none may throw, so a
 * failure in one family costs only that family's actions.
 *
 * Asked for `source.fixAll.regal` (`context.only`), it answers one action that applies the preferred
 * fix of every diagnostic of the file at once (see fixAllAction).
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isDiagnosticCode, type DiagnosticCode, type Finding, type FindingOf } from '../diagnosticCodes';
import { rules } from '../rules/registry';
import type { RuleFixes } from '../rules/ruleDefinition';
import { findProperty, valueOf } from '../json/jsonTree';
import type { PayloadAnalysis } from '../payloadAnalysis';
import type { WorkspaceContext } from '../workspace/workspaceContext';
import { workspaceFindings } from '../workspace/workspaceFindings';
import { removeAllCommentsFix } from './commentFixes';
import type { FixContext } from './fixContext';
import { legacyShapeFix } from './legacyShapeFix';
import { allQuotedBooleansFix } from './mergeFieldValueFixes';
import { append } from '../util/append';
import { ignoreInternalErrors, type InternalErrorHandler } from '../util/internalErrors';

/** Codes the findings of `workspaceFindings` may carry (the others come with the analysis). */
const WORKSPACE_CODES = new Set(['unknown-merge-field']);

/** The kind of the action that applies every preferred quick fix of the file (`editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.regal`;

export interface CodeActionOptions {
  /** The request's `context.only`: the kinds the client wants. Without it, quick fixes only. */
  only?: readonly unknown[];
  /** Every current diagnostic of the file, as published (for source.fixAll.regal); read only when it is asked for. */
  fileDiagnostics?: () => readonly Diagnostic[];
}

export function doCodeActions(
  document: TextDocument,
  range: Range,
  diagnostics: readonly Diagnostic[],
  analysis: PayloadAnalysis,
  workspace: WorkspaceContext,
  onError: InternalErrorHandler = ignoreInternalErrors,
  options: CodeActionOptions = {},
): CodeAction[] {
  /** Runs one fix family; a bug in it must not take the other fixes (or the request) down. */
  const safely = <T>(run: () => T, fallback: T, family: string): T => {
    try {
      return run();
    } catch (error) {
      onError(`code action: ${family}`, error);
      return fallback;
    }
  };
  const text = document.getText();
  // Findings by code and range, built once: a file with thousands of diagnostics must not match
  // each one by scanning all the others.
  const byPlace = indexFindings(analysis.findings);
  let fromWorkspace: Map<string, Finding[]> | undefined;
  const match = (sent: readonly Diagnostic[]): Matched[] => {
    const matched: Matched[] = [];
    const taken = new Set<Finding>();
    for (const diagnostic of Array.isArray(sent) ? sent : []) {
      const codeName = codeOf(diagnostic);
      if (!codeName || !isRange(diagnostic.range)) continue;
      const start = document.offsetAt(diagnostic.range.start);
      const end = document.offsetAt(diagnostic.range.end);
      let pool = byPlace;
      if (WORKSPACE_CODES.has(codeName))
        pool = fromWorkspace ??= indexFindings(safely(() => workspaceFindings(analysis, workspace, document.uri), [], 'workspace findings'));
      const finding = matchingFinding(pool.get(placeKey(codeName, start, end)) ?? [], diagnostic, taken);
      if (finding) {
        matched.push({ diagnostic, finding });
        taken.add(finding);
      }
    }
    return matched;
  };
  /** The quick fixes of one matched diagnostic (`all`: the diagnostics matched with it). */
  const fixesOf = ({ diagnostic, finding }: Matched, all: readonly Diagnostic[]): CodeAction[] => {
    const context: FixContext = { document, text, analysis, workspace, diagnostic, finding };
    const fixes = quickFixFamily(context, all);
    if (!fixes) return [];
    const result = safely(fixes, undefined, finding.code);
    return Array.isArray(result) ? result : result ? [result] : [];
  };

  const actions: CodeAction[] = [];
  if (wants(options.only, CodeActionKind.QuickFix)) {
    const matched = match(diagnostics);
    const matchedDiagnostics = matched.map((m) => m.diagnostic);
    for (const m of matched) append(actions, fixesOf(m, matchedDiagnostics));
    const comments = matchedOf(matched, 'comment');
    if (comments.length > 0) {
      const commentDiagnostics = comments.map((m) => m.diagnostic);
      const all = safely(() => removeAllCommentsFix({ document, text, analysis, workspace, ...comments[0] }, commentDiagnostics), undefined, 'all comments');
      if (all) actions.push(all);
    }
    const quoted = matchedOf(matched, 'quoted-boolean');
    if (quoted.length > 0) {
      const all = safely(() => allQuotedBooleansFix({ document, text, analysis, workspace, ...quoted[0] }, quoted), undefined, 'all quoted booleans');
      if (all) actions.push(all);
    }
    // The conversion is also offered on `traits.phone` / `traits.optIn` themselves, so it stays
    // reachable when the `legacy-shape` hint is turned off in the settings.
    const legacyOffered = matched.some((m) => m.finding.code === 'legacy-shape');
    if (!legacyOffered && isRange(range) && touchesLegacyKeys(document, range, analysis, text)) {
      const conversion = safely(() => legacyShapeFix({ document, analysis, text }, []), undefined, 'legacy-shape');
      if (conversion) actions.push(conversion);
    }
  }
  if (wantsFixAll(options.only) && options.fileDiagnostics) {
    const sent = safely(options.fileDiagnostics, [], 'fix all');
    const fixAll = fixAllAction(document, match(sent), fixesOf);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

interface Matched {
  diagnostic: Diagnostic;
  finding: Finding;
}

/**
 * The quick fixes the finding's rule declares (rules/registry.ts), as a thunk for `safely`;
 * undefined for rules without fixes.
 */
function quickFixFamily(context: FixContext, all: readonly Diagnostic[]): (() => CodeAction | CodeAction[] | undefined) | undefined {
  const fixes = rules[context.finding.code].fixes as RuleFixes<DiagnosticCode, unknown> | undefined;
  // The finding's own code chose the rule, so the finding is that rule's; TypeScript cannot relate
  // the two unions (code and rule) by itself.
  return fixes && (() => fixes(context as Parameters<typeof fixes>[0], all));
}

/** Matched diagnostics whose finding has code `C`, with the finding typed as that rule's. */
function matchedOf<C extends DiagnosticCode>(matched: readonly Matched[], code: C): Array<Matched & { finding: FindingOf<C> }> {
  return matched.filter((m): m is Matched & { finding: FindingOf<C> } => m.finding.code === code);
}

/**
 * source.fixAll.regal: the preferred quick fix of every diagnostic of the file, in document order,
 * as one edit. A fix whose edits overlap, touch or lie next to (only white space between) those of
 * a fix already taken is left out: each fix was worked out on the text the other changes, so
 * together they may not mean what either says; the next run offers it again on the new text.
 * Fixes worked out alone may still interact (a key renamed into a duplicate of one another fix
 * keeps), so the action names no diagnostic as cleared: the diagnostics of the result say what is
 * left. Undefined when no diagnostic has a preferred fix.
 */
function fixAllAction(
  document: TextDocument,
  matched: readonly Matched[],
  fixesOf: (m: Matched, all: readonly Diagnostic[]) => CodeAction[],
): CodeAction | undefined {
  const all = matched.map((m) => m.diagnostic);
  const text = document.getText();
  const taken: Array<{ start: number; end: number }> = [];
  const edits: TextEdit[] = [];
  const fixed = new Set<Diagnostic>();
  const ordered = [...matched].sort((a, b) => a.finding.start - b.finding.start || a.finding.end - b.finding.end);
  for (const m of ordered) {
    if (fixed.has(m.diagnostic)) continue;
    const preferred = fixesOf(m, all).find((a) => a.isPreferred && a.kind === CodeActionKind.QuickFix);
    const own = preferred?.edit?.changes?.[document.uri];
    if (!preferred || !own || own.length === 0) continue;
    const spans = own.map((e) => ({ start: document.offsetAt(e.range.start), end: document.offsetAt(e.range.end) }));
    if (spans.some((s) => taken.some((t) => overlap(s, t) || onlySpaceBetween(text, s, t)))) continue;
    append(taken, spans);
    append(edits, own);
    // A fix may clear more than its own diagnostic (an opt-in item missing both keys).
    for (const d of preferred.diagnostics ?? [m.diagnostic]) fixed.add(d);
  }
  if (edits.length === 0) return undefined;
  edits.sort((a, b) => document.offsetAt(a.range.start) - document.offsetAt(b.range.start) || document.offsetAt(a.range.end) - document.offsetAt(b.range.end));
  const count = fixed.size;
  return {
    title: `Fix all auto-fixable Regal problems (${count} ${count === 1 ? 'problem' : 'problems'})`,
    kind: FIX_ALL_KIND,
    edit: { changes: { [document.uri]: edits } },
  };
}

/**
 * Rewrites with only white space between them change one spot: each fix was worked out on the text
 * the other changes (a comment removed next to a comma another fix moves), so they are not combined.
 */
function onlySpaceBetween(text: string, a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  // An insertion (a missing comma) does not read the text around it the way a rewrite does.
  if (a.start === a.end || b.start === b.end) return false;
  const [first, second] = a.start <= b.start ? [a, b] : [b, a];
  return first.end <= second.start && /^\s*$/.test(text.slice(first.end, second.start));
}

/**
 * Two edits that are not independent: their spans overlap, both insert at the same offset, or one
 * inserts inside the other's span or at its end, after text the other deletes (a comma after a
 * member that another fix removes). An insertion where a deletion starts follows text that stays.
 */
function overlap(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  if (a.start < b.end && b.start < a.end) return true;
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  const inserts = (x: { start: number; end: number }, y: { start: number; end: number }) => x.start === x.end && y.start < x.start && x.start <= y.end;
  return inserts(a, b) || inserts(b, a);
}

/** Whether a request whose `context.only` is `only` asks for source.fixAll.regal (explicitly: it is never computed unasked). */
export function wantsFixAll(only: unknown): boolean {
  return Array.isArray(only) && wants(only, FIX_ALL_KIND);
}

/** Whether a request whose `only` is `only` wants actions of `kind` (a kind includes its sub-kinds: `source` asks for `source.fixAll.regal`). */
function wants(only: readonly unknown[] | undefined, kind: string): boolean {
  if (!Array.isArray(only)) return true;
  return only.some((k) => typeof k === 'string' && (k === '' || k === kind || kind.startsWith(`${k}.`)));
}

function codeOf(diagnostic: Diagnostic): string | undefined {
  if (typeof diagnostic !== 'object' || diagnostic === null) return undefined;
  if (diagnostic.source !== undefined && diagnostic.source !== 'regal') return undefined;
  const data = diagnostic.data as { code?: unknown } | undefined;
  // VS Code's own diagnostics carry `code` as `{ value, target }`; a client may forward that shape.
  const sent = diagnostic.code as unknown;
  const written = typeof sent === 'object' && sent !== null ? (sent as { value?: unknown }).value : sent;
  const name = typeof data === 'object' && data !== null && typeof data.code === 'string' ? data.code : written;
  return typeof name === 'string' && (isDiagnosticCode(name) || WORKSPACE_CODES.has(name)) ? name : undefined;
}

/**
 * The finding a diagnostic stands for. Two findings may share a code and a range (an empty opt-in
 * item misses both `channel` and `subscribed`): the one whose data the diagnostic carries, else one
 * no other diagnostic of the request took, so each finding's fixes are offered once.
 */
function placeKey(code: string, start: number, end: number): string {
  return `${code}:${start}:${end}`;
}

function indexFindings(findings: readonly Finding[]): Map<string, Finding[]> {
  const index = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = placeKey(finding.code, finding.start, finding.end);
    const list = index.get(key);
    if (list) list.push(finding);
    else index.set(key, [finding]);
  }
  return index;
}

/**
 * The finding a diagnostic stands for among those with its code and range. Two can share both (an
 * empty opt-in item misses `channel` and `subscribed`): the one whose data the diagnostic carries,
 * else one no other diagnostic took.
 */
function matchingFinding(candidates: readonly Finding[], diagnostic: Diagnostic, taken: ReadonlySet<Finding>): Finding | undefined {
  if (candidates.length <= 1) return candidates[0];
  const sent = typeof diagnostic.data === 'object' && diagnostic.data !== null ? (diagnostic.data as Record<string, unknown>) : undefined;
  const sameData = (f: Finding) =>
    sent !== undefined && Object.entries(f.data ?? {}).every(([key, value]) => JSON.stringify(sent[key]) === JSON.stringify(value));
  return candidates.find((f) => sameData(f) && !taken.has(f)) ?? candidates.find((f) => !taken.has(f)) ?? candidates[0];
}

function isRange(range: unknown): range is Range {
  const isPosition = (p: unknown) =>
    typeof p === 'object' && p !== null && Number.isInteger((p as { line: unknown }).line) && Number.isInteger((p as { character: unknown }).character);
  return typeof range === 'object' && range !== null && isPosition((range as Range).start) && isPosition((range as Range).end);
}

function touchesLegacyKeys(document: TextDocument, range: Range, analysis: PayloadAnalysis, text: string): boolean {
  const traits = valueOf(findProperty(analysis.root, 'traits', text));
  const start = document.offsetAt(range.start);
  const end = document.offsetAt(range.end);
  // The whole `phone` property, but only the key of `optIn`: its items have fixes of their own.
  const phone = findProperty(traits, 'phone', text);
  const optInKey = findProperty(traits, 'optIn', text)?.children?.[0];
  const touches = (node: { offset: number; length: number } | undefined) => node !== undefined && start <= node.offset + node.length && end >= node.offset;
  return touches(phone) || touches(optInKey);
}
