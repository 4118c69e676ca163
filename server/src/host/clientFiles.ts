/**
 * WorkspaceFiles for the language server in a browser worker (vscode.dev, github.dev), which has no
 * file system: files are named by their URIs, and the client reads and lists them for the server
 * with `vscode.workspace.fs` (the custom requests of protocol/contract.ts). Any URI scheme works
 * (`vscode-vfs:` for GitHub repositories, `file:` for a local folder opened in the browser).
 *
 * URIs are compared in VS Code's canonical spelling (vscode-uri's `toString()`, the client's own), so
 * a URI built here for the catalog matches the one a file watcher event later names.
 */
import type { Connection } from 'vscode-languageserver';
import { URI, Utils } from 'vscode-uri';
import {
  FindPayloadFilesRequest,
  ReadWorkspaceFileRequest,
  type FindPayloadFilesParams,
  type FindPayloadFilesResult,
  type ReadWorkspaceFileParams,
  type ReadWorkspaceFileResult,
} from '../protocol/contract';
import { IGNORED_DIRECTORIES, MAX_FILE_BYTES, MAX_PAYLOAD_FILES, PAYLOAD_GLOB, tooLargeProblem, type WorkspaceFiles } from './workspaceFiles';

export function clientWorkspaceFiles(connection: Connection): WorkspaceFiles {
  const canonical = (uri: string): string | undefined => {
    if (typeof uri !== 'string') return undefined; // from a malformed notification
    try {
      return URI.parse(uri, true).toString();
    } catch {
      return undefined;
    }
  };
  const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
  const withSlash = (folder: string) => (folder.endsWith('/') ? folder : `${folder}/`);

  return {
    fileOf: canonical,
    uriOf: (file) => file,
    resolve(folder, relative) {
      const base = URI.parse(folder);
      const forward = relative.replace(/\\/g, '/');
      // An absolute setting names a path in the folder's own file system: there is no other one here.
      return (forward.startsWith('/') ? base.with({ path: forward }) : Utils.joinPath(base, forward)).toString();
    },
    relative: (folder, file) => decodeURIComponent(file.slice(withSlash(folder).length)),
    contains: (folder, file) => file === folder || file.startsWith(withSlash(folder)),
    basename: (file) => Utils.basename(URI.parse(file)),
    dirname: (file) => Utils.dirname(URI.parse(file)).toString(),
    async findPayloadFiles(folder) {
      const params: FindPayloadFilesParams = {
        folderUri: folder,
        include: PAYLOAD_GLOB,
        exclude: `**/{${[...IGNORED_DIRECTORIES].join(',')}}/**`,
        // One more than kept: tells a truncated list from a full one.
        maxResults: MAX_PAYLOAD_FILES + 1,
      };
      const result = await connection.sendRequest<FindPayloadFilesResult>(FindPayloadFilesRequest, params);
      const uris = (Array.isArray(result?.uris) ? result.uris : []).map(canonical).filter((uri): uri is string => uri !== undefined);
      uris.sort();
      return { files: uris.slice(0, MAX_PAYLOAD_FILES), truncated: uris.length > MAX_PAYLOAD_FILES };
    },
    async read(file, withinRoots) {
      const params: ReadWorkspaceFileParams = { uri: file, maxBytes: MAX_FILE_BYTES, refuseSymbolicLinks: withinRoots !== undefined };
      try {
        const result = await connection.sendRequest<ReadWorkspaceFileResult>(ReadWorkspaceFileRequest, params);
        if (result && typeof result === 'object') {
          if ('tooLarge' in result) return { problem: tooLargeProblem(result.tooLarge) };
          if ('text' in result || 'missing' in result || 'problem' in result) return result;
        }
        return { problem: 'the editor answered the read request with nothing usable' };
      } catch (error) {
        return { problem: `the editor could not read it (${describe(error)})` };
      }
    },
  };
}
