/**
 * A small LSP client for end-to-end tests: starts dist/server.js (stdio or node IPC), answers
 * `workspace/configuration`, buffers `textDocument/publishDiagnostics` and waits for them without
 * sleeping. Every wait is bounded by a timeout that rejects with the server's stderr and log
 * messages, so a broken server fails the test instead of hanging it.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  UnregistrationRequest,
  type ClientCapabilities,
  type ConfigurationParams,
  type InitializeResult,
  type MessageReader,
  type MessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Registration,
  type WorkspaceFolder,
} from 'vscode-languageserver-protocol/node';
import { repoRoot } from './service';

export const serverPath = path.join(repoRoot, 'dist', 'server.js');
export const DEFAULT_TIMEOUT_MS = 10_000;
/** How long `stop()` lets the server take to exit after `exit` before killing it. */
const EXIT_TIMEOUT_MS = 5_000;

export type Transport = 'stdio' | 'node-ipc';
export type ConfigurationHandler = (params: ConfigurationParams) => unknown[] | Promise<unknown[]>;
export type DiagnosticsPredicate = (params: PublishDiagnosticsParams) => boolean;

interface Waiter {
  uri: string;
  predicate: DiagnosticsPredicate;
  resolve(params: PublishDiagnosticsParams): void;
  reject(error: Error): void;
}

interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Answers every requested item with `null`, as a client without such settings does. */
export const nullConfiguration: ConfigurationHandler = (params) => params.items.map(() => null);

export class LspClient {
  readonly connection: ProtocolConnection;
  /** Every `workspace/configuration` request the server sent, in order. */
  readonly configurationRequests: ConfigurationParams[] = [];
  /** `window/logMessage` texts from the server. */
  readonly logMessages: string[] = [];
  /** Capabilities the server registered dynamically (`client/registerCapability`), in order. */
  readonly registrations: Registration[] = [];
  /** Ids of the registrations the server withdrew (`client/unregisterCapability`), in order. */
  readonly unregistrations: string[] = [];
  private readonly registrationWaiters = new Set<(registration: Registration) => void>();

  private stderrText = '';
  private configurationHandler: ConfigurationHandler = nullConfiguration;
  /** Every publish per uri, in arrival order (never consumed). */
  private readonly published = new Map<string, PublishDiagnosticsParams[]>();
  /** Publishes per uri not yet passed by a wait. */
  private readonly pending = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiters = new Set<Waiter>();
  private exitInfo: ExitInfo | undefined;
  private readonly exited: Promise<ExitInfo>;
  private disposed = false;

  private constructor(
    readonly child: ChildProcess,
    readonly transport: Transport,
    reader: MessageReader,
    writer: MessageWriter,
  ) {
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      this.stderrText += chunk;
    });
    this.exited = new Promise<ExitInfo>((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        const error = new Error(`The language server exited (code ${code}, signal ${signal}) while a test waited for diagnostics.${this.details()}`);
        for (const waiter of this.waiters) waiter.reject(error);
        this.waiters.clear();
        resolve(this.exitInfo);
      });
    });
    child.once('error', (error) => {
      this.stderrText += `\n[spawn error] ${error.message}`;
    });

    this.connection = createProtocolConnection(reader, writer);
    this.connection.onError(([error]) => {
      this.stderrText += `\n[connection error] ${error.message}`;
    });
    this.connection.onRequest(ConfigurationRequest.type, async (params) => {
      this.configurationRequests.push(params);
      return this.configurationHandler(params);
    });
    this.connection.onRequest(RegistrationRequest.type, (params) => {
      for (const registration of params.registrations) {
        this.registrations.push(registration);
        for (const notify of this.registrationWaiters) notify(registration);
      }
    });
    this.connection.onRequest(UnregistrationRequest.type, (params) => {
      for (const unregistration of params.unregisterations) this.unregistrations.push(unregistration.id);
    });
    this.connection.onNotification(LogMessageNotification.type, (params) => {
      this.logMessages.push(params.message);
    });
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => this.onPublish(params));
    this.connection.listen();
  }

  /** Spawns `node dist/server.js --stdio`. */
  static stdio(): LspClient {
    const child = spawn(process.execPath, [serverPath, '--stdio'], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    return new LspClient(child, 'stdio', new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  }

  /** Forks `dist/server.js --node-ipc`, talking over the IPC channel. */
  static nodeIpc(): LspClient {
    const child = fork(serverPath, ['--node-ipc'], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
    return new LspClient(child, 'node-ipc', new IPCMessageReader(child), new IPCMessageWriter(child));
  }

  /** Spawns another server command over stdio (an installed `regal-webhook-language-server --stdio`). */
  static command(file: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): LspClient {
    const child = spawn(file, [...args], { cwd: repoRoot, env, stdio: ['pipe', 'pipe', 'pipe'] });
    return new LspClient(child, 'stdio', new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  }

  static start(transport: Transport): LspClient {
    return transport === 'stdio' ? LspClient.stdio() : LspClient.nodeIpc();
  }

  /** What the server wrote to stderr so far. */
  get stderr(): string {
    return this.stderrText;
  }

  /** Replaces the `workspace/configuration` answer (the default answers `null` per item). */
  setConfigurationHandler(handler: ConfigurationHandler): void {
    this.configurationHandler = handler;
  }

  /** Sends `initialize` (then the test sends `initialized`, or uses `initializeAndConfirm`). */
  initialize(
    capabilities: ClientCapabilities = {},
    timeoutMs = DEFAULT_TIMEOUT_MS,
    workspaceFolders: WorkspaceFolder[] | null = null,
  ): Promise<InitializeResult> {
    return this.bounded(
      this.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: workspaceFolders?.[0]?.uri ?? null,
        capabilities,
        workspaceFolders,
      }),
      timeoutMs,
      'the initialize response',
    );
  }

  async initializeAndConfirm(capabilities: ClientCapabilities = {}, workspaceFolders: WorkspaceFolder[] | null = null): Promise<InitializeResult> {
    const result = await this.initialize(capabilities, DEFAULT_TIMEOUT_MS, workspaceFolders);
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  /** Resolves with the server's dynamic registration of `method` (that matches `predicate`), already received or still to come. */
  waitForRegistration(method: string, timeoutMs = DEFAULT_TIMEOUT_MS, predicate: (registration: Registration) => boolean = () => true): Promise<Registration> {
    const done = this.registrations.find((r) => r.method === method && predicate(r));
    if (done) return Promise.resolve(done);
    let notify: ((registration: Registration) => void) | undefined;
    const waiting = new Promise<Registration>((resolve) => {
      notify = (registration) => {
        if (registration.method === method && predicate(registration)) resolve(registration);
      };
      this.registrationWaiters.add(notify);
    });
    return this.bounded(waiting, timeoutMs, `a registration of ${method}`).finally(() => {
      if (notify) this.registrationWaiters.delete(notify);
    });
  }

  openDocument(uri: string, text: string, version = 1, languageId = 'regal-webhook'): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  /** All publishes received for `uri`, in arrival order. */
  history(uri: string): readonly PublishDiagnosticsParams[] {
    return this.published.get(uri) ?? [];
  }

  /**
   * Resolves with the first publish for `uri` that matches `predicate` and that no earlier wait
   * has passed, whether it arrived before this call or arrives later. The matched publish and all
   * earlier ones for `uri` count as passed: a later wait only sees what came after.
   */
  waitForDiagnostics(uri: string, predicate: DiagnosticsPredicate = () => true, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<PublishDiagnosticsParams> {
    const buffered = this.take(uri, predicate);
    if (buffered) return Promise.resolve(buffered);
    if (this.exitInfo) {
      return Promise.reject(new Error(`The language server has exited (code ${this.exitInfo.code}); no diagnostics for ${uri} will come.${this.details()}`));
    }
    let waiter: Waiter | undefined;
    const waiting = new Promise<PublishDiagnosticsParams>((resolve, reject) => {
      waiter = { uri, predicate, resolve, reject };
      this.waiters.add(waiter);
    });
    return this.bounded(waiting, timeoutMs, `diagnostics for ${uri} matching ${describePredicate(predicate)}`, () => {
      if (waiter) this.waiters.delete(waiter);
    });
  }

  /** Bounds `promise` by `timeoutMs`; a timeout rejects with the server's stderr and logs. */
  bounded<T>(promise: Promise<T>, timeoutMs: number, what: string, onTimeout?: () => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        onTimeout?.();
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.${this.details()}`));
      }, timeoutMs);
      promise.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  /**
   * Sends `shutdown` and `exit` and resolves with the server's exit code. A server that does not
   * exit within a few seconds is killed, and the promise rejects.
   */
  async stop(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<number | null> {
    if (!this.exitInfo) {
      await this.bounded(this.connection.sendRequest(ShutdownRequest.type), timeoutMs, 'the shutdown response');
      await this.connection.sendNotification(ExitNotification.type);
    }
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), EXIT_TIMEOUT_MS);
    });
    const outcome = await Promise.race([this.exited, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.child.kill('SIGKILL');
      await this.exited;
      this.dispose();
      throw new Error(`The language server did not exit within ${EXIT_TIMEOUT_MS} ms after shutdown/exit and was killed.${this.details()}`);
    }
    this.dispose();
    return outcome.code;
  }

  /** Releases the connection and kills the server if it still runs (for `after` hooks). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const waiter of this.waiters) waiter.reject(new Error('The test client was disposed.'));
    this.waiters.clear();
    this.connection.dispose();
    if (!this.exitInfo && this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  private onPublish(params: PublishDiagnosticsParams): void {
    let all = this.published.get(params.uri);
    if (!all) this.published.set(params.uri, (all = []));
    all.push(params);
    let queue = this.pending.get(params.uri);
    if (!queue) this.pending.set(params.uri, (queue = []));
    queue.push(params);
    for (const waiter of [...this.waiters]) {
      if (waiter.uri !== params.uri) continue;
      const match = this.take(waiter.uri, waiter.predicate);
      if (match) {
        this.waiters.delete(waiter);
        waiter.resolve(match);
      }
    }
  }

  private take(uri: string, predicate: DiagnosticsPredicate): PublishDiagnosticsParams | undefined {
    const queue = this.pending.get(uri);
    if (!queue) return undefined;
    const index = queue.findIndex(predicate);
    if (index === -1) return undefined;
    const [match] = queue.splice(0, index + 1).slice(-1);
    return match;
  }

  private details(): string {
    const parts: string[] = [];
    if (this.stderrText.trim()) parts.push(`server stderr:\n${tail(this.stderrText)}`);
    if (this.logMessages.length > 0) parts.push(`server log messages:\n${tail(this.logMessages.join('\n'))}`);
    return parts.length > 0 ? `\n${parts.join('\n')}` : ' (the server wrote nothing to stderr or its log)';
  }
}

/** A predicate for the publish of one document version. */
export function forVersion(version: number): DiagnosticsPredicate {
  const predicate: DiagnosticsPredicate = (params) => params.version === version;
  Object.defineProperty(predicate, 'description', { value: `version ${version}` });
  return predicate;
}

function describePredicate(predicate: DiagnosticsPredicate): string {
  const description = (predicate as { description?: unknown }).description;
  return typeof description === 'string' ? description : predicate.toString().replace(/\s+/g, ' ').slice(0, 120);
}

function tail(text: string, max = 4_000): string {
  return text.length > max ? `…${text.slice(-max)}` : text;
}
