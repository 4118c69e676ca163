/**
 * LSP wiring, kept thin: document sync, settings, debounced push diagnostics. All knowledge of
 * payloads lives in the pure language service (./service).
 */
import {
  CodeActionKind,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type Position,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { version as serverVersion } from '../../package.json';
import { documentUriOf, formattingOptionsOf, positionIn, positionsIn, rangeIn } from './protocol/requestParams';
import { FIX_ALL_KIND, wantsFixAll } from './service/codeActions/doCodeActions';
import { createLanguageService, DIAGNOSTIC_SOURCE, type AnalyzedEvent, type LanguageService, type LanguageServiceOptions } from './service/languageService';
import { defaultSettings, readSettings, type ValidationSettings } from './service/settings';
import type { WorkspaceContext } from './service/workspace/workspaceContext';
import { createWorkspaceSync } from './host/workspaceSync';
import { runSliced } from './protocol/slicedRequests';
import type { Steps } from './service/util/steps';
import { registerCustomRequests } from './protocol/customRequests';
import { CHECK_REQUEST, SETTINGS_SECTION, type CheckParams, type CheckResult } from './protocol/contract';
import type { WorkspaceFiles } from './host/workspaceFiles';

export interface ServerOptions {
  schema: Record<string, unknown>;
  /** The workspace's files: the disk in the Node server (server.ts), the client's in a browser worker (browserServer.ts). */
  files: WorkspaceFiles;
  /**
   * A language service to use instead of one built from `schema` (tests inject failing ones), or a
   * factory given the server's hooks (its slow-check and internal-error logging).
   */
  service?: LanguageService | ((hooks: ServiceHooks) => LanguageService);
  /** Quiet time after the last edit before a document is validated again. */
  debounceMs?: number;
}

export type ServiceHooks = Required<Pick<LanguageServiceOptions, 'onAnalyzed' | 'onInternalError' | 'now'>>;

export { SETTINGS_SECTION } from './protocol/contract';
/** An analysis slower than this is logged (URI, version and size only), so that a slow file can be reported. */
export const SLOW_ANALYSIS_MS = 1_000;
/** Requests answered with nothing are logged up to this many times for each reason. */
const MAX_IGNORED_REQUEST_LOGS = 10;

export function startLanguageServer(connection: Connection, options: ServerOptions): void {
  const logSlowAnalysis = ({ uri, version, length, milliseconds }: AnalyzedEvent) => {
    if (milliseconds >= SLOW_ANALYSIS_MS)
      connection.console.log(`Checking ${uri} (version ${version}, ${length} characters) took ${Math.round(milliseconds)} ms.`);
  };
  // A part of a feature that failed (one family of quick fixes, say) is left out of the answer; the log says so.
  const logInternalError = (feature: string, error: unknown) =>
    connection.console.error(`${feature} failed in part: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  const hooks: ServiceHooks = { onAnalyzed: logSlowAnalysis, onInternalError: logInternalError, now: () => performance.now() };
  const service =
    typeof options.service === 'function' ? options.service(hooks) : (options.service ?? createLanguageService({ schema: options.schema, ...hooks }));
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
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
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

  // Each unusable setting is logged once (until the settings change), however many files read it.
  const loggedSettingProblems = new Set<string>();
  const usableSettings = (raw: unknown): ValidationSettings => {
    const { settings, problems } = readSettings(raw);
    for (const problem of problems) {
      if (loggedSettingProblems.has(problem)) continue;
      loggedSettingProblems.add(problem);
      connection.console.warn(`Setting ignored: ${problem}`);
    }
    return settings;
  };

  const settingsFor = (uri: string): Promise<ValidationSettings> => {
    if (!pullsSettings) return Promise.resolve(pushedSettings);
    let settings = settingsCache.get(uri);
    if (!settings) {
      settings = connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(usableSettings, (error: unknown) => {
        connection.console.warn(`Could not read the "${SETTINGS_SECTION}" settings (${String(error)}); using defaults.`);
        return defaultSettings;
      });
      settingsCache.set(uri, settings);
    }
    return settings;
  };

  // The catalog and the other payload files (server/src/host): read, watched, kept current.
  const workspaceSync = createWorkspaceSync({
    connection,
    documents,
    service,
    files: options.files,
    settingsFor,
    revalidate: (uri) => schedule(uri, 0),
    debounceMs,
  });
  const workspaceFor = (uri: string): WorkspaceContext => workspaceSync.contextFor(uri);
  registerCustomRequests(connection, workspaceFor);

  const ignoredRequests = new Map<string, number>();
  /** Logs why a request got no answer (a few times for each reason: a confused client must not flood the log). */
  const ignored = (what: string, uri: string | undefined, reason: string, details = '') => {
    const count = (ignoredRequests.get(reason) ?? 0) + 1;
    ignoredRequests.set(reason, count);
    if (count > MAX_IGNORED_REQUEST_LOGS) return;
    const last = count === MAX_IGNORED_REQUEST_LOGS ? ' (Further requests answered with nothing for this reason are not logged.)' : '';
    connection.console.log(`${what} request for ${uri ?? 'no document'} answered with nothing: ${reason}${details}.${last}`);
  };

  /**
   * Runs a request against an open document. A request cancelled before it starts is answered
   * RequestCancelled without doing the work; an unknown document, or parameters `run` cannot use
   * (it returns `undefined`), get `fallback`; a failure is logged and answered with `fallback`
   * instead of taking the server down.
   */
  const answer = <T>(
    params: unknown,
    token: CancellationToken | undefined,
    what: string,
    fallback: T,
    run: (document: TextDocument) => T | undefined,
  ): T | ResponseError<void> => {
    if (token?.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, `${what} request cancelled.`);
    const uri = documentUriOf(params);
    const document = uri === undefined ? undefined : documents.get(uri);
    if (!document) {
      ignored(what, uri, uri === undefined ? 'it names no document' : 'the document is not open');
      return fallback;
    }
    try {
      const result = run(document);
      if (result !== undefined) return result;
      ignored(what, uri, 'its position or range is not in the document', ` (version ${document.version}, ${document.lineCount} lines)`);
      return fallback;
    } catch (error) {
      connection.console.error(`${what} in ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return fallback;
    }
  };
  /**
   * `answer` for the long features, which come as steps: run a slice at a time
   * (protocol/slicedRequests.ts), so that a `$/cancelRequest`, or an edit, that arrives meanwhile
   * stops them with RequestCancelled or ContentModified.
   */
  const answerInSlices = async <T>(
    params: unknown,
    token: CancellationToken | undefined,
    what: string,
    fallback: T,
    steps: (document: TextDocument) => Steps<T> | undefined,
  ) => {
    const started = answer(params, token, what, undefined, (d) => {
      const work = steps(d);
      return work && { document: d, version: d.version, work };
    });
    if (started === undefined || started instanceof ResponseError) return started ?? fallback;
    const { document, version, work } = started;
    try {
      return await runSliced(work, token, () => documents.get(document.uri) === document && document.version === version, what);
    } catch (error) {
      connection.console.error(`${what} in ${document.uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return fallback;
    }
  };
  /** Runs `run` with the request's position, if it is one inside the document. */
  const at = <T>(document: TextDocument, position: unknown, run: (position: Position) => T): T | undefined => {
    const inside = positionIn(document, position);
    return inside && run(inside);
  };

  connection.onCompletion((params, token) =>
    answer(params, token, 'Completion', null, (d) => at(d, params?.position, (p) => service.doComplete(d, p, workspaceFor(d.uri), triggerCharacterOf(params)))),
  );
  connection.onHover((params, token) =>
    answer(params, token, 'Hover', null, (d) => at(d, params?.position, (p) => service.doHover(d, p, workspaceFor(d.uri)))),
  );
  connection.onCodeAction(async (params, token) => {
    const only: unknown = params?.context?.only;
    // Fixing the whole file reads its settings (a code turned off is not fixed); quick fixes do not wait for them.
    const uri = documentUriOf(params);
    const settings = wantsFixAll(only) && uri !== undefined && documents.get(uri) ? await settingsFor(uri) : undefined;
    return answer(params, token, 'Code actions', [], (d) => {
      const range = rangeIn(d, params?.range);
      const diagnostics = params?.context?.diagnostics;
      return (
        range &&
        service.doCodeActions(d, range, Array.isArray(diagnostics) ? diagnostics : [], workspaceFor(d.uri), {
          only: Array.isArray(only) ? only : undefined,
          settings,
        })
      );
    });
  });
  connection.onDocumentSymbol((params, token) => answerInSlices(params, token, 'Outline', [], (d) => service.steps.findDocumentSymbols(d)));
  connection.onFoldingRanges((params, token) => answerInSlices(params, token, 'Folding', [], (d) => service.steps.getFoldingRanges(d)));
  connection.onSelectionRanges((params, token) =>
    answerInSlices(params, token, 'Selection ranges', [], (d) => {
      const positions = positionsIn(d, params?.positions);
      return positions && service.steps.getSelectionRanges(d, positions);
    }),
  );
  connection.onDocumentFormatting((params, token) =>
    answerInSlices(params, token, 'Formatting', [], (d) => service.steps.format(d, undefined, formattingOptionsOf(params?.options))),
  );
  connection.onDocumentRangeFormatting((params, token) =>
    answerInSlices(params, token, 'Formatting', [], (d) => {
      const range = rangeIn(d, params?.range);
      return range && service.steps.format(d, range, formattingOptionsOf(params?.options));
    }),
  );

  /** The document's diagnostics now, with its folder's settings; undefined when it changed or closed meanwhile. */
  const diagnose = async (uri: string): Promise<{ version: number; diagnostics: Diagnostic[] } | undefined> => {
    const document = documents.get(uri);
    if (!document) return undefined;
    const version = document.version;
    const settings = await settingsFor(uri);
    await workspaceSync.whenReady();
    // Dropped if the document changed, or closed (and maybe opened again with the same version
    // number), while the settings were read: a run for the current text follows.
    if (documents.get(uri) !== document || document.version !== version) return undefined;
    try {
      return { version, diagnostics: service.doValidation(document, settings, workspaceFor(uri)) };
    } catch (error) {
      // A bug of ours must not look like a clean payload: say so in the file, details in the log.
      connection.console.error(`Validation of ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      const internalError: Diagnostic = {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Warning,
        source: DIAGNOSTIC_SOURCE,
        code: 'internal-error',
        message:
          'The Regal language server could not check this payload (an internal error, logged in the "Regal Webhook Language Server" output). Please report it with the payload.',
      };
      return { version, diagnostics: [internalError] };
    }
  };

  const validate = async (uri: string): Promise<void> => {
    const result = await diagnose(uri);
    if (result) await connection.sendDiagnostics({ uri, ...result });
  };

  // Send's preflight: the errors of the current text, not of the last debounced validation.
  connection.onRequest(CHECK_REQUEST, async (params: CheckParams): Promise<CheckResult> => {
    const uri = typeof params?.uri === 'string' ? params.uri : '';
    for (let attempt = 0; attempt < 3; attempt++) {
      const result = await diagnose(uri);
      if (!result) continue; // edited while its settings were read: check the newer text
      // A file the server failed to check counts as one with an error: nothing says it is sendable.
      const errors = result.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error || d.code === 'internal-error');
      const first = errors.reduce<Diagnostic | undefined>((a, d) => (!a || comparePositions(d.range.start, a.range.start) < 0 ? d : a), undefined);
      const firstError = first && {
        ...first.range.start,
        message: typeof first.message === 'string' ? first.message : first.message.value,
        ...(typeof first.code === 'string' ? { code: first.code } : {}),
      };
      return { version: result.version, errorCount: errors.length, ...(firstError ? { firstError } : {}) };
    }
    return { errorCount: 0 };
  });

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
    connection
      .sendDiagnostics({ uri, diagnostics: [] })
      .catch((error: unknown) => connection.console.warn(`Could not clear the diagnostics of ${uri}: ${String(error)}`));
  });

  connection.onDidChangeConfiguration((change) => {
    settingsCache.clear();
    loggedSettingProblems.clear();
    // A client that pushes settings sends all of them; a malformed notification counts as none.
    const pushed: unknown = (change as { settings?: unknown } | null | undefined)?.settings;
    if (!pullsSettings)
      pushedSettings = usableSettings(typeof pushed === 'object' && pushed !== null ? (pushed as Record<string, unknown>)[SETTINGS_SECTION] : undefined);
    workspaceSync.settingsChanged();
    for (const document of documents.all()) schedule(document.uri, 0);
  });

  documents.listen(connection);
  connection.listen();
}

function comparePositions(a: { line: number; character: number }, b: { line: number; character: number }): number {
  return a.line - b.line || a.character - b.character;
}

/** The character whose typing asked for completion, when it is one (LSP CompletionContext, checked: clients send anything). */
function triggerCharacterOf(params: unknown): string | undefined {
  const context = (params as { context?: { triggerKind?: unknown; triggerCharacter?: unknown } } | undefined)?.context;
  return context?.triggerKind === 2 && typeof context.triggerCharacter === 'string' ? context.triggerCharacter : undefined;
}
