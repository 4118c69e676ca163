/**
 * `check --format sarif`: the findings as a SARIF 2.1.0 log (OASIS Static Analysis Results
 * Interchange Format), the file GitHub code scanning and other SARIF viewers read. One run, one
 * rule per diagnostic code (its README meaning and example), one result per finding.
 * Spec: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import { diagnosticCodes, type SeverityName } from '../service/diagnosticCodes';
import type { FileReport } from './checkFiles';

/** The OASIS schema (2.1.0 with Errata 01) that the log declares and the tests validate it against. */
export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** The README section every rule's help points into, on the project's home page. */
export const RULES_ANCHOR = 'diagnostics-reference';
const SRCROOT = '%SRCROOT%';

export interface SarifContext {
  /** Paths in the log are relative to this folder (the working directory). */
  cwd: string;
  toolVersion: string;
  /** The project's home page (package.json `repository` or `homepage`); without one, rules carry no helpUri. */
  home?: string;
  /** False when a file could not be read: the log then says the run did not complete. */
  complete: boolean;
}

type SarifLevel = 'error' | 'warning' | 'note';
const LEVEL_OF_SEVERITY: Record<DiagnosticSeverity, SarifLevel> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'note',
  [DiagnosticSeverity.Hint]: 'note',
};
const LEVEL_OF_NAME: Record<SeverityName, SarifLevel> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function toSarif(reports: readonly FileReport[], context: SarifContext) {
  const codes = Object.keys(diagnosticCodes) as Array<keyof typeof diagnosticCodes>;
  const ruleIndex = new Map<string, number>(codes.map((code, index) => [code, index]));
  const results = reports.flatMap((report) => report.diagnostics.map((d) => toResult(report.file, d, ruleIndex, context)));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0' as const,
    runs: [
      {
        tool: {
          driver: {
            name: 'regal-webhook',
            version: context.toolVersion,
            ...(context.home ? { informationUri: context.home } : {}),
            rules: codes.map((code) => toRule(code, context.home)),
          },
        },
        invocations: [{ executionSuccessful: context.complete }],
        // The base the relative artifact URIs resolve against; a folder URI ends with a slash (SARIF 3.14.14).
        originalUriBaseIds: { [SRCROOT]: { uri: withTrailingSlash(pathToFileURL(context.cwd).href) } },
        // LSP positions count UTF-16 code units, as do the columns written here.
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

function toRule(code: keyof typeof diagnosticCodes, home: string | undefined) {
  const { meaning, example, severity } = diagnosticCodes[code];
  return {
    id: code,
    name: ruleName(code),
    shortDescription: { text: plain(firstSentence(meaning)) },
    fullDescription: { text: plain(meaning), markdown: meaning },
    help: { text: `${plain(meaning)} Example: ${plain(example)}`, markdown: `${meaning}\n\nExample: ${example}` },
    ...(home ? { helpUri: `${home}#${RULES_ANCHOR}` } : {}),
    defaultConfiguration: { level: LEVEL_OF_NAME[severity] },
  };
}

function toResult(file: string, d: Diagnostic, ruleIndex: Map<string, number>, context: SarifContext) {
  const code = String(d.code ?? 'schema');
  const index = ruleIndex.get(code);
  return {
    ruleId: code,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    level: LEVEL_OF_SEVERITY[d.severity ?? DiagnosticSeverity.Error],
    message: { text: typeof d.message === 'string' ? d.message : d.message.value },
    locations: [{ physicalLocation: physicalLocation(file, d.range) }],
    ...(d.relatedInformation?.length
      ? {
          relatedLocations: d.relatedInformation.map((related, id) => ({
            id,
            physicalLocation: physicalLocation(displayPath(related.location.uri, context.cwd), related.location.range),
            message: { text: related.message },
          })),
        }
      : {}),
  };
}

/** `file` is as the checker prints it: relative to the working directory with `/`, or absolute outside it. */
function physicalLocation(file: string, range: Range) {
  const artifactLocation = path.isAbsolute(file)
    ? { uri: pathToFileURL(file).href }
    : { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
  return {
    artifactLocation,
    region: {
      startLine: range.start.line + 1,
      startColumn: range.start.character + 1,
      endLine: range.end.line + 1,
      endColumn: range.end.character + 1,
    },
  };
}

function displayPath(uri: string, cwd: string): string {
  if (!uri.startsWith('file:')) return uri;
  const file = fileURLToPath(uri);
  const relative = path.relative(cwd, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}

/** `missing-phone` → `MissingPhone`: SARIF's rule names are identifier-like, the ids stay the codes. */
function ruleName(code: string): string {
  return code.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, letter: string) => letter.toUpperCase());
}

function firstSentence(text: string): string {
  const end = text.search(/[.:;](\s|$)/);
  return end === -1 ? text : text.slice(0, end + 1).replace(/[:;]$/, '.');
}

/** The README's markdown as plain text: code spans lose their backticks. */
function plain(markdown: string): string {
  return markdown.replace(/`+([^`]*)`+/g, '$1');
}

function withTrailingSlash(uri: string): string {
  return uri.endsWith('/') ? uri : `${uri}/`;
}
