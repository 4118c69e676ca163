/**
 * What every command that calls Iterable needs first: a trusted workspace, the Iterable API key (from
 * SecretStorage only), and the base URL (the `regal.iterable.region` setting, or a
 * `regal.iterable.apiBaseUrl` for tests). Both settings have application scope: only the user's own
 * settings count, so a cloned repository can neither send the key elsewhere nor switch its data center.
 * Requests run under a cancellable progress notification.
 */
import * as vscode from 'vscode';
import { IterableClient } from '../../../server/src/iterableApi/iterableClient';
import { SETTINGS_SECTION } from '../../../server/src/protocol/contract';
import { API_BASE_SETTING, ITERABLE_KEY_SECRET_ID, planIterableAccess, REGION_SETTING } from './iterableAccessPlan';

export { ITERABLE_KEY_SECRET_ID };

export type Access = { ok: true; client: IterableClient } | { ok: false; message: string; action?: 'setKey' };

export async function iterableAccess(secrets: vscode.SecretStorage): Promise<Access> {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const plan = planIterableAccess({
    trusted: vscode.workspace.isTrusted,
    storedKey: vscode.workspace.isTrusted ? await secrets.get(ITERABLE_KEY_SECRET_ID) : undefined,
    region: config.inspect<string>(REGION_SETTING),
    apiBaseUrl: config.inspect<string>(API_BASE_SETTING),
  });
  if (!plan.ok) return plan;
  return {
    ok: true,
    client: new IterableClient({
      baseUrl: plan.baseUrl,
      apiKey: plan.key,
      keySource: 'the key set with "Regal: Set Iterable API Key"',
      regionSource: 'the "regal.iterable.region" setting',
      ...(plan.region ? { region: plan.region } : {}),
    }),
  };
}

/** Shows why the command cannot run, with a button to set the key when that is the fix. */
export function showAccessProblem(access: Extract<Access, { ok: false }>): void {
  if (access.action !== 'setKey') {
    void vscode.window.showErrorMessage(access.message);
    return;
  }
  void vscode.window.showErrorMessage(access.message, 'Set Iterable API Key').then((choice) => {
    if (choice) void vscode.commands.executeCommand('regal.setIterableApiKey');
  });
}

/** Runs `work` under a cancellable progress notification; Cancel aborts its signal. */
export function withIterableProgress<T>(title: string, work: (signal: AbortSignal, report: (message: string) => void) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    return work(controller.signal, (message) => progress.report({ message })).finally(() => subscription.dispose());
  });
}

/** The workspace folder a command works in: the current payload's, else the only one, else the user picks. */
export async function targetFolder(resource?: vscode.Uri): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const fromResource = resource && vscode.workspace.getWorkspaceFolder(resource);
  if (fromResource) return fromResource;
  const active = vscode.window.activeTextEditor?.document.uri;
  const fromActive = active && vscode.workspace.getWorkspaceFolder(active);
  if (fromActive) return fromActive;
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'The folder to write into' });
}
