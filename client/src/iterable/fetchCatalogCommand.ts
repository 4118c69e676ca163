/**
 * `Regal: Fetch Iterable Field Catalog`: calls Iterable's `GET /api/users/getFields` and writes the
 * folder's catalog (`regal.fieldsFile`, default iterable-fields.json), which the language server already
 * watches. Before it overwrites a catalog it shows what changed (added, removed, retyped) in a modal and
 * writes only when the user agrees; nothing is written when the fetch fails, is cancelled or changes
 * nothing, and the write goes through a temporary file renamed over the catalog. A file there that is
 * not a catalog is replaced only after the question (and never outside the workspace folder).
 *
 * `executeCommand('regal.fetchIterableFieldCatalog', { overwrite: true })` skips the question over a
 * catalog (for scripts and tests) and resolves with what happened.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  catalogChanges,
  catalogText,
  describeChanges,
  hasChanges,
  replaceableAsCatalog,
  type CatalogChanges,
} from '../../../server/src/iterableApi/catalogUpdate';
import { fetchFields } from '../../../server/src/iterableApi/iterableRequests';
import { DEFAULT_FIELDS_FILE_NAME, SETTINGS_SECTION, SettingKeys } from '../../../server/src/protocol/contract';
import { writeFileAtomically } from '../sampleData/createSampleDataCommand';
import { iterableAccess, showAccessProblem, targetFolder, withIterableProgress } from './iterableAccess';

export interface FetchCatalogResult {
  outcome: 'written' | 'unchanged' | 'declined' | 'failed';
  message: string;
  catalogUri?: vscode.Uri;
  changes?: CatalogChanges;
}

export function catalogUri(folder: vscode.WorkspaceFolder): vscode.Uri {
  const setting = vscode.workspace.getConfiguration(SETTINGS_SECTION, folder.uri).get<string>(SettingKeys.fieldsFile)?.trim() || DEFAULT_FIELDS_FILE_NAME;
  return path.isAbsolute(setting) ? vscode.Uri.file(setting) : vscode.Uri.joinPath(folder.uri, ...setting.split(/[\\/]+/));
}

function isInside(folder: vscode.Uri, target: vscode.Uri): boolean {
  const base = folder.path.endsWith('/') ? folder.path : `${folder.path}/`;
  return target.scheme === folder.scheme && target.authority === folder.authority && target.path.startsWith(base);
}

async function readIfExists(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
    throw error;
  }
}

export async function fetchCatalogCommand(secrets: vscode.SecretStorage, argument?: unknown): Promise<FetchCatalogResult> {
  const overwrite = typeof argument === 'object' && argument !== null && (argument as { overwrite?: unknown }).overwrite === true;
  const failed = (message: string): FetchCatalogResult => {
    void vscode.window.showErrorMessage(message);
    return { outcome: 'failed', message };
  };
  const access = await iterableAccess(secrets);
  if (!access.ok) {
    showAccessProblem(access);
    return { outcome: 'failed', message: access.message };
  }
  const folder = await targetFolder(argument instanceof vscode.Uri ? argument : undefined);
  if (!folder) return failed('Open a folder first: the field catalog is written into a workspace folder.');
  const target = catalogUri(folder);
  const name = vscode.workspace.asRelativePath(target, false);
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === target.toString());
  if (open?.isDirty) return failed(`${name} has unsaved changes: save or revert them, then fetch again.`);

  const result = await withIterableProgress(`Fetching the field catalog from ${access.client.host}…`, (signal) => fetchFields(access.client, signal));
  if (!result.ok) {
    if (result.failure.kind === 'cancelled') return { outcome: 'failed', message: result.failure.message };
    return failed(`${result.failure.message} ${name} was not changed.`);
  }
  const { fields, ignored } = result.value;
  let previous: string | undefined;
  try {
    previous = await readIfExists(target);
  } catch (error) {
    return failed(`Could not read ${name} (${(error as Error).message}); it was not changed.`);
  }
  const changes = catalogChanges(previous, fields);
  const text = catalogText(fields);
  const ignoredNote = ignored.length > 0 ? ` ${ignored.length} entr${ignored.length === 1 ? 'y' : 'ies'} without a name or a type were left out.` : '';
  if (!hasChanges(changes) && previous === text) {
    const message = `${name} is up to date: the same ${fields.size} fields as Iterable.${ignoredNote}`;
    void vscode.window.showInformationMessage(message);
    return { outcome: 'unchanged', message, catalogUri: target, changes };
  }
  const summary = describeChanges(changes, fields.size);
  const notACatalog = previous !== undefined && !replaceableAsCatalog(previous);
  if (notACatalog && !isInside(folder.uri, target)) {
    return failed(`${name} is outside the workspace folder and is not a field catalog, so it was not replaced: check "regal.fieldsFile".`);
  }
  // A file that is not a catalog is replaced only when the user says so, whatever the argument.
  if ((!overwrite || notACatalog) && previous !== undefined) {
    const choice = await vscode.window.showInformationMessage(
      `Update ${name} with the ${fields.size} fields from Iterable?`,
      { modal: true, detail: `${summary.join('\n')}${ignoredNote ? `\n${ignoredNote.trim()}` : ''}` },
      'Update Catalog',
    );
    if (choice !== 'Update Catalog') return { outcome: 'declined', message: `${name} was not changed.`, catalogUri: target, changes };
  }
  try {
    await writeFileAtomically(target, text);
  } catch (error) {
    return failed(`Could not write ${name} (${(error as Error).message}); the old file is unchanged.`);
  }
  const message = `${name} updated from Iterable: ${summary.join('; ')}${ignoredNote}`;
  void vscode.window.showInformationMessage(message);
  return { outcome: 'written', message, catalogUri: target, changes };
}
