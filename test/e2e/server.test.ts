/**
 * The language server end to end: dist/server.js spoken to over stdio (and node IPC) by a real
 * JSON-RPC client. Run `npm run build` first.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  ErrorCodes,
  HoverRequest,
  InitializedNotification,
  ResponseError,
  TextDocumentSyncKind,
  type Diagnostic,
  type PublishDiagnosticsParams,
  type Range,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { forVersion, LspClient } from '../support/lspClient';
import { repoRoot } from '../support/service';

const guideOriginal = (name: string) => readFileSync(path.join(repoRoot, 'examples', 'guide-originals', name), 'utf8');

const codes = (params: PublishDiagnosticsParams) => params.diagnostics.map((d) => d.code);
const find = (params: PublishDiagnosticsParams, code: string): Diagnostic | undefined => params.diagnostics.find((d) => d.code === code);
const show = (params: PublishDiagnosticsParams) => JSON.stringify(params.diagnostics.map((d) => ({ code: d.code, severity: d.severity, range: d.range })));

/** The client's copy of an open document, so that incremental edits can be computed. */
class Mirror {
  document: TextDocument;
  constructor(
    readonly uri: string,
    text: string,
  ) {
    this.document = TextDocument.create(uri, 'regal-webhook', 1, text);
  }

  get text(): string {
    return this.document.getText();
  }

  get version(): number {
    return this.document.version;
  }

  rangeOf(needle: string, occurrence = 0): Range {
    let start = -1;
    for (let i = 0; i <= occurrence; i++) {
      start = this.text.indexOf(needle, start + 1);
      assert.notEqual(start, -1, `${JSON.stringify(needle)} not found in ${this.uri}`);
    }
    return { start: this.document.positionAt(start), end: this.document.positionAt(start + needle.length) };
  }

  /** Applies the change locally and returns the didChange parameters for it. */
  edit(range: Range, text: string) {
    const change: TextDocumentContentChangeEvent = { range, text };
    this.document = TextDocument.update(this.document, [change], this.version + 1);
    return { textDocument: { uri: this.uri, version: this.version }, contentChanges: [change] };
  }
}

describe('language server over stdio', () => {
  const uriA = 'file:///tmp/e2e/a.regal.json';
  const uriB = 'file:///tmp/e2e/b.regal.json';
  const COMMENT = '//this is optional';
  let client: LspClient;
  let a: Mirror;

  before(() => {
    client = LspClient.stdio();
  });
  after(() => client.dispose());

  it('initializes with incremental text sync', async () => {
    const result = await client.initialize({ workspace: { configuration: true } });
    const sync = result.capabilities.textDocumentSync;
    assert.ok(sync !== undefined, 'textDocumentSync capability missing');
    const change = typeof sync === 'number' ? sync : sync.change;
    assert.equal(change, TextDocumentSyncKind.Incremental);
    assert.equal(TextDocumentSyncKind.Incremental, 2);
    await client.connection.sendNotification(InitializedNotification.type, {});
  });

  it('validates an opened document at once, with the exact range of the comment', async () => {
    a = new Mirror(uriA, guideOriginal('create-contact.regal.json'));
    await client.openDocument(uriA, a.text, 1);
    const published = await client.waitForDiagnostics(uriA, forVersion(1));

    const lines = a.text.split('\n');
    const line = lines.findIndex((l) => l.includes(COMMENT));
    const character = lines[line].indexOf(COMMENT);
    assert.ok(line >= 0 && character >= 0);
    const comment = find(published, 'comment');
    assert.ok(comment, `no comment diagnostic in ${show(published)}`);
    assert.deepEqual(comment.range, { start: { line, character }, end: { line, character: character + COMMENT.length } });
    assert.equal(comment.severity, 1);
    for (const d of published.diagnostics) {
      assert.equal(d.source, 'regal');
      assert.equal(typeof d.code, 'string');
      assert.ok(d.data !== undefined, `diagnostic ${String(d.code)} has no data`);
    }

    const request = client.configurationRequests.find((r) => r.items.some((item) => item.scopeUri === uriA));
    assert.ok(request, 'the server did not pull settings for the document');
    assert.deepEqual(request.items, [{ scopeUri: uriA, section: 'regal' }]);
  });

  it('revalidates after an incremental change that deletes the comment', async () => {
    const range = a.rangeOf(` ${COMMENT}`);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, a.edit(range, ''));
    assert.equal(a.version, 2);
    assert.ok(!a.text.includes('//'));
    const published = await client.waitForDiagnostics(uriA, forVersion(2));
    assert.ok(!codes(published).includes('comment'), show(published));
    assert.deepEqual(
      published.diagnostics.filter((d) => d.severity === 1 || d.severity === 2),
      [],
      'the corrected guide payload has no errors or warnings',
    );
  });

  it('debounces quick edits: only the last version is published', async () => {
    const before = client.history(uriA).length;
    for (let version = 3; version <= 6; version++) {
      const range = a.rangeOf('"{{custom1', 0);
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, a.edit(range, `"{{custom1_v${version}`));
    }
    assert.equal(a.version, 6);
    const published = await client.waitForDiagnostics(uriA);
    assert.equal(published.version, 6, `first publish after the edits was for version ${published.version}, not 6`);
    const since = client
      .history(uriA)
      .slice(before)
      .map((p) => p.version);
    assert.deepEqual(since, [6], `publishes since the edits: ${JSON.stringify(since)}`);
    assert.ok(codes(published).includes('legacy-shape'), show(published));
  });

  describe('settings pulled with workspace/configuration', () => {
    const sendConfigurationChange = () => client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });

    it('reports missing-identifier as an error by default', async () => {
      await client.openDocument(uriB, guideOriginal('send-event.regal.json'), 1);
      const published = await client.waitForDiagnostics(uriB, forVersion(1));
      assert.equal(find(published, 'missing-identifier')?.severity, 1, show(published));
    });

    it('applies severity overrides after didChangeConfiguration', async () => {
      const pulled = client.configurationRequests.length;
      client.setConfigurationHandler((params) =>
        params.items.map(() => ({ diagnostics: { severity: { 'legacy-shape': 'off', 'missing-identifier': 'warning' } } })),
      );
      await sendConfigurationChange();
      const [forA, forB] = await Promise.all([client.waitForDiagnostics(uriA), client.waitForDiagnostics(uriB)]);
      assert.equal(forA.version, 6);
      assert.ok(!codes(forA).includes('legacy-shape'), show(forA));
      assert.equal(find(forB, 'missing-identifier')?.severity, 2, show(forB));
      const scopes = client.configurationRequests.slice(pulled).flatMap((r) => r.items.map((item) => item.scopeUri));
      assert.ok(scopes.includes(uriA) && scopes.includes(uriB), `settings pulled again for ${JSON.stringify(scopes)}`);
    });

    const malformed: Array<[string, unknown]> = [
      ['severity of the wrong type', { diagnostics: { severity: 'nope' } }],
      ['a number instead of the section', 42],
      ['unknown codes and levels', { validate: { enable: 'yes' }, diagnostics: { severity: { 'missing-identifier': 'loud', 'no-such-code': 'off' } } }],
      ['null', null],
    ];
    for (const [title, answer] of malformed) {
      it(`falls back to the defaults for a malformed answer: ${title}`, async () => {
        // Leave the overrides in place first, so that a return to the defaults is visible.
        client.setConfigurationHandler((params) =>
          params.items.map(() => ({ diagnostics: { severity: { 'legacy-shape': 'off', 'missing-identifier': 'warning' } } })),
        );
        await sendConfigurationChange();
        await Promise.all([client.waitForDiagnostics(uriA), client.waitForDiagnostics(uriB)]);

        client.setConfigurationHandler((params) => params.items.map(() => answer));
        await sendConfigurationChange();
        const [forA, forB] = await Promise.all([client.waitForDiagnostics(uriA), client.waitForDiagnostics(uriB)]);
        assert.equal(find(forA, 'legacy-shape')?.severity, 4, show(forA));
        assert.equal(find(forB, 'missing-identifier')?.severity, 1, show(forB));
      });
    }
  });

  describe('robustness', () => {
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const garbage: Array<[string, string]> = [
      ['2,000 nested [', '['.repeat(2000)],
      ['2,000 nested { "a":', '{"a":'.repeat(2000)],
      ['a lone {{', '{{'],
      ['2,000 nested {{#if}}', '{{#if a}}'.repeat(2000)],
      ['random bytes', Array.from({ length: 4096 }, () => String.fromCharCode(Math.floor(random() * 256))).join('')],
      ['an empty text', ''],
    ];
    garbage.forEach(([title, text], index) => {
      it(`publishes diagnostics for ${title}`, async () => {
        const uri = `file:///tmp/e2e/garbage-${index}.regal.json`;
        const logged = client.logMessages.length;
        await client.openDocument(uri, text, 1);
        const published = await client.waitForDiagnostics(uri, forVersion(1));
        assert.ok(Array.isArray(published.diagnostics));
        const failures = client.logMessages.slice(logged).filter((m) => /failed/i.test(m));
        assert.deepEqual(failures, [], 'the validation threw');
        await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
        await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
      });
    });

    it('answers an unsupported request without dying', async () => {
      const hover = client.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: 'file:///tmp/e2e/unknown.regal.json' },
        position: { line: 0, character: 0 },
      });
      try {
        const result = await client.bounded(hover, 10_000, 'the hover response');
        assert.equal(result, null);
      } catch (error) {
        assert.ok(error instanceof ResponseError, `unexpected failure: ${String(error)}`);
        assert.equal(error.code, ErrorCodes.MethodNotFound);
      }

      const uri = 'file:///tmp/e2e/after-hover.regal.json';
      await client.openDocument(uri, guideOriginal('update-opt-in.regal.json'), 1);
      const published = await client.waitForDiagnostics(uri, forVersion(1));
      assert.ok(codes(published).includes('quoted-boolean'), show(published));
    });
  });

  it('publishes an empty list when a document is closed', async () => {
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: uriA } });
    const published = await client.waitForDiagnostics(uriA);
    assert.deepEqual(published.diagnostics, []);
  });

  it('exits with code 0 after shutdown and exit', async () => {
    assert.equal(await client.stop(), 0);
  });
});

describe('language server over node IPC', () => {
  let client: LspClient;
  before(() => {
    client = LspClient.nodeIpc();
  });
  after(() => client.dispose());

  it('registers for settings changes when the client pulls settings dynamically', async () => {
    await client.initializeAndConfirm({ workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } });
    const registration = await client.waitForRegistration('workspace/didChangeConfiguration');
    assert.deepEqual(registration.registerOptions, { section: 'regal' });
  });

  it('reports a quoted boolean and exits cleanly', async () => {
    const uri = 'file:///tmp/e2e/ipc.regal.json';
    const text = '{\n  "traits": {\n    "phone": "{{phoneNumber}}",\n    "optIn": [ { "channel": "sms", "subscribed": "{{flag}}" } ]\n  }\n}\n';
    const mirror = new Mirror(uri, text);
    await client.openDocument(uri, text, 1);
    const published = await client.waitForDiagnostics(uri, forVersion(1));
    const quoted = find(published, 'quoted-boolean');
    assert.ok(quoted, show(published));
    assert.deepEqual(quoted.range, mirror.rangeOf('"{{flag}}"'));
    assert.equal(quoted.severity, 2);
    assert.equal(await client.stop(), 0);
  });
});
