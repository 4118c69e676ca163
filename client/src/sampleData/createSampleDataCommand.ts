/**
 * `Regal: Create Sample Data` (regal.createSampleData): writes the sample file (`regal.sampleData`,
 * default `regal.sample.json` in the payload's workspace folder) with every merge field the payload
 * reads, typed from the field catalog (`regal.fieldsFile`) or Iterable's standard fields: the language
 * server, which knows both, lists them (`regal/mergeFieldsUsed`). An existing sample only gets the
 * fields it lacks: the user's values and text stay as they are.
 *
 * The file is written to a temporary file beside it and renamed over it, so a failed write never
 * leaves it truncated. When the sample is open with unsaved edits, the fields are added to the open
 * document instead (the edits are kept, and the preview reads them).
 *
 * `executeCommand('regal.createSampleData', payloadUri?)` resolves with what it did (for scripts and
 * tests), or undefined when it did nothing.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MergeFieldsUsedResult } from '../../../server/src/protocol/contract';
import type { RegalServer } from '../language/regalServer';
import { sampleDataUri } from '../rendering/renderDocument';
import { mergeSampleFields } from './sampleFields';

export const CREATE_SAMPLE_DATA_COMMAND = 'regal.createSampleData';

export interface CreateSampleDataResult {
  sampleUri: vscode.Uri;
  /** Whether the file did not exist before. */
  created: boolean;
  added: string[];
  kept: string[];
  conflicts: string[];
}

export function registerCreateSampleDataCommand(context: vscode.ExtensionContext, server: Pick<RegalServer, 'mergeFieldsUsed'>): void {
  context.subscriptions.push(vscode.commands.registerCommand(CREATE_SAMPLE_DATA_COMMAND, (resource?: unknown) => createSampleData(resource, server)));
}

/** The payload the command applies to: the editor title's resource, else the active editor's (or the payload of an open preview). */
function payloadUri(resource: unknown): vscode.Uri | undefined {
  if (resource instanceof vscode.Uri && resource.scheme !== 'regal-preview') return resource;
  const active = vscode.window.activeTextEditor?.document;
  if (!active) return undefined;
  if (active.uri.scheme === 'regal-preview') return vscode.Uri.parse(active.uri.query, true);
  return active.uri;
}

async function readIfExists(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
    throw error;
  }
}

/** Writes `text` to `target` through a temporary file in the same folder, renamed over the target. */
export async function writeFileAtomically(target: vscode.Uri, text: string): Promise<void> {
  const temporary = vscode.Uri.joinPath(target, '..', `.${path.posix.basename(target.path)}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}.tmp`);
  try {
    await vscode.workspace.fs.writeFile(temporary, new TextEncoder().encode(text));
    await vscode.workspace.fs.rename(temporary, target, { overwrite: true });
  } catch (error) {
    await vscode.workspace.fs.delete(temporary).then(undefined, () => undefined);
    throw error;
  }
}

async function createSampleData(resource: unknown, server: Pick<RegalServer, 'mergeFieldsUsed'>): Promise<CreateSampleDataResult | undefined> {
  const source = payloadUri(resource);
  const document = source && (await vscode.workspace.openTextDocument(source).then(undefined, () => undefined));
  if (!source || !document) {
    void vscode.window.showInformationMessage('Open a *.regal.json payload to create sample data for the merge fields it uses.');
    return undefined;
  }
  const sampleUri = sampleDataUri(document);
  if (!sampleUri) {
    void vscode.window.showErrorMessage(
      'Regal: the payload is not in a workspace folder, so there is no place for regal.sample.json. Open its folder, or set regal.sampleData to an absolute path.',
    );
    return undefined;
  }
  const sampleName = vscode.workspace.asRelativePath(sampleUri, false);
  let used: MergeFieldsUsedResult;
  try {
    used = await server.mergeFieldsUsed({ uri: source.toString(), text: document.getText() });
  } catch (error) {
    void vscode.window.showErrorMessage(
      `Regal: could not list the payload's merge fields: the language server did not answer (${(error as Error).message}). See the "Regal Webhook Language Server" output.`,
    );
    return undefined;
  }
  const fields = used.fields;
  // Unsaved edits of the sample are what the preview renders with: add to them, never past them.
  const openSample = vscode.workspace.textDocuments.find((d) => d.uri.toString() === sampleUri.toString());
  let existing: string | undefined;
  try {
    existing = openSample?.isDirty ? openSample.getText() : await readIfExists(sampleUri);
  } catch (error) {
    void vscode.window.showErrorMessage(`Regal: could not read ${sampleName}: ${(error as Error).message}`);
    return undefined;
  }
  const merged = mergeSampleFields(existing, fields);
  if ('problem' in merged) {
    void vscode.window.showErrorMessage(`Regal: cannot add fields to ${sampleName}: ${merged.problem}.`);
    return undefined;
  }
  const result: CreateSampleDataResult = { sampleUri, created: existing === undefined, added: merged.added, kept: merged.kept, conflicts: merged.conflicts };
  if (merged.text !== existing) {
    try {
      if (openSample?.isDirty) {
        const edit = new vscode.WorkspaceEdit();
        edit.replace(sampleUri, new vscode.Range(openSample.positionAt(0), openSample.positionAt(openSample.getText().length)), merged.text);
        if (!(await vscode.workspace.applyEdit(edit))) throw new Error('the editor refused the edit');
      } else {
        await writeFileAtomically(sampleUri, merged.text);
      }
    } catch (error) {
      void vscode.window.showErrorMessage(`Regal: could not write ${sampleName}: ${(error as Error).message}`);
      return undefined;
    }
  }
  void vscode.window.showInformationMessage(summary(result, sampleName, fields.length, used.catalogUri !== undefined));
  if (result.added.length > 0) await vscode.window.showTextDocument(sampleUri, { preview: true, preserveFocus: false });
  return result;
}

function summary(result: CreateSampleDataResult, sampleName: string, used: number, typed: boolean): string {
  const list = (names: string[]) => names.slice(0, 8).join(', ') + (names.length > 8 ? `, … (${names.length} in all)` : '');
  if (used === 0) return `Regal: the payload uses no merge fields; ${result.created ? `wrote an empty ${sampleName}` : `${sampleName} is unchanged`}.`;
  const parts = [
    result.added.length === 0
      ? `${sampleName} already has every field this payload uses.`
      : `${result.created ? 'Wrote' : 'Added to'} ${sampleName}: ${list(result.added)}${typed ? ' (typed from your field catalog)' : ''}. Fill in the values.`,
  ];
  if (result.conflicts.length > 0) parts.push(`Not added, a value of the sample is in the way: ${list(result.conflicts)}.`);
  return `Regal: ${parts.join(' ')}`;
}
