/**
 * `Regal: Copy Body for Iterable` (command palette and the payload editor's title): copies the payload
 * to the clipboard exactly as Iterable's webhook body editor should receive it, then opens the setup
 * checklist beside it (a read-only markdown document, `regal-checklist:` scheme).
 *
 * "Exactly as Iterable should receive it" is the file's text as is: Iterable renders the Handlebars
 * itself, and everything that would have to be changed first (comments, trailing commas, broken JSON)
 * is already an error diagnostic, so the command refuses while the file has any error from the
 * language server (source `regal`) and says which one comes first. The Regal API key is never copied.
 *
 * `executeCommand('regal.copyBodyForIterable', uri?)` resolves with what happened.
 */
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, SETTINGS_SECTION, SettingKeys, type CheckParams, type CheckResult } from '../../../server/src/protocol/contract';
import { currentPayloadUri } from '../language/currentPayload';
import { DEFAULT_ENDPOINT, isLoopbackHost, resolveEndpoint } from '../send/endpoint';
import { setupChecklist } from './setupChecklist';

export const CHECKLIST_SCHEME = 'regal-checklist';

export interface CopyBodyResult {
  copied: boolean;
  message: string;
  checklistUri?: vscode.Uri;
}

/** The endpoint for Iterable: the user's regal.endpoint when Iterable could reach it (https, not loopback), else Regal's. */
function endpointForIterable(): string {
  const endpoint = resolveEndpoint(vscode.workspace.getConfiguration(SETTINGS_SECTION).inspect<string>(SettingKeys.endpoint));
  return endpoint.ok && endpoint.url.protocol === 'https:' && !isLoopbackHost(endpoint.url.hostname) ? endpoint.url.href : DEFAULT_ENDPOINT;
}

export class ChecklistDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? 'This checklist is gone: run "Regal: Copy Body for Iterable" again.';
  }

  show(text: string, fileName: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: CHECKLIST_SCHEME, path: `/Iterable setup for ${fileName}.md` });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Asks the language server for a payload's errors now (`regal/check`). */
export type CheckPayload = (params: CheckParams) => Promise<CheckResult>;

export async function copyBodyCommand(checklists: ChecklistDocuments, resource?: unknown, check?: CheckPayload): Promise<CopyBodyResult> {
  const uri = resource instanceof vscode.Uri ? resource : currentPayloadUri();
  if (!uri) {
    const message = 'Open a *.regal.json payload first: its body is what gets copied.';
    void vscode.window.showErrorMessage(message);
    return { copied: false, message };
  }
  const document = await vscode.workspace.openTextDocument(uri);
  const fileName = vscode.workspace.asRelativePath(uri, false);
  const errors = await errorsOf(document, check);
  if (errors.count > 0 && errors.first) {
    const { first, count } = errors;
    const message = `Not copied: ${fileName} has ${count} error${count === 1 ? '' : 's'} that Iterable would send as is. The first, at line ${first.line + 1}:${first.character + 1}: ${first.message.split('\n')[0]?.replace(/\.?$/, '.')} Fix ${count === 1 ? 'it' : 'them'} first.`;
    void vscode.window.showErrorMessage(message, 'Show Problems').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
    return { copied: false, message };
  }
  await vscode.env.clipboard.writeText(document.getText());
  const checklistUri = checklists.show(
    setupChecklist({ fileName, text: document.getText(), endpoint: endpointForIterable() }),
    fileName.replace(/[\\/]/g, '_'),
  );
  const checklist = await vscode.workspace.openTextDocument(checklistUri);
  await vscode.languages.setTextDocumentLanguage(checklist, 'markdown');
  await vscode.window.showTextDocument(checklist, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
  const message = `The body of ${fileName} is on the clipboard; paste it into Iterable's webhook and follow the checklist beside it.`;
  void vscode.window.showInformationMessage(message);
  return { copied: true, message, checklistUri };
}

/**
 * The payload's errors for the text being copied: asked of the language server (`regal/check`), so an
 * error typed just before the copy counts; the published diagnostics when the server cannot answer.
 */
async function errorsOf(
  document: vscode.TextDocument,
  check: CheckPayload | undefined,
): Promise<{ count: number; first?: { line: number; character: number; message: string } }> {
  const checked = await check?.({ uri: document.uri.toString(), version: document.version }).catch(() => undefined);
  if (checked?.version !== undefined) return { count: checked.errorCount, ...(checked.firstError ? { first: checked.firstError } : {}) };
  const published = vscode.languages
    .getDiagnostics(document.uri)
    .filter((d) => d.source === DIAGNOSTIC_SOURCE && d.severity === vscode.DiagnosticSeverity.Error)
    .sort((a, b) => a.range.start.compareTo(b.range.start));
  const first = published[0];
  return { count: published.length, ...(first ? { first: { ...first.range.start, message: first.message } } : {}) };
}
