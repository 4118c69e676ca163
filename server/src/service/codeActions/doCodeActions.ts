/**
 * Quick fixes for the diagnostics the client sends back with a code-action request. Each diagnostic
 * is first matched to a finding of the current analysis (same code, same range): one that no longer
 * matches the text (the document changed since) gets no fix, and a fix reads the finding's current
 * `data`, never the message. Each family of fixes lives in its own file; none may throw, so a
 * failure in one family costs only that family's actions.
 */
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isDiagnosticCode, type Finding } from '../diagnosticCodes';
import { findProperty, valueOf } from '../json/jsonTree';
import type { PayloadAnalysis } from '../payloadAnalysis';
import type { WorkspaceContext } from '../workspace/workspaceContext';
import { workspaceFindings } from '../workspace/workspaceFindings';
import { removeAllCommentsFix, removeCommentFix } from './commentFixes';
import { duplicateKeyFix } from './duplicateKeyFixes';
import type { FixContext } from './fixContext';
import { comparisonGuardFix, nestedDoubleQuotesFix } from './helperFixes';
import { legacyShapeFix } from './legacyShapeFix';
import { quotedBooleanFixes, unquotedMergeFieldFixes } from './mergeFieldValueFixes';
import { optInChannelFixes, optInRequiredFixes } from './optInFixes';
import { phoneFormatFix } from './phoneFixes';
import { unknownMergeFieldFixes, unknownPropertyFixes } from './renameFixes';
import { templateSyntaxFix } from './templateSyntaxFixes';
import { trailingCommaFix } from './trailingCommaFixes';
import { typeFix } from './typeFixes';
import { ignoreInternalErrors, type InternalErrorHandler } from '../util/internalErrors';

/** Codes the findings of `workspaceFindings` may carry (the others come with the analysis). */
const WORKSPACE_CODES = new Set(['unknown-merge-field']);

export function doCodeActions(
  document: TextDocument,
  range: Range,
  diagnostics: readonly Diagnostic[],
  analysis: PayloadAnalysis,
  workspace: WorkspaceContext,
  onError: InternalErrorHandler = ignoreInternalErrors,
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
  const actions: CodeAction[] = [];
  // Findings by code and range, built once: a file with thousands of diagnostics must not match
  // each one by scanning all the others.
  const byPlace = indexFindings(analysis.findings);
  let fromWorkspace: Map<string, Finding[]> | undefined;
  const matched: Array<{ diagnostic: Diagnostic; finding: Finding }> = [];
  const taken = new Set<Finding>();
  for (const diagnostic of Array.isArray(diagnostics) ? diagnostics : []) {
    const codeName = codeOf(diagnostic);
    if (!codeName || !isRange(diagnostic.range)) continue;
    const start = document.offsetAt(diagnostic.range.start);
    const end = document.offsetAt(diagnostic.range.end);
    let pool = byPlace;
    if (WORKSPACE_CODES.has(codeName)) pool = fromWorkspace ??= indexFindings(safely(() => workspaceFindings(analysis, workspace, document.uri), [], 'workspace findings'));
    const finding = matchingFinding(pool.get(placeKey(codeName, start, end)) ?? [], diagnostic, taken);
    if (finding) {
      matched.push({ diagnostic, finding });
      taken.add(finding);
    }
  }
  const matchedDiagnostics = matched.map((m) => m.diagnostic);

  const commentDiagnostics = matched.filter((m) => m.finding.code === 'comment').map((m) => m.diagnostic);
  let legacyOffered = false;
  for (const { diagnostic, finding } of matched) {
    const context: FixContext = { document, text, analysis, workspace, diagnostic, finding };
    const add = (fixes: () => CodeAction | CodeAction[] | undefined) => {
      const result = safely(fixes, undefined, finding.code);
      if (Array.isArray(result)) actions.push(...result);
      else if (result) actions.push(result);
    };
    switch (finding.code as string) {
      case 'comment':
        add(() => removeCommentFix(context));
        break;
      case 'trailing-comma':
        add(() => trailingCommaFix(context));
        break;
      case 'optin-channel':
        add(() => optInChannelFixes(context));
        break;
      case 'optin-required':
        add(() => optInRequiredFixes(context, matchedDiagnostics));
        break;
      case 'quoted-boolean':
        add(() => quotedBooleanFixes(context));
        break;
      case 'unquoted-merge-field':
        add(() => unquotedMergeFieldFixes(context));
        break;
      case 'unknown-property':
        add(() => unknownPropertyFixes(context));
        break;
      case 'unknown-merge-field':
        add(() => unknownMergeFieldFixes(context));
        break;
      case 'phone-format':
      case 'phone-not-e164':
        add(() => phoneFormatFix(context));
        break;
      case 'duplicate-key':
        add(() => duplicateKeyFix(context));
        break;
      case 'type':
        add(() => typeFix(context));
        break;
      case 'handlebars-syntax':
        add(() => templateSyntaxFix(context));
        break;
      case 'nested-double-quotes':
        add(() => nestedDoubleQuotesFix(context));
        break;
      case 'comparison-on-missing-field':
        add(() => comparisonGuardFix(context));
        break;
      case 'legacy-shape':
        legacyOffered = true;
        add(() => legacyShapeFix(context, [diagnostic]));
        break;
    }
  }
  if (commentDiagnostics.length > 0) {
    const first = matched.find((m) => m.finding.code === 'comment');
    const all = first && safely(() => removeAllCommentsFix({ document, text, analysis, workspace, ...first }, commentDiagnostics), undefined, 'all comments');
    if (all) actions.push(all);
  }
  // The conversion is also offered on `traits.phone` / `traits.optIn` themselves, so it stays
  // reachable when the `legacy-shape` hint is turned off in the settings.
  if (!legacyOffered && isRange(range) && touchesLegacyKeys(document, range, analysis, text)) {
    const conversion = safely(() => legacyShapeFix({ document, analysis, text }, []), undefined, 'legacy-shape');
    if (conversion) actions.push(conversion);
  }
  return actions;
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
  const sameData = (f: Finding) => sent !== undefined && Object.entries(f.data ?? {}).every(([key, value]) => JSON.stringify(sent[key]) === JSON.stringify(value));
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
