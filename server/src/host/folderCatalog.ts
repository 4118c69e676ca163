/**
 * Loading one workspace folder's merge-field catalog (`regal.fieldsFile`) for the server: read it (WorkspaceFiles)
 * (not through a symbolic link that leaves the workspace), parse it with the language service,
 * show its problems on the catalog file, and log each problem once. Used by workspaceSync.ts.
 */
import { MessageType, ShowMessageNotification, type Connection, type Diagnostic, type ShowMessageParams } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../service/languageService';
import type { ValidationSettings } from '../service/settings';
import type { FieldCatalog } from '../service/workspace/workspaceContext';
import type { WorkspaceFiles } from './workspaceFiles';

export interface CatalogFolder {
  uri: string;
  /** The catalog file (`regal.fieldsFile` resolved against the folder). */
  catalogPath: string;
  catalog?: FieldCatalog;
  /** Diagnostics are shown on the catalog file (so they must be cleared when it is fixed or moved). */
  catalogDiagnosticsShown: boolean;
  /** The last catalog problem written to the log, so that each is logged once. */
  catalogLogged?: string;
  /**
   * Set when `regal.fieldsFile` comes from workspace settings and names a file outside the workspace
   * folders: the catalog is not read (a cloned repository's settings must not make the server read
   * any file on the machine). A path from the user's own settings may point anywhere.
   */
  catalogOutsideWorkspace?: boolean;
}

export interface CatalogLoaderDeps {
  connection: Connection;
  service: LanguageService;
  files: WorkspaceFiles;
  settingsFor(uri: string): Promise<ValidationSettings>;
  describe(error: unknown): string;
}

/** `roots`: the workspace folders' paths, which a symbolic link to the catalog must not leave. */
export async function loadFolderCatalog(deps: CatalogLoaderDeps, folder: CatalogFolder, roots: readonly string[]): Promise<void> {
  const { connection, service } = deps;
  const uri = deps.files.uriOf(folder.catalogPath);
  const read = folder.catalogOutsideWorkspace ? ({ outside: true } as const) : await deps.files.read(folder.catalogPath, roots);
  let diagnostics: Diagnostic[] = [];
  folder.catalog = undefined;
  if ('text' in read) {
    const settings = await deps.settingsFor(folder.uri);
    let loaded: ReturnType<LanguageService['loadFieldCatalog']>;
    try {
      loaded = service.loadFieldCatalog(TextDocument.create(uri, 'json', 0, read.text), settings);
    } catch (error) {
      // A bug of ours: the catalog goes unused, and the rest of the workspace still loads.
      connection.console.error(`Reading the field catalog ${folder.catalogPath} failed: ${deps.describe(error)}`);
      loaded = { diagnostics: [] };
    }
    folder.catalog = loaded.catalog;
    diagnostics = loaded.diagnostics;
    if (!loaded.catalog) {
      // Where, not what: the message may quote the catalog, and the log never repeats file contents.
      const first = diagnostics[0];
      const where = first
        ? ` (${diagnostics.length === 1 ? 'a problem' : `${diagnostics.length} problems`}, the first on line ${first.range.start.line + 1})`
        : '';
      logCatalog(connection, folder, `The field catalog ${folder.catalogPath} is invalid${where}; merge-field checks are off until it is fixed.`);
    } else {
      folder.catalogLogged = undefined;
      connection.console.log(`Read ${loaded.catalog.fields.size} merge fields from ${folder.catalogPath}.`);
    }
  } else if ('problem' in read) {
    // The setting names a catalog that exists but cannot be used: only the user can fix that.
    const message = `The field catalog ${folder.catalogPath} could not be read: ${read.problem}.`;
    if (logCatalog(connection, folder, message)) {
      // A notification, not window/showMessageRequest: nothing waits for the user, and every client shows it.
      const shown: ShowMessageParams = {
        type: MessageType.Warning,
        message: `${message} Merge-field checks are off until regal.fieldsFile names a readable catalog.`,
      };
      connection.sendNotification(ShowMessageNotification.type, shown).catch(() => undefined);
    }
  } else if ('outside' in read) {
    const message = `The field catalog ${folder.catalogPath} is not read: it is outside the workspace, and regal.fieldsFile names it in the workspace settings.`;
    if (logCatalog(connection, folder, message)) {
      const shown: ShowMessageParams = {
        type: MessageType.Warning,
        message: `${message} Move the catalog into the workspace folder, or set regal.fieldsFile in your user settings to read it from there.`,
      };
      connection.sendNotification(ShowMessageNotification.type, shown).catch(() => undefined);
    }
  } else folder.catalogLogged = undefined; // no catalog: a normal setup, without catalog features
  if (diagnostics.length > 0 || folder.catalogDiagnosticsShown) {
    folder.catalogDiagnosticsShown = diagnostics.length > 0;
    await connection.sendDiagnostics({ uri, diagnostics });
  }
}

/** Logs a catalog problem unless it is the one last logged for the folder; says whether it did. */
function logCatalog(connection: Connection, folder: CatalogFolder, message: string): boolean {
  if (folder.catalogLogged === message) return false;
  folder.catalogLogged = message;
  connection.console.warn(message);
  return true;
}
