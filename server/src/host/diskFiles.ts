/**
 * Disk access for workspace features in the Node server (WorkspaceFiles over file system paths):
 * finding the payload files of a folder and reading text files within a size limit. Every failure
 * becomes a result the caller can report; nothing throws.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { IGNORED_DIRECTORIES, MAX_FILE_BYTES, MAX_PAYLOAD_FILES, tooLargeProblem, type ReadResult, type WorkspaceFiles } from './workspaceFiles';

/** What payload files' names end with (PAYLOAD_GLOB's `*.regal.json`). */
const PAYLOAD_EXTENSION = '.regal.json';

/** The workspace's files on the local disk, named by absolute paths. */
export const diskWorkspaceFiles: WorkspaceFiles = {
  fileOf: pathOfUri,
  uriOf: uriOfPath,
  resolve: (folder, relative) => path.resolve(folder, relative),
  relative: (folder, file) => path.relative(folder, file),
  contains: (folder, file) => file === folder || file.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep),
  basename: (file) => path.basename(file),
  dirname: (file) => path.dirname(file),
  findPayloadFiles,
  read: (file, withinRoots) => readTextFile(file, MAX_FILE_BYTES, withinRoots),
};

/**
 * Every `*.regal.json` under `folder` (hidden folders included, IGNORED_DIRECTORIES and symbolic links
 * to folders not entered), sorted, at most MAX_PAYLOAD_FILES. A folder that cannot be listed is skipped.
 * A walk of its own rather than a glob library: it is all the server needs, and keeps the bundle small.
 */
export async function findPayloadFiles(folder: string): Promise<{ files: string[]; truncated: boolean }> {
  const found: string[] = [];
  const pending = [path.resolve(folder)];
  for (let directory = pending.pop(); directory !== undefined; directory = pending.pop()) {
    const entries = await fs.readdir(directory, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const entryPath = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!IGNORED_DIRECTORIES.has(entry.name)) pending.push(entryPath);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && entry.name.endsWith(PAYLOAD_EXTENSION)) {
        found.push(entryPath);
      }
    }
  }
  found.sort();
  return { files: found.slice(0, MAX_PAYLOAD_FILES), truncated: found.length > MAX_PAYLOAD_FILES };
}

/**
 * `withinRoots`: when the path goes through a symbolic link, its target must lie in one of these folders
 * (a link in a cloned repository must not make the server read `~/.ssh/…` or any file outside it). A
 * path that names an outside file directly is the user's own choice and is read.
 */
export async function readTextFile(file: string, maxBytes = MAX_FILE_BYTES, withinRoots?: readonly string[]): Promise<ReadResult> {
  try {
    if (withinRoots) {
      const real = await fs.realpath(file);
      if (real !== path.resolve(file) && !(await insideAny(real, withinRoots)))
        return { problem: 'it is a symbolic link to a file outside the workspace, which the extension does not follow' };
    }
    const stat = await fs.stat(file);
    if (!stat.isFile()) return { problem: 'it is not a file' };
    // Checked before reading: a file of hundreds of megabytes must not stall the server.
    if (stat.size > maxBytes) return { problem: tooLargeProblem(stat.size, maxBytes) };
    return { text: await fs.readFile(file, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { missing: true };
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

async function insideAny(real: string, roots: readonly string[]): Promise<boolean> {
  for (const root of roots) {
    const realRoot = await fs.realpath(root).catch(() => path.resolve(root));
    const relative = path.relative(realRoot, real);
    if (relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))) return true;
  }
  return false;
}

/** The file system path of a `file:` URI, or undefined for other schemes and malformed URIs. */
export function pathOfUri(uri: string): string | undefined {
  // Checked at run time too: the URI may come from a malformed notification.
  if (typeof uri !== 'string' || !uri.startsWith('file:')) return undefined;
  try {
    return path.resolve(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

export function uriOfPath(file: string): string {
  return pathToFileURL(file).href;
}
