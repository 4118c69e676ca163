/**
 * The Regal payload language service: pure (no `vscode`, no I/O), working on TextDocuments and
 * returning LSP types, so the server, the CLI and the tests all call the same code.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from './diagnosticCodes';
import { analyzePayload, type PayloadAnalysis } from './payloadAnalysis';
import { createSchemaValidator } from './schema/schemaValidator';
import { defaultSettings, severityOf, type SeveritySetting, type ValidationSettings } from './settings';

export const DIAGNOSTIC_SOURCE = 'regal';

export interface LanguageServiceOptions {
  /** The JSON Schema of Regal's events API body (schemas/regal-event.schema.json). */
  schema: Record<string, unknown>;
}

export interface LanguageService {
  doValidation(document: TextDocument, settings?: ValidationSettings): Diagnostic[];
  /** The analysis of a document version, cached: later features (completion, hover) share it. */
  analyze(document: TextDocument): PayloadAnalysis;
  /** Forgets cached analyses of a closed document. */
  forget(uri: string): void;
}

export function createLanguageService(options: LanguageServiceOptions): LanguageService {
  const validator = createSchemaValidator(options.schema);
  const cache = new Map<string, { version: number; analysis: PayloadAnalysis }>();

  const analyze = (document: TextDocument): PayloadAnalysis => {
    const cached = cache.get(document.uri);
    if (cached && cached.version === document.version) return cached.analysis;
    const analysis = analyzePayload(document.getText(), validator);
    cache.set(document.uri, { version: document.version, analysis });
    return analysis;
  };

  return {
    analyze,
    forget: (uri) => void cache.delete(uri),
    doValidation(document, settings = defaultSettings) {
      if (!settings.enable) return [];
      const diagnostics: Diagnostic[] = [];
      for (const finding of analyze(document).findings) {
        const severity = severityOf(finding.code, settings);
        if (severity !== 'off') diagnostics.push(toDiagnostic(document, finding, severity));
      }
      return diagnostics;
    },
  };
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
    message: finding.message,
    data: { code: finding.code, ...finding.data },
  };
  if (finding.related) {
    diagnostic.relatedInformation = finding.related.map((r) => ({
      location: { uri: document.uri, range: { start: document.positionAt(r.start), end: document.positionAt(r.end) } },
      message: r.message,
    }));
  }
  return diagnostic;
}
