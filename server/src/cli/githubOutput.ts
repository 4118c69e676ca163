/**
 * `check --format github`: one GitHub Actions workflow command per finding, which the runner turns
 * into an annotation on the file and line (in the job summary and the pull request's diff):
 *   ::error file=a.regal.json,line=2,endLine=2,col=39,endColumn=57,title=regal comment::Comment in the JSON…
 * Errors are `error`, warnings `warning`, information and hints `notice`.
 * Format and escaping: https://docs.github.com/en/actions/using-workflows/workflow-commands-for-github-actions
 * (the escaping is that of @actions/core's command.ts: `%`, CR and LF everywhere, `:` and `,` in properties).
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { FileReport } from './checkFiles';

const COMMAND_OF: Record<DiagnosticSeverity, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'notice',
  [DiagnosticSeverity.Hint]: 'notice',
};

export function githubCommands(reports: readonly FileReport[]): string[] {
  return reports.flatMap((report) => report.diagnostics.map((d) => githubCommand(report.file, d)));
}

export function githubCommand(file: string, d: Diagnostic): string {
  const properties: Array<[string, string | number]> = [
    ['file', file],
    ['line', d.range.start.line + 1],
    ['endLine', d.range.end.line + 1],
    ['col', d.range.start.character + 1],
    ['endColumn', d.range.end.character + 1],
    ['title', `regal ${String(d.code ?? 'schema')}`],
  ];
  const list = properties.map(([name, value]) => `${name}=${escapeProperty(String(value))}`).join(',');
  return `::${COMMAND_OF[d.severity ?? DiagnosticSeverity.Error]} ${list}::${escapeData(typeof d.message === 'string' ? d.message : d.message.value)}`;
}

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
