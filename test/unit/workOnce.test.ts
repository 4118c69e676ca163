/**
 * "Work only once" in the server wiring, in process over in-memory streams, with a language
 * service that counts what it computes: one analysis per document version, shared by diagnostics
 * and every request; superseded versions never validated or published; cross-file summaries taken
 * again only for the file that changed.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createConnection } from 'vscode-languageserver/node';
import {
  CodeActionRequest,
  CompletionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbolRequest,
  FileChangeType,
  FoldingRangeRequest,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  SelectionRangeRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ConfigurationParams,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type WorkspaceFolder,
} from 'vscode-languageserver-protocol/node';
import { diskWorkspaceFiles } from '../../server/src/host/diskFiles';
import { startLanguageServer } from '../../server/src/languageServer';
import { renderedViewAt } from '../../server/src/service/renderedView';
import { createLanguageService, type AnalyzedEvent, type LanguageService } from '../../server/src/service/languageService';
import { regalSchema } from '../support/service';

const TIMEOUT_MS = 5_000;

/** A language service that records each analysis, validation and summary it computes. */
function countingService() {
  const analyses: AnalyzedEvent[] = [];
  const validated: Array<{ uri: string; version: number; text: string }> = [];
  const summarized: string[] = [];
  const onSummary = new Set<() => void>();
  const inner = createLanguageService({ schema: regalSchema, onAnalyzed: (event) => analyses.push(event) });
  const service: LanguageService = {
    ...inner,
    doValidation(document, settings, workspace) {
      validated.push({ uri: document.uri, version: document.version, text: document.getText() });
      return inner.doValidation(document, settings, workspace);
    },
    summarize(document) {
      summarized.push(document.uri);
      for (const notify of [...onSummary]) notify();
      return inner.summarize(document);
    },
  };
  const analysesOf = (uri: string, version?: number) => analyses.filter((a) => a.uri === uri && (version === undefined || a.version === version)).length;
  const summariesOf = (uri: string) => summarized.filter((u) => u === uri).length;
  /** Resolves once `uri` has been summarised `count` times. */
  const summariesReach = (uri: string, count: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${uri} was summarised ${summariesOf(uri)} times, not ${count}, within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      const check = () => {
        if (summariesOf(uri) < count) return;
        clearTimeout(timer);
        onSummary.delete(check);
        resolve();
      };
      onSummary.add(check);
      check();
    });
  return { service, analyses, validated, summarized, analysesOf, summariesOf, summariesReach };
}

/** The server and a client connected in process; every wait is bounded. */
class InProcess {
  readonly client: ProtocolConnection;
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: string[] = [];
  configuration: (params: ConfigurationParams) => unknown[] | Promise<unknown[]> = (params) => params.items.map(() => null);
  private readonly waiters = new Set<() => void>();
  constructor(service: LanguageService, debounceMs: number) {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const serverConnection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    startLanguageServer(serverConnection, { schema: regalSchema, files: diskWorkspaceFiles, service, debounceMs });
    this.client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    this.client.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      for (const notify of [...this.waiters]) notify();
    });
    this.client.onNotification(LogMessageNotification.type, (params) => void this.logs.push(params.message));
    this.client.onRequest(ConfigurationRequest.type, (params) => this.configuration(params));
    this.client.onRequest(RegistrationRequest.type, () => undefined);
    this.client.listen();
  }

  async initialize(workspaceFolders: WorkspaceFolder[] | null = null): Promise<void> {
    await this.client.sendRequest(InitializeRequest.type, {
      processId: null,
      rootUri: workspaceFolders?.[0]?.uri ?? null,
      capabilities: { workspace: { configuration: true } },
      workspaceFolders,
    });
    await this.client.sendNotification(InitializedNotification.type, {});
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'regal-webhook', version, text } });
  }

  change(uri: string, version: number, text: string): Promise<void> {
    return this.client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** The first publish for `uri` at or after index `from` of `published` that matches. */
  waitForPublish(uri: string, from: number, predicate: (params: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    const find = () => this.published.slice(from).find((p) => p.uri === uri && predicate(p));
    const found = find();
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`no matching publishDiagnostics for ${uri} within ${TIMEOUT_MS} ms; logs:\n${this.logs.join('\n')}`));
      }, TIMEOUT_MS);
      const check = () => {
        const match = find();
        if (!match) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(match);
      };
      this.waiters.add(check);
    });
  }

  publishesOf(uri: string, from = 0): PublishDiagnosticsParams[] {
    return this.published.slice(from).filter((p) => p.uri === uri);
  }

  /**
   * Closes the client side only: the server may still have a debounced validation to run, and its
   * publish then goes to a stream nobody reads, where a disposed connection would throw.
   */
  dispose(): void {
    this.client.dispose();
  }
}

/** A promise with its resolver, to hold the settings answer until the test lets it go. */
function gate(): { promise: Promise<void>; open(): void } {
  let open = () => undefined as void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

const payload = `{
  "name": "Signup",
  "traits": {
    "phone": "{{phoneNumber}}",
    "optIn": [ { "channel": "sms", "subscribed": {{#if sms}}true{{else}}false{{/if}} } ]
  } // a comment
}
`;

function positionOf(text: string, needle: string, delta = 0): Position {
  const offset = text.indexOf(needle);
  assert.notEqual(offset, -1, needle);
  return TextDocument.create('file:///x', 'json', 0, text).positionAt(offset + delta);
}

describe('work only once: one analysis per document version', () => {
  it('shares the analysis of a version between diagnostics and every request', async () => {
    const counting = countingService();
    const server = new InProcess(counting.service, 0);
    try {
      await server.initialize();
      const uri = 'file:///work-once/a.regal.json';
      await server.open(uri, payload);
      const published = await server.waitForPublish(uri, 0, (p) => p.version === 1);
      assert.ok(published.diagnostics.some((d) => d.code === 'comment'));

      const requests = async (text: string) => {
        const textDocument = { uri };
        const inElse = positionOf(text, 'false{{/if}}', 2);
        await server.client.sendRequest(CompletionRequest.type, { textDocument, position: positionOf(text, '"sms"', 1) });
        await server.client.sendRequest(CompletionRequest.type, { textDocument, position: inElse });
        await server.client.sendRequest(HoverRequest.type, { textDocument, position: positionOf(text, 'phoneNumber', 2) });
        await server.client.sendRequest(HoverRequest.type, { textDocument, position: inElse });
        const range = { start: { line: 0, character: 0 }, end: positionOf(text, '}\n', 1) };
        const diagnostics = server.publishesOf(uri).at(-1)?.diagnostics ?? [];
        const actions = await server.client.sendRequest(CodeActionRequest.type, { textDocument, range, context: { diagnostics } });
        await server.client.sendRequest(DocumentSymbolRequest.type, { textDocument });
        await server.client.sendRequest(FoldingRangeRequest.type, { textDocument });
        await server.client.sendRequest(SelectionRangeRequest.type, { textDocument, positions: [inElse] });
        await server.client.sendRequest(DocumentFormattingRequest.type, { textDocument, options: { tabSize: 2, insertSpaces: true } });
        await server.client.sendRequest(DocumentRangeFormattingRequest.type, { textDocument, range, options: { tabSize: 2, insertSpaces: true } });
        return actions;
      };
      const actions = await requests(payload);
      assert.ok((actions ?? []).length > 0, 'the quick fix for the comment is offered');
      assert.equal(counting.analysesOf(uri, 1), 1, 'version 1 was analysed more than once');

      const edited = payload.replace('"Signup"', '"Signup Completed"');
      const from = server.published.length;
      await server.change(uri, 2, edited);
      await server.waitForPublish(uri, from, (p) => p.version === 2);
      await requests(edited);
      assert.equal(counting.analysesOf(uri, 2), 1, 'version 2 was analysed more than once');
      assert.equal(counting.analyses.length, 2);
    } finally {
      server.dispose();
    }
  });

  it('parses the view of an {{else}} branch once, however often completion and hover read it', () => {
    const service = createLanguageService({ schema: regalSchema });
    const document = TextDocument.create('file:///work-once/view.regal.json', 'regal-webhook', 1, payload);
    const analysis = service.analyze(document);
    const offset = payload.indexOf('false{{/if}}') + 2;
    const first = renderedViewAt(analysis, offset);
    const second = renderedViewAt(analysis, offset);
    assert.ok(first?.root, 'the else branch renders in some view');
    assert.notEqual(first.view, analysis.template.view(0), 'view 0 blanks the else branch');
    assert.equal(second?.root, first.root, 'the view was parsed again');
  });
});

describe('work only once: superseded versions', () => {
  it('validates and publishes only the last version of a burst of edits', async () => {
    const counting = countingService();
    const server = new InProcess(counting.service, 100);
    try {
      await server.initialize();
      const uri = 'file:///work-once/burst.regal.json';
      await server.open(uri, payload);
      await server.waitForPublish(uri, 0, (p) => p.version === 1);
      const from = server.published.length;
      for (let version = 2; version <= 20; version++) await server.change(uri, version, payload.replace('Signup', `Signup ${version}`));
      const last = await server.waitForPublish(uri, from);
      assert.equal(last.version, 20);
      assert.deepEqual(
        counting.validated.map((v) => v.version),
        [1, 20],
      );
      assert.deepEqual(
        counting.analyses.map((a) => a.version),
        [1, 20],
      );
    } finally {
      server.dispose();
    }
  });

  it('drops the validation of a version that changed while its settings were read', async () => {
    const counting = countingService();
    const server = new InProcess(counting.service, 0);
    const settings = gate();
    let asked = gate();
    server.configuration = async (params) => {
      asked.open();
      await settings.promise;
      return params.items.map(() => null);
    };
    try {
      await server.initialize();
      const uri = 'file:///work-once/slow-settings.regal.json';
      await server.open(uri, payload);
      await asked.promise;
      asked = gate();
      await server.change(uri, 2, payload.replace('Signup', 'Signup 2'));
      await server.change(uri, 3, payload.replace('Signup', 'Signup 3'));
      settings.open();
      const published = await server.waitForPublish(uri, 0);
      assert.equal(published.version, 3);
      assert.deepEqual(
        counting.validated.map((v) => v.version),
        [3],
      );
      assert.deepEqual(
        server.publishesOf(uri).map((p) => p.version),
        [3],
      );
    } finally {
      server.dispose();
    }
  });

  it('never publishes the text of a closed document for the document reopened with the same version', async () => {
    const counting = countingService();
    const server = new InProcess(counting.service, 0);
    const settings = gate();
    const requested: string[] = [];
    const firstRequest = gate();
    const secondRequest = gate();
    server.configuration = async (params) => {
      requested.push(...params.items.map((item) => item.scopeUri ?? ''));
      if (requested.length === 1) firstRequest.open();
      if (requested.length === 2) secondRequest.open();
      await settings.promise;
      return params.items.map(() => null);
    };
    try {
      await server.initialize();
      const uri = 'file:///work-once/reopened.regal.json';
      await server.open(uri, payload);
      await firstRequest.promise; // the validation of the first text has started, and waits for its settings
      await server.client.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
      const cleared = await server.waitForPublish(uri, 0, (p) => p.diagnostics.length === 0);
      const afterClose = server.published.indexOf(cleared) + 1;
      const reopened = payload.replace(' // a comment', '');
      await server.open(uri, reopened, 1);
      await secondRequest.promise;
      settings.open();
      const published = await server.waitForPublish(uri, afterClose);
      assert.equal(published.version, 1);
      assert.ok(
        !published.diagnostics.some((d) => d.code === 'comment'),
        `diagnostics of the closed text: ${JSON.stringify(published.diagnostics.map((d) => d.code))}`,
      );
      assert.deepEqual(
        counting.validated.map((v) => v.text),
        [reopened],
      );
      // Any later publish (there should be none) would come before this answer.
      await server.client.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
      assert.equal(server.publishesOf(uri, afterClose).length, 1);
    } finally {
      server.dispose();
    }
  });
});

describe('work only once: cross-file summaries', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'regal-work-once-'));
  after(() => rmSync(folder, { recursive: true, force: true }));
  const DISK_FILES = 20;
  const fileUri = (name: string) => pathToFileURL(path.join(folder, name)).href;
  const diskNames = Array.from({ length: DISK_FILES }, (_, i) => `disk-${i}.regal.json`);
  const diskText = (i: number, name = `Event ${i}`) => JSON.stringify({ name, properties: { [`p${i}`]: i }, traits: { phone: '{{phoneNumber}}' } }, null, 2);

  it('summarises only the file that changed, never all of them again', async () => {
    diskNames.forEach((name, i) => writeFileSync(path.join(folder, name), diskText(i)));
    writeFileSync(path.join(folder, 'iterable-fields.json'), JSON.stringify({ fields: { phoneNumber: 'string' } }));
    const counting = countingService();
    const server = new InProcess(counting.service, 20);
    try {
      await server.initialize([{ uri: pathToFileURL(folder).href, name: 'ws' }]);
      const a = fileUri('open-a.regal.json');
      const b = fileUri('open-b.regal.json');
      const textA = JSON.stringify({ name: 'Open A', properties: { shared: 1 }, traits: { phone: '{{phoneNumber}}' } }, null, 2);
      const textB = JSON.stringify({ name: 'Open B', properties: { shared: 2 }, traits: { phone: '{{phoneNumber}}' } }, null, 2);
      await server.open(a, textA);
      await server.open(b, textB);
      await server.waitForPublish(a, 0);
      await server.waitForPublish(b, 0);
      // Each open document's first summary: taken once, for the other's validation or after the quiet time.
      await counting.summariesReach(a, 1);
      await counting.summariesReach(b, 1);
      for (const name of diskNames) assert.equal(counting.summariesOf(fileUri(name)), 1, `${name} summarised once at load`);
      const counts = () => new Map([...diskNames.map(fileUri), a, b].map((uri) => [uri, counting.summariesOf(uri)]));
      const delta = (before: Map<string, number>) =>
        [...counts()].filter(([uri, n]) => n !== before.get(uri)).map(([uri, n]) => [path.basename(uri), n - (before.get(uri) ?? 0)]);

      // An edit of A that changes what B is compared with: A is summarised again, B validated again, nothing else.
      let before = counts();
      let from = server.published.length;
      await server.change(a, 2, textA.replace('"shared": 1', '"shared": "one"'));
      const forB = await server.waitForPublish(b, from, (p) => p.diagnostics.some((d) => d.code === 'inconsistent-type'));
      assert.equal(forB.version, 1);
      assert.deepEqual(delta(before), [['open-a.regal.json', 1]]);
      assert.equal(counting.analysesOf(b), 1, 'B was validated again from its cached analysis');
      // B's quiet-time refresh (due before A's) found its summary taken already for A's validation.
      assert.deepEqual([counting.summariesOf(a), counting.summariesOf(b)], [2, 1], 'one summary per version of each open document');

      // One file changes on disk: only that file is read and summarised again.
      before = counts();
      from = server.published.length;
      writeFileSync(path.join(folder, diskNames[7]), diskText(7, 'Open B'.toUpperCase()));
      await server.client.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: fileUri(diskNames[7]), type: FileChangeType.Changed }] });
      await server.waitForPublish(b, from, (p) => p.diagnostics.some((d) => d.code === 'similar-event-name'));
      assert.deepEqual(delta(before), [[diskNames[7], 1]]);

      // New settings re-read the catalog, not the payload files.
      before = counts();
      const analysed = counting.analyses.length;
      from = server.published.length;
      await server.client.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      await server.waitForPublish(a, from);
      await server.waitForPublish(b, from);
      assert.deepEqual(delta(before), []);
      assert.equal(counting.analyses.length, analysed, 'open documents were analysed again for new settings');
    } finally {
      server.dispose();
    }
  });
});

describe('workspace loading when the catalog reader fails', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'regal-catalog-bug-'));
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('logs the failure, goes on without a catalog, and still reads the payload files', async () => {
    writeFileSync(path.join(folder, 'iterable-fields.json'), JSON.stringify({ fields: { phoneNumber: 'string' } }));
    writeFileSync(path.join(folder, 'other.regal.json'), JSON.stringify({ name: 'Signup', properties: { age: '{{age}}' } }));
    const counting = countingService();
    const failing: LanguageService = {
      ...counting.service,
      loadFieldCatalog: () => {
        throw new RangeError('Maximum call stack size exceeded');
      },
    };
    const server = new InProcess(failing, 0);
    try {
      await server.initialize([{ uri: pathToFileURL(folder).href, name: 'ws' }]);
      const uri = pathToFileURL(path.join(folder, 'open.regal.json')).href;
      await server.open(uri, JSON.stringify({ name: 'Signup', properties: { age: 3 }, traits: { phone: '{{phoneNumber}}', x: '{{nick}}' } }));
      const published = await server.waitForPublish(uri, 0);
      const codes = published.diagnostics.map((d) => d.code);
      assert.ok(codes.includes('inconsistent-type'), `the other payload file was read: ${JSON.stringify(codes)}`);
      assert.ok(!codes.includes('unknown-merge-field'), 'no catalog, no merge-field check');
      assert.ok(
        server.logs.some((m) => m.includes('Reading the field catalog') && m.includes('failed')),
        server.logs.join('\n'),
      );
    } finally {
      server.dispose();
    }
  });
});
