/**
 * What every command that calls Iterable needs first: a trusted workspace, the Iterable API key (from
 * SecretStorage only), and the base URL (the `regal.iterable.region` setting, or a
 * `regal.iterable.apiBaseUrl` for tests). Both settings have application scope: only the user's own
 * settings count, so a cloned repository can neither send the key elsewhere nor switch its data center.
 * Requests run under a cancellable progress notification.
 */
import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../../../server/src/protocol/contract';
import { checkIterableKey, isIterableRegion, iterableBaseUrl, type IterableRegion } from '../../../server/src/iterableApi/iterableBaseUrl';
import { IterableClient } from '../../../server/src/iterableApi/iterableClient';

export const ITERABLE_KEY_SECRET_ID = 'regal.iterable.apiKey';
export const REGION_SETTING = 'iterable.region';
export const API_BASE_SETTING = 'iterable.apiBaseUrl';

export const UNTRUSTED_ITERABLE_MESSAGE =
  'Iterable commands are disabled in this untrusted workspace: they write files into it with your Iterable data. Trust the workspace (Workspaces: Manage Workspace Trust) to use them.';

export type Access = { ok: true; client: IterableClient } | { ok: false; message: string; action?: 'setKey' };

/** The user's value or the default (workspace values of application-scope settings are ignored). */
function userSetting<T>(key: string): T | undefined {
  const inspected = vscode.workspace.getConfiguration(SETTINGS_SECTION).inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue;
}

export async function iterableAccess(secrets: vscode.SecretStorage): Promise<Access> {
  if (!vscode.workspace.isTrusted) return { ok: false, message: UNTRUSTED_ITERABLE_MESSAGE };
  const stored = await secrets.get(ITERABLE_KEY_SECRET_ID);
  if (!stored) return { ok: false, message: 'No Iterable API key is set: run "Regal: Set Iterable API Key" with a server-side or read-only key from Iterable (Integrations > API Keys).', action: 'setKey' };
  const key = checkIterableKey(stored);
  if (!key.ok) return { ok: false, message: `The stored Iterable API key cannot be used: ${key.message}`, action: 'setKey' };
  const regionValue = userSetting<string>(REGION_SETTING);
  const region: IterableRegion = isIterableRegion(regionValue) ? regionValue : 'us';
  const override = userSetting<string>(API_BASE_SETTING);
  const base = iterableBaseUrl(region, override, 'The "regal.iterable.apiBaseUrl" setting');
  if (!base.ok) return { ok: false, message: base.message };
  return {
    ok: true,
    client: new IterableClient({
      baseUrl: base.url,
      apiKey: key.key,
      keySource: 'the key set with "Regal: Set Iterable API Key"',
      regionSource: 'the "regal.iterable.region" setting',
      ...(override?.trim() ? {} : { region }),
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
