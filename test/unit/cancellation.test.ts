/**
 * Long requests stop when they are cancelled: the service's steps ask the cancellation check
 * between slices and stop at the first yes, and the server runs them a slice at a time, so that a
 * `$/cancelRequest` (or an edit) that arrives while one runs is read and ends it. Each server test
 * is bounded by node:test's `timeout`: a request that could not be stopped fails instead of hanging.
 */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { createConnection } from 'vscode-languageserver/node';
import {
  CancellationTokenSource,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentFormattingRequest,
  InitializedNotification,
  InitializeRequest,
  LSPErrorCodes,
  PublishDiagnosticsNotification,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import type { TextEdit } from 'vscode-languageserver-types';
import { diskWorkspaceFiles } from '../../server/src/host/diskFiles';
import { startLanguageServer } from '../../server/src/languageServer';
import { RequestCancelled, type Steps } from '../../server/src/service/util/steps';
import { documentOf, regalSchema, service } from '../support/service';

/** A payload with a few hundred thousand tokens, members and edits: every long feature takes many slices. */
const big = documentOf(
  `{ "traits": { "phones": { "+12225555555": {} } }, "properties": {\n${Array.from({ length: 60_000 }, (_, i) => `"k${i}":   [1,2,{"x": "{{v${i}}}"}]`).join(',\n')}\n} }`,
);
const middle = big.positionAt(big.getText().length / 2);

const features: Record<string, (isCancelled: () => boolean) => unknown> = {
  formatting: (isCancelled) => service.format(big, undefined, { tabSize: 2, insertSpaces: true }, isCancelled),
  outline: (isCancelled) => service.findDocumentSymbols(big, isCancelled),
  folding: (isCancelled) => service.getFoldingRanges(big, isCancelled),
  'selection ranges': (isCancelled) => service.getSelectionRanges(big, [middle, middle, middle, middle, middle], isCancelled),
};

describe('cancellation in the service', () => {
  for (const [name, run] of Object.entries(features)) {
    it(`${name} asks the check between slices and stops at the first yes`, () => {
      let asked = 0;
      run(() => (asked++, false));
      assert.ok(asked > 3, `${name} asked the check ${asked} times running to the end`);
      let askedBeforeStop = 0;
      assert.throws(() => run(() => ++askedBeforeStop === 3), RequestCancelled);
      assert.equal(askedBeforeStop, 3, 'no slice ran after the check said stop');
    });
  }
});

/** The server in process, with a service whose formatting never ends on its own: it yields forever. */
async function serverWithEndlessFormatting(onSlice: (slice: number) => void) {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConnection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  function* endless(): Steps<TextEdit[]> {
    for (let slice = 1; ; slice++) {
      onSlice(slice);
      // About a slice's worth of work, so that the server goes back to its event loop now and then.
      const until = performance.now() + 5;
      while (performance.now() < until);
      yield;
    }
  }
  startLanguageServer(serverConnection, {
    schema: regalSchema,
    files: diskWorkspaceFiles,
    debounceMs: 0,
    service: { ...service, steps: { ...service.steps, format: () => endless() } },
  });
  const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  client.onNotification('window/logMessage', () => undefined);
  // Closing while the server still validates would make it write to a closed connection: each test waits for the publish.
  const versions: number[] = [];
  const waiting = new Map<number, () => void>();
  client.onNotification(PublishDiagnosticsNotification.type, (params) => {
    versions.push(params.version ?? 0);
    waiting.get(params.version ?? 0)?.();
  });
  const publishedVersion = (version: number) => new Promise<void>((resolve) => (versions.includes(version) ? resolve() : waiting.set(version, resolve)));
  client.listen();
  await client.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: {}, workspaceFolders: null });
  await client.sendNotification(InitializedNotification.type, {});
  const uri = 'file:///endless.regal.json';
  await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'regal-webhook', version: 1, text: '{}' } });
  await publishedVersion(1);
  const format = (token?: CancellationTokenSource) =>
    client.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }, token?.token).then(
      () => assert.fail('the endless formatting answered'),
      (error: unknown) => error,
    );
  const close = () => {
    client.dispose();
    serverConnection.dispose();
  };
  return { client, uri, format, close, publishedVersion };
}

describe('cancellation in the server', () => {
  it('stops a formatting request under way when the client cancels it', { timeout: 20_000 }, async () => {
    const source = new CancellationTokenSource();
    const server = await serverWithEndlessFormatting((slice) => {
      if (slice === 3) source.cancel();
    });
    const error = await server.format(source);
    assert.ok(error instanceof ResponseError, String(error));
    assert.equal(error.code, LSPErrorCodes.RequestCancelled);
    server.close();
  });

  it('drops a formatting request under way when the document changes', { timeout: 20_000 }, async () => {
    let change: (() => void) | undefined;
    const server = await serverWithEndlessFormatting((slice) => {
      if (slice === 3) change?.();
    });
    change = () =>
      void server.client.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: server.uri, version: 2 },
        contentChanges: [{ text: '{ }' }],
      });
    const error = await server.format();
    assert.ok(error instanceof ResponseError, String(error));
    assert.equal(error.code, LSPErrorCodes.ContentModified);
    await server.publishedVersion(2);
    server.close();
  });
});
