/**
 * The `regal.endpoint` a workspace tries to set. The setting has application scope, so VS Code ignores
 * workspace values and does not report them either (`inspect()` leaves them out): read the settings
 * files themselves, to tell the user that the value they wrote there has no effect and where to put it.
 */
import { parse } from 'jsonc-parser';
import * as vscode from 'vscode';
import type { InspectedSetting } from './endpoint';

/** Settings files are small; a bigger one is not read for this note. */
const MAX_SETTINGS_BYTES = 1_000_000;

async function endpointIn(uri: vscode.Uri): Promise<string | undefined> {
  try {
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (bytes.byteLength > MAX_SETTINGS_BYTES) return undefined;
    const settings = parse(new TextDecoder('utf-8').decode(bytes)) as Record<string, unknown> | undefined;
    const fromSettings = (object: unknown) => (object && typeof object === 'object' ? (object as Record<string, unknown>)['regal.endpoint'] : undefined);
    // A .code-workspace file keeps its settings under "settings".
    const value = fromSettings(settings) ?? fromSettings(settings?.settings);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined; // no settings file: nothing set there
  }
}

/** The workspace and folder values of `regal.endpoint`, as `inspect()` would give them if it could. */
export async function workspaceEndpointValues(folder: vscode.WorkspaceFolder | undefined): Promise<InspectedSetting<string>> {
  const file = vscode.workspace.workspaceFile;
  const workspaceValue =
    file && file.scheme !== 'untitled'
      ? await endpointIn(file)
      : folder
        ? await endpointIn(vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json'))
        : undefined;
  const workspaceFolderValue = file && folder ? await endpointIn(vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json')) : undefined;
  return { ...(workspaceValue !== undefined ? { workspaceValue } : {}), ...(workspaceFolderValue !== undefined ? { workspaceFolderValue } : {}) };
}
