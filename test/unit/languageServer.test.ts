/**
 * The LSP wiring in process, over in-memory streams: what the user sees when the language service
 * itself fails (a bug of ours must never look like a clean payload, nor stop the server).
 */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { createConnection } from 'vscode-languageserver/node';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { diskWorkspaceFiles } from '../../server/src/host/diskFiles';
import { startLanguageServer } from '../../server/src/languageServer';
import { createLanguageService } from '../../server/src/service/languageService';
import { regalSchema, service } from '../support/service';

describe('language server wiring', () => {
  it('reports an internal error in the file and keeps serving', async () => {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const serverConnection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    let calls = 0;
    const flaky = {
      ...service,
      doValidation: (...args: Parameters<typeof service.doValidation>) => {
        calls++;
        if (calls === 1) throw new Error('boom');
        return service.doValidation(...args);
      },
    };
    startLanguageServer(serverConnection, { schema: regalSchema, files: diskWorkspaceFiles, service: flaky, debounceMs: 0 });

    const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    const published: PublishDiagnosticsParams[] = [];
    let notify: (() => void) | undefined;
    client.onNotification(PublishDiagnosticsNotification.type, (params) => {
      published.push(params);
      notify?.();
    });
    client.onNotification('window/logMessage', () => undefined);
    client.listen();
    const nextPublish = () =>
      new Promise<PublishDiagnosticsParams>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no publishDiagnostics within 5 s')), 5000);
        notify = () => {
          clearTimeout(timer);
          resolve(published[published.length - 1]);
        };
      });

    await client.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: {}, workspaceFolders: null });
    await client.sendNotification(InitializedNotification.type, {});
    let publish = nextPublish();
    await client.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: 'file:///a.regal.json', languageId: 'regal-webhook', version: 1, text: '{ "traits": { "phone": "{{p}}" } // c\n}' },
    });
    const failed = await publish;
    assert.deepEqual(
      failed.diagnostics.map((d) => d.code),
      ['internal-error'],
    );
    assert.match(String(failed.diagnostics[0].message), /could not check this payload/);

    publish = nextPublish();
    await client.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: 'file:///b.regal.json', languageId: 'regal-webhook', version: 1, text: '{ "traits": { "phone": "{{p}}" } // c\n}' },
    });
    const recovered = await publish;
    assert.deepEqual(
      recovered.diagnostics.map((d) => d.code).filter((c) => c !== 'legacy-shape'),
      ['comment'],
    );
    client.dispose();
    serverConnection.dispose();
  });

  it('logs a part of a feature that failed inside the service', async () => {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const serverConnection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    // The service is built with the server's hooks; its hover reports a caught failure, as doHover does.
    startLanguageServer(serverConnection, {
      schema: regalSchema,
      files: diskWorkspaceFiles,
      debounceMs: 0,
      service: (hooks) => {
        const real = createLanguageService({ schema: regalSchema, ...hooks });
        return {
          ...real,
          doHover: () => {
            hooks.onInternalError('hover', new Error('boom in a hover part'));
            return null;
          },
        };
      },
    });
    const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    const logged = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('nothing logged within 5 s')), 5000);
      client.onNotification('window/logMessage', (params: { message: string }) => {
        if (!params.message.includes('failed in part')) return;
        clearTimeout(timer);
        resolve(params.message);
      });
    });
    // Disposing while the server still validates would make it write to a closed connection: wait for its publish.
    const published = new Promise<void>((resolve) => client.onNotification(PublishDiagnosticsNotification.type, () => resolve()));
    client.listen();
    await client.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: {}, workspaceFolders: null });
    await client.sendNotification(InitializedNotification.type, {});
    const uri = 'file:///c.regal.json';
    await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'regal-webhook', version: 1, text: '{}' } });
    assert.equal(await client.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } }), null);
    assert.match(await logged, /^hover failed in part: Error: boom in a hover part/);
    await published;
    client.dispose();
    serverConnection.dispose();
  });
});
