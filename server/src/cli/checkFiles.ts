/**
 * The `check` command: expands the patterns, validates each file with the language service and
 * prints the findings. Returns the exit code.
 */
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { glob, isDynamicPattern } from 'tinyglobby';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { printable, readInputFile } from './readInputFile';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../service/languageService';
import { severityOf, type ValidationSettings } from '../service/settings';
import type { FieldCatalog } from '../service/workspace/workspaceContext';
import type { CheckOptions } from './cliArguments';
import { githubCommands } from './githubOutput';
import { toSarif } from './sarifOutput';
import { projectHome } from './projectHome';
import { version } from '../../../package.json';
import { DIAGNOSTIC_SOURCE, PAYLOAD_LANGUAGE_ID } from '../protocol/contract';

export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

export interface FileReport {
  /** Relative to the working directory with `/`, or absolute outside it. */
  file: string;
  diagnostics: Diagnostic[];
  /** The field catalog's own problems (not counted as a checked payload). */
  catalog?: true;
}

const SEVERITY_NAMES: Record<DiagnosticSeverity, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};
const RANK: Record<string, number> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export async function checkFiles(options: CheckOptions, service: LanguageService, io: CliOutput, cwd = process.cwd()): Promise<number> {
  const files = await expandPatterns(options.patterns, cwd, io);
  if (files === undefined) return 2;
  const settings = { enable: true, severity: options.severity };
  const reports: FileReport[] = [];
  const catalog = options.fields === undefined ? { reports: [] } : await loadCatalog(path.resolve(cwd, options.fields), service, settings, io, cwd);
  if (!catalog) return 2;
  reports.push(...catalog.reports);

  const documents: TextDocument[] = [];
  let unreadable = false;
  for (const file of files) {
    const read = await readInputFile(file);
    if (read.ok) documents.push(TextDocument.create(pathToFileURL(file).toString(), PAYLOAD_LANGUAGE_ID, 1, read.text));
    else if (read.invalidUtf8)
      reports.push({ file: relative(cwd, file), diagnostics: [invalidEncoding(read.invalidUtf8, settings)].filter((d) => d !== undefined) });
    else {
      io.err(printable(`${relative(cwd, file)}: cannot read the file: ${read.reason}.`));
      unreadable = true;
    }
  }
  // The files checked together are one workspace: each is compared with the others. A file's summary
  // serves only the others, so a file checked alone is not summarized (on 5 MB, that was half the time).
  const summaries = documents.length > 1 ? documents.map((document) => service.summarize(document)) : [];
  for (const document of documents) {
    const workspace = { catalog: catalog.catalog, files: summaries.filter((s) => s.uri !== document.uri) };
    reports.push({ file: relative(cwd, fileURLToPath(document.uri)), diagnostics: service.doValidation(document, settings, workspace) });
  }
  for (const report of reports) report.diagnostics = report.diagnostics.filter((d) => (d.severity ?? DiagnosticSeverity.Error) <= RANK[options.minSeverity]);

  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const report of reports) for (const d of report.diagnostics) counts[SEVERITY_NAMES[d.severity ?? DiagnosticSeverity.Error] as keyof typeof counts]++;
  if (options.format === 'json') io.out(JSON.stringify(toJson(reports, counts), null, 2));
  else if (options.format === 'sarif')
    io.out(JSON.stringify(toSarif(reports, { cwd, toolVersion: version, home: projectHome, complete: !unreadable }), null, 2));
  else if (options.format === 'github') {
    for (const command of githubCommands(reports)) io.out(command);
    printSummary(reports, counts, io);
  } else printText(reports, counts, io);

  if (unreadable) return 2;
  if (options.failOn === 'error' && counts.error > 0) return 1;
  if (options.failOn === 'warning' && counts.error + counts.warning > 0) return 1;
  return 0;
}

async function expandPatterns(patterns: readonly string[], cwd: string, io: CliOutput): Promise<string[] | undefined> {
  const files = new Set<string>();
  for (const pattern of patterns) {
    const absolute = path.resolve(cwd, pattern);
    let matches: string[];
    if (isDynamicPattern(pattern)) {
      matches = await glob(pattern, { cwd, absolute: true, onlyFiles: true, ignore: ['**/node_modules/**'] });
    } else {
      const info = await stat(absolute).catch(() => undefined);
      if (!info) {
        io.err(`${pattern}: no such file or directory.`);
        return undefined;
      }
      matches = info.isDirectory()
        ? await glob('**/*.regal.json', { cwd: absolute, absolute: true, onlyFiles: true, ignore: ['**/node_modules/**'] })
        : [absolute];
    }
    if (matches.length === 0) {
      io.err(`${pattern}: matches no *.regal.json file.`);
      return undefined;
    }
    for (const match of matches) files.add(path.normalize(match));
  }
  return [...files].sort();
}

/** Reads and parses the catalog; its own problems are reported like a checked file's. Undefined: unreadable. */
async function loadCatalog(
  file: string,
  service: LanguageService,
  settings: ValidationSettings,
  io: CliOutput,
  cwd: string,
): Promise<{ catalog?: FieldCatalog; reports: FileReport[] } | undefined> {
  const read = await readInputFile(file);
  if (!read.ok) {
    io.err(printable(`${relative(cwd, file)}: cannot read the field catalog: ${read.reason}.`));
    return undefined;
  }
  const text = read.text;
  const { catalog, diagnostics } = service.loadFieldCatalog(TextDocument.create(pathToFileURL(file).toString(), 'json', 1, text), settings);
  return { catalog, reports: diagnostics.length > 0 ? [{ file: relative(cwd, file), diagnostics, catalog: true }] : [] };
}

function printText(reports: readonly FileReport[], counts: Record<string, number>, io: CliOutput): void {
  for (const report of reports) {
    for (const d of report.diagnostics) {
      const severity = SEVERITY_NAMES[d.severity ?? DiagnosticSeverity.Error];
      io.out(printable(`${report.file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${severity} ${String(d.code)} ${d.message}`));
    }
  }
  printSummary(reports, counts, io);
}

function printSummary(reports: readonly FileReport[], counts: Record<string, number>, io: CliOutput): void {
  const payloads = reports.filter((r) => !r.catalog).length;
  const files = payloads === 1 ? '1 file' : `${payloads} files`;
  const problemFiles = reports.filter((r) => r.diagnostics.length > 0).length;
  io.out(`${files} checked, ${problemFiles} with findings: ${counts.error} errors, ${counts.warning} warnings, ${counts.information + counts.hint} notes.`);
}

function toJson(reports: readonly FileReport[], counts: Record<string, number>) {
  return {
    files: reports.map((r) => ({
      file: r.file,
      diagnostics: r.diagnostics.map((d) => ({
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity: SEVERITY_NAMES[d.severity ?? DiagnosticSeverity.Error],
        code: d.code,
        message: d.message,
      })),
    })),
    summary: { files: reports.filter((r) => !r.catalog).length, ...counts },
  };
}

function relative(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return rel.startsWith('..') ? file : rel.split(path.sep).join('/');
}

/**
 * A file that is not UTF-8 is not checked (a repaired text is not what Iterable would get): one
 * `invalid-encoding` finding at the first bad byte, line and column counted in the valid text before it.
 */
function invalidEncoding(at: { offset: number; validPrefix: string }, settings: ValidationSettings): Diagnostic | undefined {
  const severity = severityOf('invalid-encoding', settings);
  if (severity === 'off') return undefined;
  const lines = at.validPrefix.split(/\r\n|\r|\n/);
  const position = { line: lines.length - 1, character: (lines.at(-1) ?? '').length };
  return {
    range: { start: position, end: { line: position.line, character: position.character + 1 } },
    severity: SEVERITY_LEVELS[severity],
    source: DIAGNOSTIC_SOURCE,
    code: 'invalid-encoding',
    message: `Not valid UTF-8 at byte ${at.offset}: save the file as UTF-8. Iterable's body field is UTF-8 text, so the file is not checked.`,
  };
}

const SEVERITY_LEVELS = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
} as const;
