/**
 * LSP wiring, kept thin: document sync, settings, debounced push diagnostics. All knowledge of
 * payloads lives in the pure language service (./service).
 */
import { CodeActionKind, DiagnosticSeverity, DidChangeConfigurationNotification, TextDocuments, TextDocumentSyncKind, type Connection, type Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { version as serverVersion } from '../../package.json';
import { createLanguageService, DIAGNOSTIC_SOURCE, type LanguageService } from './service/languageService';
import { defaultSettings, normalizeSettings, type ValidationSettings } from './service/settings';
import type { WorkspaceContext } from './service/workspace/workspaceContext';
import { createWorkspaceSync } from './workspace/workspaceSync';

export interface ServerOptions {
  schema: Record<string, unknown>;
  /** A language service to use instead of one built from `schema` (tests inject failing ones). */
  service?: LanguageService;
  /** Quiet time after the last edit before a document is validated again. */
  debounceMs?: number;
}

export const SETTINGS_SECTION = 'regal';

export function startLanguageServer(connection: Connection, options: ServerOptions): void {
  const service = options.service ?? createLanguageService({ schema: options.schema });
  const documents = new TextDocuments(TextDocument);
  const debounceMs = options.debounceMs ?? 200;
  const pending = new Map<string, NodeJS.Timeout>();
  const settingsCache = new Map<string, Promise<ValidationSettings>>();
  let pullsSettings = false;
  let registersConfigurationChanges = false;
  let sendsFolderChanges = false;
  let pushedSettings: ValidationSettings = defaultSettings;

  connection.onInitialize((params) => {
    pullsSettings = params.capabilities.workspace?.configuration === true;
    registersConfigurationChanges = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    sendsFolderChanges = params.capabilities.workspace?.workspaceFolders === true;
    workspaceSync.initialize(params);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: ['"', '{', '#', '/', ':', ' '] },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        // Folders added to a multi-root workspace get their own catalog and payload files.
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'regal-webhook-language-server', version: serverVersion },
    };
  });

  // Clients that pull settings (VS Code's among them) only announce changes to servers that register for them.
  connection.onInitialized(() => {
    workspaceSync.initialized();
    if (sendsFolderChanges) connection.workspace.onDidChangeWorkspaceFolders((event) => workspaceSync.foldersChanged(event));
    if (registersConfigurationChanges) {
      connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch((error: unknown) => {
        connection.console.warn(`Could not register for settings changes (${String(error)}); edit a payload to apply new settings.`);
      });
    }
  });

  const settingsFor = (uri: string): Promise<ValidationSettings> => {
    if (!pullsSettings) return Promise.resolve(pushedSettings);
    let settings = settingsCache.get(uri);
    if (!settings) {
      settings = connection.workspace
        .getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
        .then(normalizeSettings, (error: unknown) => {
          connection.console.warn(`Could not read the "${SETTINGS_SECTION}" settings (${String(error)}); using defaults.`);
          return defaultSettings;
        });
      settingsCache.set(uri, settings);
    }
    return settings;
  };

  // The catalog and the other payload files (server/src/workspace): read from disk, watched, kept current.
  const workspaceSync = createWorkspaceSync({ connection, documents, service, settingsFor, revalidate: (uri) => schedule(uri, 0), debounceMs });
  const workspaceFor = (uri: string): WorkspaceContext => workspaceSync.contextFor(uri);

  /**
   * Runs a request against an open document; unknown documents get `fallback`, and a failure is
   * logged and answered with `fallback` instead of taking the server down.
   */
  const answer = <T>(uri: string, what: string, fallback: T, run: (document: TextDocument) => T): T => {
    const document = documents.get(uri);
    if (!document) return fallback;
    try {
      return run(document);
    } catch (error) {
      connection.console.error(`${what} in ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return fallback;
    }
  };

  connection.onCompletion(({ textDocument, position }) =>
    answer(textDocument.uri, 'Completion', null, (d) => service.doComplete(d, position, workspaceFor(d.uri))),
  );
  connection.onHover(({ textDocument, position }) => answer(textDocument.uri, 'Hover', null, (d) => service.doHover(d, position, workspaceFor(d.uri))));
  connection.onCodeAction(({ textDocument, range, context }) =>
    answer(textDocument.uri, 'Code actions', [], (d) => service.doCodeActions(d, range, context.diagnostics, workspaceFor(d.uri))),
  );
  connection.onDocumentSymbol(({ textDocument }) => answer(textDocument.uri, 'Outline', [], (d) => service.findDocumentSymbols(d)));
  connection.onFoldingRanges(({ textDocument }) => answer(textDocument.uri, 'Folding', [], (d) => service.getFoldingRanges(d)));
  connection.onSelectionRanges(({ textDocument, positions }) => answer(textDocument.uri, 'Selection ranges', [], (d) => service.getSelectionRanges(d, positions)));
  connection.onDocumentFormatting(({ textDocument, options }) => answer(textDocument.uri, 'Formatting', [], (d) => service.format(d, undefined, options)));
  connection.onDocumentRangeFormatting(({ textDocument, range, options }) => answer(textDocument.uri, 'Formatting', [], (d) => service.format(d, range, options)));

  const validate = async (uri: string): Promise<void> => {
    const document = documents.get(uri);
    if (!document) return;
    const version = document.version;
    const settings = await settingsFor(uri);
    await workspaceSync.whenReady();
    // Dropped if the document changed or closed while the settings were read: a newer run follows.
    if (documents.get(uri)?.version !== version) return;
    let diagnostics: Diagnostic[];
    try {
      diagnostics = service.doValidation(document, settings, workspaceFor(uri));
    } catch (error) {
      // A bug of ours must not look like a clean payload: say so in the file, details in the log.
      connection.console.error(`Validation of ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      diagnostics = [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: DiagnosticSeverity.Warning,
          source: DIAGNOSTIC_SOURCE,
          code: 'internal-error',
          message: 'The Regal language server could not check this payload (an internal error, logged in the "Regal Webhook Language Server" output). Please report it with the payload.',
        },
      ];
    }
    await connection.sendDiagnostics({ uri, version, diagnostics });
  };

  const schedule = (uri: string, delay = debounceMs) => {
    clearTimeout(pending.get(uri));
    pending.set(
      uri,
      setTimeout(() => {
        pending.delete(uri);
        validate(uri).catch((error: unknown) => connection.console.error(`Validation of ${uri} failed: ${String(error)}`));
      }, delay),
    );
  };

  // A newly opened document is validated at once; edits wait for a pause in typing.
  const validatedOnce = new Set<string>();
  documents.onDidChangeContent((event) => {
    const { uri } = event.document;
    schedule(uri, validatedOnce.has(uri) ? debounceMs : 0);
    validatedOnce.add(uri);
  });
  documents.onDidClose((event) => {
    const { uri } = event.document;
    clearTimeout(pending.get(uri));
    pending.delete(uri);
    validatedOnce.delete(uri);
    settingsCache.delete(uri);
    service.forget(uri);
    connection.sendDiagnostics({ uri, diagnostics: [] }).catch((error: unknown) => connection.console.warn(`Could not clear the diagnostics of ${uri}: ${String(error)}`));
  });

  connection.onDidChangeConfiguration((change) => {
    settingsCache.clear();
    if (!pullsSettings) pushedSettings = normalizeSettings((change.settings as Record<string, unknown> | null)?.[SETTINGS_SECTION]);
    workspaceSync.settingsChanged();
    for (const document of documents.all()) schedule(document.uri, 0);
  });

  documents.listen(connection);
  connection.listen();
}
