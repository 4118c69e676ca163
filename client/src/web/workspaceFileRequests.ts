/**
 * The client's side of the workspace-file requests (server/src/protocol/contract.ts) for the
 * language server in a browser worker, which cannot read files itself: reads and lists them with
 * `vscode.workspace.fs` and `vscode.workspace.findFiles`, whatever file system the workspace is on
 * (a GitHub repository in github.dev, a local folder in vscode.dev). Never rejects: a failure is an
 * answer the server reports.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  FindPayloadFilesRequest,
  ReadWorkspaceFileRequest,
  type FindPayloadFilesParams,
  type FindPayloadFilesResult,
  type ReadWorkspaceFileParams,
  type ReadWorkspaceFileResult,
} from '../../../server/src/protocol/contract';

export function registerWorkspaceFileRequests(client: BaseLanguageClient): vscode.Disposable[] {
  return [client.onRequest(ReadWorkspaceFileRequest, readWorkspaceFile), client.onRequest(FindPayloadFilesRequest, findPayloadFiles)];
}

export async function readWorkspaceFile(params: ReadWorkspaceFileParams): Promise<ReadWorkspaceFileResult> {
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(params.uri, true);
  } catch (error) {
    return { problem: `its address is not a URI (${describe(error)})` };
  }
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (params.refuseSymbolicLinks && stat.type & vscode.FileType.SymbolicLink) {
      return { problem: 'it is a symbolic link, which the extension does not follow in the browser (it cannot tell where the link leads)' };
    }
    if (!(stat.type & vscode.FileType.File)) return { problem: 'it is not a file' };
    // Checked before reading: a huge file must not be copied into the server's worker.
    if (stat.size > params.maxBytes) return { tooLarge: stat.size };
    return { text: new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri)) };
  } catch (error) {
    if (error instanceof vscode.FileSystemError && (error.code === 'FileNotFound' || error.code === 'FileNotADirectory')) return { missing: true };
    return { problem: describe(error) };
  }
}

export async function findPayloadFiles(params: FindPayloadFilesParams): Promise<FindPayloadFilesResult> {
  const folder = vscode.Uri.parse(params.folderUri, true);
  const found = await vscode.workspace.findFiles(
    new vscode.RelativePattern(folder, params.include),
    new vscode.RelativePattern(folder, params.exclude),
    params.maxResults,
  );
  return { uris: found.map((uri) => uri.toString()) };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
