/**
 * How the language server reaches the files of the workspace (the payload files other than the open
 * ones, and each folder's merge-field catalog). The server's workspace logic (workspaceSync.ts,
 * folderCatalog.ts) only sees this interface, so it runs unchanged in two hosts:
 *
 * - Node (dist/server.js): files on disk, named by file system paths (diskFiles.ts).
 * - A browser worker (vscode.dev, github.dev): files the client reads with `vscode.workspace.fs`,
 *   named by their URIs (clientFiles.ts); the worker has no file system of its own.
 *
 * A "file" below is whatever names a file in the host: an absolute path or a URI string. Every
 * method is pure except `findPayloadFiles` and `read`, which never throw.
 */

export const PAYLOAD_GLOB = '**/*.regal.json';
/** A workspace with more payload files than this is summarised partially (and says so in the log). */
export const MAX_PAYLOAD_FILES = 5_000;
/** Bigger files are no payload templates (Iterable's body field is far smaller); they are skipped. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** Directories the scan skips (the file watcher still reports files in them). */
export const IGNORED_DIRECTORIES: ReadonlySet<string> = new Set(['node_modules', '.git']);

export type ReadResult = { text: string } | { missing: true } | { problem: string };

export interface WorkspaceFiles {
  /** The file a document URI names, or undefined when this host cannot read it (another scheme, a malformed URI). */
  fileOf(uri: string): string | undefined;
  /** The URI of a file, as diagnostics and watchers name it. */
  uriOf(file: string): string;
  /** `relative` (a setting such as `regal.fieldsFile`, `/` or `\` separated) resolved against `folder`; an absolute path stays as it is. */
  resolve(folder: string, relative: string): string;
  /** The path of `file` relative to `folder`, `/` or `\` separated (only meaningful when `contains` holds). */
  relative(folder: string, file: string): string;
  /** Whether `file` is `folder` or lies inside it. */
  contains(folder: string, file: string): boolean;
  /** The last segment of a file's name. */
  basename(file: string): string;
  /** The folder that holds `file`. */
  dirname(file: string): string;
  /** Every payload file under `folder` (skipping IGNORED_DIRECTORIES), sorted, at most MAX_PAYLOAD_FILES. */
  findPayloadFiles(folder: string): Promise<{ files: string[]; truncated: boolean }>;
  /**
   * Reads a text file of at most MAX_FILE_BYTES. `withinRoots`: when the file is reached through a
   * symbolic link, the link must not lead out of these folders (a cloned repository must not make the
   * server read `~/.ssh/…`).
   */
  read(file: string, withinRoots?: readonly string[]): Promise<ReadResult>;
}

/** A payload file the workspace scan would pick up (the watcher reports more). `relative`: its path in its folder. */
export function isPayloadPath(relative: string): boolean {
  return relative.endsWith('.regal.json') && !relative.split(/[\\/]/).some((segment) => IGNORED_DIRECTORIES.has(segment));
}

/** "2 MB", "1.5 MB": file sizes in messages. */
export function megabytes(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return `${mb >= 10 || Number.isInteger(mb) ? Math.round(mb) : mb.toFixed(1)} MB`;
}

/** Why a file is not read: it is bigger than the extension reads. */
export function tooLargeProblem(size: number, maxBytes = MAX_FILE_BYTES): string {
  return `it is ${megabytes(size)}, larger than the ${megabytes(maxBytes)} the extension reads`;
}
