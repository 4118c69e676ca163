/**
 * The Regal payload language service: pure (no `vscode`, no I/O), working on TextDocuments and
 * returning LSP types, so the server, the CLI and the tests all call the same code. Every feature
 * reads the same cached analysis of a document version; what lies outside the document (the
 * merge-field catalog, the other payload files) comes in as a WorkspaceContext.
 *
 * Limits (limits.ts): a document over MAX_DOCUMENT_BYTES is never analysed (one diagnostic says so,
 * every other feature answers nothing), and at most MAX_DIAGNOSTICS diagnostics are reported. The
 * long features (outline, folding, selection, formatting) also come as steps (util/steps.ts) that
 * the server runs a slice at a time; the plain methods run them at once, asking `isCancelled`
 * between slices.
 */
import {
  DiagnosticSeverity,
  type CodeAction,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type FoldingRange,
  type FormattingOptions,
  type Hover,
  type Position,
  type Range,
  type SelectionRange,
  type TextEdit,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { doCodeActions } from './codeActions/doCodeActions';
import { doComplete } from './completion/doComplete';
import type { Finding } from './diagnosticCodes';
import { doHover } from './hover/doHover';
import { analyzePayload, type PayloadAnalysis } from './payloadAnalysis';
import { createSchemaValidator, type SchemaValidator } from './schema/schemaValidator';
import { defaultSettings, severityOf, type SeveritySetting, type ValidationSettings } from './settings';
import { findDocumentSymbols, format, getFoldingRanges, getSelectionRanges } from './structure/documentStructure';
import { isTooLarge } from './limits';
import { capFindings, tooLargeFinding } from './limitedFindings';
import { done, runSteps, type CancellationCheck, type Steps } from './util/steps';
import { summarizePayload } from './workspace/summarizePayload';
import { emptyWorkspace, type FieldCatalog, type PayloadFileSummary, type WorkspaceContext } from './workspace/workspaceContext';
import { workspaceFindings } from './workspace/workspaceFindings';
import { refineWithCatalog } from './workspace/catalogRefinement';
import { parseFieldCatalog } from './workspace/fieldCatalog';
import type { InternalErrorHandler } from './util/internalErrors';

import { DIAGNOSTIC_SOURCE } from '../protocol/contract';

export { DIAGNOSTIC_SOURCE };

export interface LanguageServiceOptions {
  /** The JSON Schema of Regal's events API body (schemas/regal-event.schema.json). */
  schema: Record<string, unknown>;
  /**
   * Told of every analysis the service computes (a cache miss: a document version seen for the
   * first time): the server logs slow ones, tests count them to prove each version is parsed once.
   */
  onAnalyzed?: (event: AnalyzedEvent) => void;
  /**
   * The clock `onAnalyzed` measures with, in milliseconds (the host's `performance.now`); Date.now
   * by default. Injected: the service has no timers or host globals of its own.
   */
  now?: () => number;
  /**
   * Told of errors a feature caught to answer anyway (a hover that failed is no hover, a fix family
   * that failed offers nothing): for the server's log, and for the fuzz tests, which fail on them.
   */
  onInternalError?: InternalErrorHandler;
}

export interface AnalyzedEvent {
  uri: string;
  version: number;
  /** Characters of the analysed text. */
  length: number;
  milliseconds: number;
}

export interface CodeActionContextOptions {
  /** The request's `context.only`. */
  only?: readonly unknown[];
  /** The document's settings, for source.fixAll.regal (defaults otherwise). */
  settings?: ValidationSettings;
}

export interface LanguageService {
  doValidation(document: TextDocument, settings?: ValidationSettings, workspace?: WorkspaceContext): Diagnostic[];
  /** `triggerCharacter`: the character whose typing asked for the list, if one did (LSP CompletionContext). */
  doComplete(document: TextDocument, position: Position, workspace?: WorkspaceContext, triggerCharacter?: string): CompletionList;
  doHover(document: TextDocument, position: Position, workspace?: WorkspaceContext): Hover | null;
  /**
   * Quick fixes for the given diagnostics (as the client sends them back) and the range; with
   * `context.only` asking for it, the source.fixAll.regal action, which fixes the file's diagnostics
   * under `context.settings` (the settings decide which codes are reported, so which are fixed).
   */
  doCodeActions(
    document: TextDocument,
    range: Range,
    diagnostics: readonly Diagnostic[],
    workspace?: WorkspaceContext,
    context?: CodeActionContextOptions,
  ): CodeAction[];
  findDocumentSymbols(document: TextDocument, isCancelled?: CancellationCheck): DocumentSymbol[];
  getFoldingRanges(document: TextDocument, isCancelled?: CancellationCheck): FoldingRange[];
  getSelectionRanges(document: TextDocument, positions: readonly Position[], isCancelled?: CancellationCheck): SelectionRange[];
  /** Re-indents the JSON (the whole document, or `range`), never touching what is inside `{{ }}`. */
  format(document: TextDocument, range: Range | undefined, options: FormattingOptions, isCancelled?: CancellationCheck): TextEdit[];
  /** The same four features in steps, for a caller that runs them a slice at a time (the server). */
  steps: {
    findDocumentSymbols(document: TextDocument): Steps<DocumentSymbol[]>;
    getFoldingRanges(document: TextDocument): Steps<FoldingRange[]>;
    getSelectionRanges(document: TextDocument, positions: readonly Position[]): Steps<SelectionRange[]>;
    format(document: TextDocument, range: Range | undefined, options: FormattingOptions): Steps<TextEdit[]>;
  };
  /** Over the size limit (limits.ts): such a document is never analysed, and features answer nothing. */
  isTooLarge(document: TextDocument): boolean;
  /** What this document contributes to workspace-wide features (other documents' WorkspaceContext). */
  summarize(document: TextDocument): PayloadFileSummary;
  /** Reads a merge-field catalog file (regal.fieldsFile); a catalog with problems yields only diagnostics for it. */
  loadFieldCatalog(document: TextDocument, settings?: ValidationSettings): { catalog?: FieldCatalog; diagnostics: Diagnostic[] };
  /** The analysis of a document version, cached: every feature shares it. */
  analyze(document: TextDocument): PayloadAnalysis;
  /** Forgets cached analyses of a closed document. */
  forget(uri: string): void;
}

export function createLanguageService(options: LanguageServiceOptions): LanguageService {
  const validator: SchemaValidator = createSchemaValidator(options.schema);
  const now = options.now ?? (() => Date.now());
  const cache = new Map<string, { version: number; analysis: PayloadAnalysis }>();

  const analyze = (document: TextDocument): PayloadAnalysis => {
    const cached = cache.get(document.uri);
    if (cached && cached.version === document.version) return cached.analysis;
    const text = document.getText();
    const started = now();
    const analysis = analyzePayload(text, validator);
    cache.set(document.uri, { version: document.version, analysis });
    options.onAnalyzed?.({ uri: document.uri, version: document.version, length: text.length, milliseconds: now() - started });
    return analysis;
  };

  // Size is decided once per version, like the analysis (counting UTF-8 bytes reads the whole text).
  const sizes = new Map<string, { version: number; tooLarge: boolean }>();
  const tooLarge = (document: TextDocument): boolean => {
    const known = sizes.get(document.uri);
    if (known && known.version === document.version) return known.tooLarge;
    const result = isTooLarge(document.getText());
    sizes.set(document.uri, { version: document.version, tooLarge: result });
    return result;
  };
  /** A long feature's steps: nothing for a document over the limit, the analysis as the first slice otherwise. */
  function* withAnalysis<T>(document: TextDocument, nothing: T, feature: (analysis: PayloadAnalysis) => Steps<T>): Steps<T> {
    if (tooLarge(document)) return nothing;
    const analysis = analyze(document);
    yield;
    return yield* feature(analysis);
  }
  const steps: LanguageService['steps'] = {
    findDocumentSymbols: (document) => withAnalysis(document, [], (analysis) => findDocumentSymbols(document, analysis)),
    getFoldingRanges: (document) => withAnalysis(document, [], (analysis) => getFoldingRanges(document, analysis)),
    getSelectionRanges: (document, positions) =>
      // Over the limit, each position selects itself: an answer per position is what clients expect.
      tooLarge(document)
        ? done(positions.map((p) => ({ range: { start: p, end: p } })))
        : withAnalysis(document, [], (analysis) => getSelectionRanges(document, positions, analysis)),
    format: (document, range, formatting) => withAnalysis(document, [], (analysis) => format(document, range, formatting, analysis)),
  };

  const service: LanguageService = {
    analyze,
    isTooLarge: tooLarge,
    forget(uri) {
      cache.delete(uri);
      sizes.delete(uri);
    },
    doValidation(document, settings = defaultSettings, workspace = emptyWorkspace) {
      if (!settings.enable) return [];
      if (tooLarge(document)) {
        const severity = severityOf('document-too-large', settings);
        return severity === 'off' ? [] : [toDiagnostic(document, tooLargeFinding(document.getText()), severity)];
      }
      const analysis = analyze(document);
      const reported: Array<{ finding: Finding; severity: Exclude<SeveritySetting, 'off'> }> = [];
      const own = analysis.findings.map((finding) => refineWithCatalog(finding, workspace.catalog));
      for (const finding of [...own, ...workspaceFindings(analysis, workspace, document.uri)]) {
        const severity = severityOf(finding.code, settings);
        if (severity !== 'off') reported.push({ finding, severity });
      }
      const tooMany = severityOf('too-many-problems', settings);
      const { kept, more } = capFindings(reported, tooMany);
      const diagnostics = kept.map(({ finding, severity }) => toDiagnostic(document, finding, severity));
      if (more && tooMany !== 'off') diagnostics.push(toDiagnostic(document, more, tooMany));
      return diagnostics;
    },
    doComplete: (document, position, workspace = emptyWorkspace, triggerCharacter) =>
      tooLarge(document) ? { isIncomplete: false, items: [] } : doComplete(document, position, analyze(document), validator, workspace, triggerCharacter),
    doHover: (document, position, workspace = emptyWorkspace) =>
      tooLarge(document) ? null : doHover(document, position, analyze(document), validator, workspace, options.onInternalError),
    doCodeActions(document, range, diagnostics, workspace = emptyWorkspace, context = {}) {
      if (tooLarge(document)) return [];
      const fileDiagnostics = () => service.doValidation(document, context.settings, workspace);
      return doCodeActions(document, range, diagnostics, analyze(document), workspace, options.onInternalError, { only: context.only, fileDiagnostics });
    },
    steps,
    findDocumentSymbols: (document, isCancelled) => runSteps(steps.findDocumentSymbols(document), isCancelled),
    getFoldingRanges: (document, isCancelled) => runSteps(steps.getFoldingRanges(document), isCancelled),
    getSelectionRanges: (document, positions, isCancelled) => runSteps(steps.getSelectionRanges(document, positions), isCancelled),
    format: (document, range, formatting, isCancelled) => runSteps(steps.format(document, range, formatting), isCancelled),
    // A document over the limit contributes nothing to the workspace's cross-file checks.
    summarize: (document) =>
      tooLarge(document)
        ? { uri: document.uri, mergeFields: new Map(), eventNames: [], valueTypes: new Map(), stringValues: new Map() }
        : summarizePayload(document, analyze(document)),
    loadFieldCatalog(document, settings = defaultSettings) {
      const { catalog, problems } = parseFieldCatalog(document.uri, document.getText());
      const severity = severityOf('invalid-catalog', settings);
      const diagnostics = severity === 'off' ? [] : problems.map((problem) => toDiagnostic(document, problem, severity));
      return { catalog, diagnostics };
    },
  };
  return service;
}

const SEVERITIES: Record<Exclude<SeveritySetting, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

function toDiagnostic(document: TextDocument, finding: Finding, severity: Exclude<SeveritySetting, 'off'>): Diagnostic {
  const diagnostic: Diagnostic = {
    range: { start: document.positionAt(finding.start), end: document.positionAt(finding.end) },
    severity: SEVERITIES[severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.code,
    // A finding of another view than the first says which branch it depends on (payloadAnalysis.ts).
    message: finding.branch ? `${finding.message} ${finding.branch}` : finding.message,
    data: { code: finding.code, ...finding.data },
  };
  const related = [
    ...(finding.related ?? []).map((r) => ({
      location: { uri: document.uri, range: { start: document.positionAt(r.start), end: document.positionAt(r.end) } },
      message: r.message,
    })),
    ...(finding.relatedElsewhere ?? []).map((r) => ({ location: { uri: r.uri, range: r.range }, message: r.message })),
  ];
  if (related.length > 0) diagnostic.relatedInformation = related;
  return diagnostic;
}
