/**
 * The `check` command: expands the patterns, validates each file with the language service and
 * prints the findings. Returns the exit code.
 */
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { glob, isDynamicPattern } from 'tinyglobby';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../service/languageService';
import type { CheckOptions } from './cliArguments';

export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

interface FileReport {
  file: string;
  diagnostics: Diagnostic[];
}

const SEVERITY_NAMES: Record<DiagnosticSeverity, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};
const RANK: Record<string, number> = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, information: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint };

export async function checkFiles(options: CheckOptions, service: LanguageService, io: CliOutput, cwd = process.cwd()): Promise<number> {
  const files = await expandPatterns(options.patterns, cwd, io);
  if (files === undefined) return 2;
  const reports: FileReport[] = [];
  let unreadable = false;
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      io.err(`${relative(cwd, file)}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
      unreadable = true;
      continue;
    }
    const document = TextDocument.create(pathToFileURL(file).toString(), 'regal-webhook', 1, text);
    const diagnostics = service
      .doValidation(document, { enable: true, severity: options.severity })
      .filter((d) => (d.severity ?? DiagnosticSeverity.Error) <= RANK[options.minSeverity]);
    reports.push({ file: relative(cwd, file), diagnostics });
  }

  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const report of reports) for (const d of report.diagnostics) counts[SEVERITY_NAMES[d.severity ?? DiagnosticSeverity.Error] as keyof typeof counts]++;
  if (options.format === 'json') io.out(JSON.stringify(toJson(reports, counts), null, 2));
  else printText(reports, counts, io);

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

function printText(reports: readonly FileReport[], counts: Record<string, number>, io: CliOutput): void {
  for (const report of reports) {
    for (const d of report.diagnostics) {
      const severity = SEVERITY_NAMES[d.severity ?? DiagnosticSeverity.Error];
      io.out(`${report.file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${severity} ${String(d.code)} ${d.message}`);
    }
  }
  const files = reports.length === 1 ? '1 file' : `${reports.length} files`;
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
    summary: { files: reports.length, ...counts },
  };
}

function relative(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return rel.startsWith('..') ? file : rel.split(path.sep).join('/');
}
