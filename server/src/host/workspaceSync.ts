/**
 * The server's view of the workspace for the language service's WorkspaceContext: per workspace
 * folder, the merge-field catalog (`regal.fieldsFile`) and a summary of every `*.regal.json`
 * file. Summaries come from the files (WorkspaceFiles: the disk, or the client in a browser), except
 * for open documents, whose editor text wins. Everything is
 * kept up to date incrementally: edits to open documents, file-watcher events (registered
 * dynamically when the client allows it) and settings changes; open payloads are validated again
 * whenever what they are compared with changes.
 *
 * All disk work runs one task at a time on a queue, so a burst of watcher events cannot interleave
 * with a settings change; validation waits for the queue (whenReady) and so sees the newest state.
 */
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type Connection,
  type Disposable,
  type FileEvent,
  type FileSystemWatcher,
  type InitializeParams,
  type TextDocuments,
  type WorkspaceFolder,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../service/languageService';
import { fieldsFileOf, type ValidationSettings } from '../service/settings';
import type { PayloadFileSummary, WorkspaceContext } from '../service/workspace/workspaceContext';
import { loadFolderCatalog, type CatalogFolder } from './folderCatalog';
import { isPayloadPath, MAX_PAYLOAD_FILES, PAYLOAD_GLOB, type WorkspaceFiles } from './workspaceFiles';
import { PAYLOAD_LANGUAGE_ID } from '../protocol/contract';

export interface WorkspaceHost {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  service: LanguageService;
  /** The workspace's files: on disk (Node), or read through the client (browser). */
  files: WorkspaceFiles;
  /** The `regal` settings for a resource (a folder for the catalog path). */
  settingsFor(uri: string): Promise<ValidationSettings>;
  /** Validates an open document again. */
  revalidate(uri: string): void;
  /** Quiet time after an edit before the document's summary is compared with the last one. */
  debounceMs: number;
}

export interface WorkspaceSync {
  /** Reads the workspace folders and the client's capabilities from `initialize`. */
  initialize(params: InitializeParams): void;
  /** Registers the file watchers and starts loading the folders. */
  initialized(): void;
  /** Resolves when the queued workspace work (the first load, watcher events, settings) is done. */
  whenReady(): Promise<void>;
  /** The catalog and the other payload files of the document's folder. */
  contextFor(uri: string): WorkspaceContext;
  /** The `regal` settings changed: re-read the catalog path and the catalog. */
  settingsChanged(): void;
  /** Workspace folders were added or removed (`workspace/didChangeWorkspaceFolders`). */
  foldersChanged(event: WorkspaceFoldersChangeEvent): void;
}

interface Folder extends CatalogFolder {
  path: string;
  /** Summaries by file (a path on disk, a URI in the browser: WorkspaceFiles). */
  summaries: Map<string, PayloadFileSummary>;
  /** What other documents were last validated against, by path (see fingerprint). */
  announced: Map<string, string>;
}

export function createWorkspaceSync(host: WorkspaceHost): WorkspaceSync {
  const { connection, documents, service, files } = host;
  const folders: Folder[] = [];
  let registersWatchers = false;
  /** Whether the client watches `{ baseUri, pattern }` globs (LSP 3.17), which reach outside the workspace. */
  let relativePatterns = false;
  let watcherRegistration: Promise<Disposable | undefined> | undefined;
  let watchedGlobs = '';
  let queue: Promise<void> = Promise.resolve();
  /** Open documents edited since their summary was last taken. */
  const dirty = new Set<string>();
  const timers = new Map<string, NodeJS.Timeout>();
  const logged = new Set<string>();

  const logOnce = (message: string) => {
    if (logged.has(message)) return;
    logged.add(message);
    connection.console.warn(message);
  };
  const describe = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));
  const enqueue = (what: string, task: () => Promise<void>) => {
    queue = queue.then(task).catch((error: unknown) => connection.console.error(`${what} failed: ${describe(error)}`));
  };

  const folderOf = (file: string): Folder | undefined => {
    let best: Folder | undefined;
    for (const folder of folders) {
      if (files.contains(folder.path, file) && (!best || folder.path.length > best.path.length)) best = folder;
    }
    return best;
  };
  /** A payload file of the folder the scan would read (the watcher also reports files under node_modules). */
  const isPayloadIn = (folder: Folder, file: string) => isPayloadPath(files.relative(folder.path, file));
  const openDocumentAt = (file: string): TextDocument | undefined => documents.all().find((d) => files.fileOf(d.uri) === file);
  const openIn = (folder: Folder) =>
    documents.all().filter((d) => {
      const file = files.fileOf(d.uri);
      return file !== undefined && folderOf(file) === folder;
    });

  /** Names, types and places: what the other files' diagnostics are computed from. */
  const fingerprint = (summary: PayloadFileSummary | undefined) =>
    summary ? JSON.stringify([[...summary.mergeFields.keys()], summary.eventNames, [...summary.valueTypes]]) : '';

  const summarizeOpen = (document: TextDocument): PayloadFileSummary | undefined => {
    try {
      return service.summarize(document);
    } catch (error) {
      connection.console.error(`Summarising ${document.uri} failed: ${describe(error)}`);
      return undefined;
    }
  };

  /** Reads one payload file from disk into its folder's summaries (an open document is left alone). */
  const loadFromDisk = async (folder: Folder, file: string): Promise<void> => {
    if (openDocumentAt(file)) return;
    const read = await files.read(file);
    if (openDocumentAt(file)) return; // opened while reading: the editor's text wins
    if (!('text' in read)) {
      folder.summaries.delete(file);
      if ('problem' in read) logOnce(`Skipped the payload file ${file} for workspace checks: ${read.problem}.`);
      return;
    }
    const uri = files.uriOf(file);
    try {
      folder.summaries.set(file, service.summarize(TextDocument.create(uri, PAYLOAD_LANGUAGE_ID, 0, read.text)));
    } catch (error) {
      folder.summaries.delete(file);
      connection.console.error(`Summarising ${file} failed: ${describe(error)}`);
    } finally {
      service.forget(uri); // only open documents keep their analysis cached
    }
  };

  const loadCatalog = (folder: Folder): Promise<void> =>
    loadFolderCatalog(
      { connection, service, files, settingsFor: host.settingsFor, describe },
      folder,
      folders.map((f) => f.path),
    );

  const readCatalogSetting = async (folder: Folder): Promise<void> => {
    const settings = await host.settingsFor(folder.uri);
    const catalogPath = files.resolve(folder.path, fieldsFileOf(settings));
    // Only the user's own settings may name a catalog outside the workspace folders (folderCatalog.ts).
    const outside = !settings.fieldsFileFromUser && !folders.some((f) => files.contains(f.path, catalogPath));
    if (catalogPath === folder.catalogPath && outside === (folder.catalogOutsideWorkspace ?? false)) return;
    folder.catalogOutsideWorkspace = outside;
    if (folder.catalogDiagnosticsShown) {
      await connection.sendDiagnostics({ uri: files.uriOf(folder.catalogPath), diagnostics: [] });
      folder.catalogDiagnosticsShown = false;
    }
    folder.catalogPath = catalogPath;
  };

  const scanFolder = async (folder: Folder): Promise<void> => {
    let found: { files: string[]; truncated: boolean };
    try {
      found = await files.findPayloadFiles(folder.path);
    } catch (error) {
      logOnce(`Could not list the payload files of ${folder.path}: ${describe(error)}`);
      return;
    }
    if (found.truncated) logOnce(`${folder.path} has more than ${MAX_PAYLOAD_FILES} payload files; workspace checks use the first ${MAX_PAYLOAD_FILES}.`);
    // A few reads at a time: enough to hide latency, few enough to leave file handles for others.
    const pending = [...found.files];
    const worker = async () => {
      for (let file = pending.shift(); file !== undefined; file = pending.shift()) await loadFromDisk(folder, file);
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    // Open documents are summarised from the editor (the scan skips them); one summarised already keeps its summary.
    for (const document of openIn(folder)) {
      const file = files.fileOf(document.uri);
      if (file !== undefined && isPayloadIn(folder, file) && !folder.summaries.has(file)) dirty.add(document.uri);
    }
    for (const [file, summary] of folder.summaries) folder.announced.set(file, fingerprint(summary));
  };

  const revalidateOpen = (folder: Folder, except?: string) => {
    for (const document of openIn(folder)) if (document.uri !== except) host.revalidate(document.uri);
  };

  /**
   * Watches the payload files and each folder's catalog; registered again when a catalog changes.
   * A catalog inside its folder is watched by its name under any directory, a glob the client applies
   * to the workspace folders; one outside (`regal.fieldsFile` = `../team-catalog/fields.json`) only a relative
   * pattern based on its directory reaches (when the client supports those).
   */
  const registerWatchers = () => {
    if (!registersWatchers) return;
    const catalogGlobs = new Map<string, FileSystemWatcher['globPattern']>();
    for (const folder of folders) {
      const name = files.basename(folder.catalogPath);
      if (relativePatterns && !folderOf(folder.catalogPath))
        catalogGlobs.set(folder.catalogPath, { baseUri: files.uriOf(files.dirname(folder.catalogPath)), pattern: name });
      else catalogGlobs.set(`**/${name}`, `**/${name}`);
    }
    const watchers: FileSystemWatcher[] = [
      { globPattern: PAYLOAD_GLOB },
      ...[...catalogGlobs].sort(([a], [b]) => a.localeCompare(b)).map(([, globPattern]) => ({ globPattern })),
    ];
    const key = JSON.stringify(watchers);
    if (watcherRegistration && key === watchedGlobs) return;
    watchedGlobs = key;
    const previous = watcherRegistration;
    watcherRegistration = (async () => {
      (await previous)?.dispose();
      return connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    })().catch((error: unknown) => {
      connection.console.warn(`Could not watch the payload files and the field catalog (${String(error)}); reopen the workspace to pick up changes on disk.`);
      return undefined;
    });
  };

  const onWatchedFiles = async (changes: readonly FileEvent[]): Promise<void> => {
    const catalogsChanged = new Set<Folder>();
    const payloadsChanged = new Set<Folder>();
    for (const change of changes) {
      const file = files.fileOf(change.uri);
      if (!file) continue;
      // A catalog may lie outside its folder, or in another folder, and folders may share one.
      const readers = folders.filter((f) => f.catalogPath === file);
      for (const reader of readers) catalogsChanged.add(reader);
      const folder = folderOf(file);
      if (readers.length > 0 || !folder) continue;
      if (!isPayloadIn(folder, file) || openDocumentAt(file)) continue;
      if (change.type === FileChangeType.Deleted) folder.summaries.delete(file);
      else await loadFromDisk(folder, file);
      const now = fingerprint(folder.summaries.get(file));
      if (now !== (folder.announced.get(file) ?? '')) {
        if (now) folder.announced.set(file, now);
        else folder.announced.delete(file);
        payloadsChanged.add(folder);
      }
    }
    for (const folder of catalogsChanged) await loadCatalog(folder);
    for (const folder of new Set([...catalogsChanged, ...payloadsChanged])) revalidateOpen(folder);
  };

  /** After an edit pauses: take the document's summary, and if it changed, validate the other open payloads again. */
  const refresh = (uri: string) => {
    const file = files.fileOf(uri);
    const folder = file === undefined ? undefined : folderOf(file);
    const document = documents.get(uri);
    if (!file || !folder || !document || !isPayloadIn(folder, file)) return;
    // Another document's validation may have taken this version's summary already (contextFor).
    const stale = dirty.delete(uri) || !folder.summaries.has(file);
    const summary = stale ? summarizeOpen(document) : folder.summaries.get(file);
    if (stale && summary) folder.summaries.set(file, summary);
    const now = fingerprint(summary);
    if (now === (folder.announced.get(file) ?? '')) return;
    folder.announced.set(file, now);
    revalidateOpen(folder, uri);
  };

  documents.onDidChangeContent(({ document }) => {
    if (folders.length === 0) return;
    const { uri } = document;
    dirty.add(uri);
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        refresh(uri);
      }, host.debounceMs),
    );
  });

  documents.onDidClose(({ document }) => {
    const { uri } = document;
    clearTimeout(timers.get(uri));
    timers.delete(uri);
    dirty.delete(uri);
    const file = files.fileOf(uri);
    const folder = file === undefined ? undefined : folderOf(file);
    if (!file || !folder || !isPayloadIn(folder, file)) return;
    // The editor may close without saving: the file on disk is what counts again.
    enqueue(`Reading ${file}`, async () => {
      await loadFromDisk(folder, file);
      const now = fingerprint(folder.summaries.get(file));
      if (now === (folder.announced.get(file) ?? '')) return;
      folder.announced.set(file, now);
      revalidateOpen(folder);
    });
  });

  const addFolder = (root: WorkspaceFolder): Folder | undefined => {
    const folderPath = files.fileOf(root.uri);
    if (!folderPath || folders.some((f) => f.path === folderPath)) return undefined;
    const folder: Folder = { uri: root.uri, path: folderPath, catalogPath: '', catalogDiagnosticsShown: false, summaries: new Map(), announced: new Map() };
    folders.push(folder);
    return folder;
  };

  connection.onDidChangeWatchedFiles(({ changes }) => enqueue('Reading changed files', () => onWatchedFiles(listOf(changes))));

  return {
    initialize(params) {
      const watching = params.capabilities.workspace?.didChangeWatchedFiles;
      registersWatchers = watching?.dynamicRegistration === true;
      relativePatterns = watching?.relativePatternSupport === true;
      const roots = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []);
      for (const root of roots) addFolder(root);
    },
    initialized() {
      if (folders.length === 0) return;
      enqueue('Loading the workspace', async () => {
        for (const folder of folders) await readCatalogSetting(folder);
        registerWatchers();
        for (const folder of folders) {
          await loadCatalog(folder);
          await scanFolder(folder);
        }
      });
    },
    whenReady: () => queue,
    contextFor(uri) {
      const file = files.fileOf(uri);
      const folder = file === undefined ? undefined : folderOf(file);
      if (!folder) return { files: [] };
      // Open documents edited since their last summary are summarised now (their analysis is cached).
      for (const other of [...dirty]) {
        const otherFile = files.fileOf(other);
        const document = documents.get(other);
        if (!otherFile || !document || other === uri || folderOf(otherFile) !== folder || !isPayloadIn(folder, otherFile)) continue;
        dirty.delete(other);
        const summary = summarizeOpen(document);
        if (summary) folder.summaries.set(otherFile, summary);
      }
      const others: PayloadFileSummary[] = [];
      for (const [other, summary] of folder.summaries) if (other !== file) others.push(summary);
      return { catalog: folder.catalog, files: others };
    },
    foldersChanged(event) {
      const added = listOf(event?.added);
      const removed = listOf(event?.removed);
      enqueue('Applying the workspace folders', async () => {
        for (const root of removed) {
          const gone = folders.find((f) => f.path === files.fileOf(root.uri));
          if (!gone) continue;
          folders.splice(folders.indexOf(gone), 1);
          // Its catalog's diagnostics go, unless another folder reads the same file.
          if (gone.catalogDiagnosticsShown && !folders.some((f) => f.catalogPath === gone.catalogPath)) {
            await connection.sendDiagnostics({ uri: files.uriOf(gone.catalogPath), diagnostics: [] });
          }
        }
        const fresh = added.map(addFolder).filter((f): f is Folder => f !== undefined);
        for (const folder of fresh) await readCatalogSetting(folder);
        registerWatchers();
        for (const folder of fresh) {
          await loadCatalog(folder);
          await scanFolder(folder);
        }
        // Open documents may belong to another folder now, or to none.
        for (const document of documents.all()) host.revalidate(document.uri);
      });
    },
    settingsChanged() {
      if (folders.length === 0) return;
      enqueue('Applying the settings', async () => {
        for (const folder of folders) {
          await readCatalogSetting(folder);
          await loadCatalog(folder); // also when the path is the same: the severity of its problems may have changed
          revalidateOpen(folder);
        }
        registerWatchers();
      });
    },
  };
}

/** The array a notification should carry; a malformed one (null, an object) counts as empty. */
function listOf<T>(value: readonly T[] | null | undefined): readonly T[] {
  return Array.isArray(value) ? value : [];
}
