/**
 * Protocol hardening end to end: dist/server.js over stdio, fed what a buggy client, a race or a
 * broken workspace sends: positions outside the document, requests for documents that are not
 * open, requests that cross an edit, cancelled requests, malformed settings and catalogs that are
 * invalid, nested without end, too long or too big. Each gets a clean answer (null or empty, never
 * an error), the user is told where it matters, the log never repeats file contents, and the
 * server ends with nothing on stderr (no crash, no unhandled rejection). Run `npm run build` first.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import {
  CodeActionRequest,
  CompletionRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbolRequest,
  FileChangeType,
  FoldingRangeRequest,
  HoverRequest,
  CancellationTokenSource,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  SelectionRangeRequest,
  ShowMessageNotification,
  type Position,
  type PublishDiagnosticsParams,
  type ShowMessageParams,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generatePayload } from '../../bench/generatePayload';
import { LspClient } from '../support/lspClient';
import { repoRoot } from '../support/service';

/** Appears in documents and catalogs, never in the log. */
const MARKER = 'MARKER-7f3a';
const guide = readFileSync(path.join(repoRoot, 'examples', 'guide-originals', 'create-contact.regal.json'), 'utf8').replace(
  '{{custom2}}',
  `{{custom2}} ${MARKER}`,
);
const codes = (params: PublishDiagnosticsParams) => params.diagnostics.map((d) => String(d.code));
const has = (code: string) => (params: PublishDiagnosticsParams) => codes(params).includes(code);
const lacks = (code: string) => (params: PublishDiagnosticsParams) => !codes(params).includes(code);
const failures = (logs: readonly string[]) => logs.filter((m) => /failed|exception|unhandled/i.test(m));

describe('protocol hardening over stdio', () => {
  let folder: string;
  let client: LspClient;
  const shown: ShowMessageParams[] = [];
  const showWaiters = new Set<() => void>();
  const fileUri = (name: string) => pathToFileURL(path.join(folder, name)).href;
  const docUri = () => fileUri('doc.regal.json');
  const lines = guide.split('\n');
  const textDocument = () => ({ uri: docUri() });

  const request = <R>(promise: Promise<R>, what: string) => client.bounded(promise, 10_000, what);
  /** Starts waiting for a publish for `uri` that arrives after this call (earlier ones may still be buffered). */
  const nextPublish = (uri: string, predicate: (params: PublishDiagnosticsParams) => boolean = () => true) => {
    const seen = client.history(uri).length;
    return client.waitForDiagnostics(uri, (p) => client.history(uri).indexOf(p) >= seen && predicate(p));
  };
  /**
   * Starts waiting for the publish for `uri` computed with settings pulled after this call (other
   * files' changes revalidate it too, at any time: those publishes come before the pull, or use
   * the same settings).
   */
  const publishWithNewSettings = (uri: string) => {
    const pulls = client.configurationRequests.length;
    return nextPublish(uri, () => client.configurationRequests.slice(pulls).some((r) => r.items.some((item) => item.scopeUri === uri)));
  };
  const nextShown = (predicate: (m: ShowMessageParams) => boolean) =>
    client.bounded(
      new Promise<ShowMessageParams>((resolve) => {
        const check = () => {
          const match = shown.find(predicate);
          if (match) {
            showWaiters.delete(check);
            resolve(match);
          }
        };
        showWaiters.add(check);
        check();
      }),
      10_000,
      'a window/showMessage',
    );

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'regal-hardening-'));
    writeFileSync(path.join(folder, 'iterable-fields.json'), JSON.stringify({ fields: { phoneNumber: 'string', email: 'string' } }));
    client = LspClient.stdio();
    client.connection.onNotification(ShowMessageNotification.type, (params) => {
      shown.push(params);
      for (const check of [...showWaiters]) check();
    });
    await client.initializeAndConfirm({ workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } }, [
      { uri: pathToFileURL(folder).href, name: 'hardening' },
    ]);
    await client.openDocument(docUri(), guide, 1);
    await client.waitForDiagnostics(docUri(), (p) => p.version === 1);
  });
  after(() => {
    client?.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  describe('positions and ranges outside the document', () => {
    const outside: Array<[string, unknown]> = [
      ['a negative line', { line: -1, character: 0 }],
      ['a negative character', { line: 1, character: -1 }],
      ['the line after the last', { line: lines.length, character: 0 }],
      ['a line far beyond the end', { line: 100_000, character: 0 }],
      ['the largest uinteger', { line: 2 ** 31 - 1, character: 2 ** 31 - 1 }],
      ['a huge number', { line: Number.MAX_SAFE_INTEGER, character: 1e300 }],
      ['fractions', { line: 1.5, character: 0.5 }],
      ['strings', { line: '1', character: '2' }],
      ['null', null],
      ['no position at all', undefined],
    ];
    for (const [title, position] of outside) {
      it(`answers ${title} with nothing`, async () => {
        const logged = client.logMessages.length;
        const hover = await request(client.connection.sendRequest(HoverRequest.method, { textDocument: textDocument(), position }), 'hover');
        assert.equal(hover, null);
        const completion = await request(client.connection.sendRequest(CompletionRequest.method, { textDocument: textDocument(), position }), 'completion');
        assert.equal(completion, null);
        const selection = await request(
          client.connection.sendRequest(SelectionRangeRequest.method, { textDocument: textDocument(), positions: [{ line: 0, character: 1 }, position] }),
          'selection',
        );
        assert.deepEqual(selection, []);
        const range = { start: position, end: position };
        const actions = await request(
          client.connection.sendRequest(CodeActionRequest.method, { textDocument: textDocument(), range, context: { diagnostics: [] } }),
          'code actions',
        );
        assert.deepEqual(actions, []);
        const formatting = await request(
          client.connection.sendRequest(DocumentRangeFormattingRequest.method, {
            textDocument: textDocument(),
            range: { start: { line: 0, character: 0 }, end: position },
            options: { tabSize: 2, insertSpaces: true },
          }),
          'range formatting',
        );
        assertEditsInside(formatting as TextEdit[] | null, guide);
        assert.deepEqual(failures(client.logMessages.slice(logged)), []);
      });
    }

    it('reads a character past the end of its line as the end of the line', async () => {
      const line = lines.findIndex((l) => l.includes('"{{phoneNumber}}"'));
      const end = lines[line].length;
      const at = (character: number) => ({ textDocument: textDocument(), position: { line, character } });
      const [past, atEnd] = await Promise.all([
        client.connection.sendRequest(CompletionRequest.type, at(10_000)),
        client.connection.sendRequest(CompletionRequest.type, at(end)),
      ]);
      assert.deepEqual(past, atEnd);
      const hoverPast = await client.connection.sendRequest(HoverRequest.type, at(2 ** 31 - 1));
      assert.deepEqual(hoverPast, await client.connection.sendRequest(HoverRequest.type, at(end)));
      const selection = await client.connection.sendRequest(SelectionRangeRequest.type, {
        textDocument: textDocument(),
        positions: [{ line, character: 10_000 }],
      });
      assert.equal(selection?.length, 1);
      assert.deepEqual(selection?.[0].range.end.line <= lines.length, true);
    });

    it('formats a range that runs past the end, or is written backwards, within the document', async () => {
      const options = { tabSize: 4, insertSpaces: true };
      const whole = await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: textDocument(), options });
      const past = await client.connection.sendRequest(DocumentRangeFormattingRequest.type, {
        textDocument: textDocument(),
        range: { start: { line: 0, character: 0 }, end: { line: 100_000, character: 0 } },
        options,
      });
      assertEditsInside(past, guide);
      assert.deepEqual(past, whole);
      const backwards = await client.connection.sendRequest(DocumentRangeFormattingRequest.type, {
        textDocument: textDocument(),
        range: { start: { line: 100_000, character: 0 }, end: { line: 0, character: 0 } },
        options,
      });
      assert.deepEqual(backwards, whole);
    });

    it('keeps indentation sane whatever tabSize says', async () => {
      for (const options of [{ tabSize: 100_000_000, insertSpaces: true }, { tabSize: -4, insertSpaces: true }, { tabSize: '8', insertSpaces: 'yes' }, null]) {
        const edits = await request(client.connection.sendRequest(DocumentFormattingRequest.method, { textDocument: textDocument(), options }), 'formatting');
        assertEditsInside(edits as TextEdit[], guide);
        const inserted = (edits as TextEdit[]).reduce((n, e) => n + e.newText.length, 0);
        assert.ok(inserted < guide.length * 20, `formatting with ${JSON.stringify(options)} inserts ${inserted} characters`);
      }
    });
  });

  describe('documents that are not open', () => {
    const all = (uri: string) => {
      const td = { uri };
      const position = { line: 0, character: 1 };
      const range = { start: position, end: position };
      return Promise.all([
        client.connection.sendRequest(HoverRequest.type, { textDocument: td, position }),
        client.connection.sendRequest(CompletionRequest.type, { textDocument: td, position }),
        client.connection.sendRequest(CodeActionRequest.type, { textDocument: td, range, context: { diagnostics: [] } }),
        client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: td }),
        client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: td }),
        client.connection.sendRequest(SelectionRangeRequest.type, { textDocument: td, positions: [position] }),
        client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: td, options: { tabSize: 2, insertSpaces: true } }),
      ]);
    };

    it('answers requests for a document never opened with nothing', async () => {
      const logged = client.logMessages.length;
      assert.deepEqual(await request(all(fileUri('never-opened.regal.json')), 'the requests'), [null, null, [], [], [], [], []]);
      assert.deepEqual(failures(client.logMessages.slice(logged)), []);
      assert.ok(
        client.logMessages.slice(logged).some((m) => m.includes('the document is not open')),
        client.logMessages.slice(logged).join('\n'),
      );
    });

    it('answers requests for a closed document with nothing', async () => {
      const uri = fileUri('closed.regal.json');
      await client.openDocument(uri, guide, 1);
      await client.waitForDiagnostics(uri, (p) => p.version === 1);
      await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
      assert.deepEqual(await request(all(uri), 'the requests'), [null, null, [], [], [], [], []]);
      await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
    });

    it('answers requests that name no document, or a document that is no string', async () => {
      // (`null` parameters are refused by JSON-RPC itself, with InvalidParams.)
      for (const params of [
        {},
        { textDocument: null, position: { line: 0, character: 0 } },
        { textDocument: { uri: 42 }, position: { line: 0, character: 0 } },
      ]) {
        assert.equal(await request(client.connection.sendRequest(HoverRequest.method, params), 'hover'), null);
        assert.deepEqual(await request(client.connection.sendRequest(DocumentSymbolRequest.method, params), 'symbols'), []);
      }
    });
  });

  describe('requests racing with edits', () => {
    it('answers requests with positions of the previous version cleanly, and publishes only the newest version', async () => {
      const uri = fileUri('racing.regal.json');
      const long = guide;
      const short = '{ "traits": { "phone": "{{phoneNumber}}" } }';
      await client.openDocument(uri, long, 1);
      const first = await client.waitForDiagnostics(uri, (p) => p.version === 1);
      const logged = client.logMessages.length;
      // The edit, then at once requests computed on the text before it.
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: 2 },
        contentChanges: [{ text: short }],
      });
      const oldPosition = { line: lines.length - 3, character: 12 };
      const td = { uri };
      const answers = await request(
        Promise.all([
          client.connection.sendRequest(HoverRequest.type, { textDocument: td, position: oldPosition }),
          client.connection.sendRequest(CompletionRequest.type, { textDocument: td, position: oldPosition }),
          client.connection.sendRequest(SelectionRangeRequest.type, { textDocument: td, positions: [oldPosition] }),
          client.connection.sendRequest(CodeActionRequest.type, {
            textDocument: td,
            range: { start: { line: 1, character: 0 }, end: oldPosition },
            context: { diagnostics: first.diagnostics },
          }),
        ]),
        'the racing requests',
      );
      assert.deepEqual(answers, [null, null, [], []], 'the old diagnostics offer no fix on the new text');
      const formatting = await client.connection.sendRequest(DocumentRangeFormattingRequest.type, {
        textDocument: td,
        range: { start: { line: 1, character: 0 }, end: oldPosition },
        options: { tabSize: 2, insertSpaces: true },
      });
      assertEditsInside(formatting, short);
      const published = await client.waitForDiagnostics(uri);
      assert.equal(published.version, 2, 'the first publish after the edit is for the new version');
      const versions = client.history(uri).map((p) => p.version);
      assert.deepEqual(versions, [1, 2]);
      assert.deepEqual(failures(client.logMessages.slice(logged)), []);
    });
  });

  describe('malformed settings', () => {
    const cases: Array<[string, unknown, RegExp | undefined]> = [
      ['a string for the whole section', 'on', /The "regal" settings are a string/],
      ['an array for the whole section', [1, 2], /The "regal" settings are an array/],
      ['a string for validate.enable', { validate: { enable: 'false' } }, /regal\.validate\.enable is a string/],
      ['a number for validate.enable', { validate: { enable: 0 } }, /regal\.validate\.enable is a number/],
      ['an array for validate', { validate: [false] }, /regal\.validate is an array/],
      ['a string for diagnostics.severity', { diagnostics: { severity: 'warning' } }, /regal\.diagnostics\.severity is a string/],
      ['an array for diagnostics.severity', { diagnostics: { severity: ['off'] } }, /regal\.diagnostics\.severity is an array/],
      ['a number as a severity', { diagnostics: { severity: { comment: 1 } } }, /regal\.diagnostics\.severity\.comment is a number/],
      ['a capitalised severity', { diagnostics: { severity: { comment: 'Off' } } }, /regal\.diagnostics\.severity\.comment is not in lowercase/],
      ['an unknown code', { diagnostics: { severity: { 'no-such-code': 'off' } } }, /names "no-such-code", which is no diagnostic code/],
      ['a number for fieldsFile', { fieldsFile: 42 }, /regal\.fieldsFile is a number/],
      ['an array for fieldsFile', { fieldsFile: ['iterable-fields.json'] }, /regal\.fieldsFile is an array/],
      ['an empty fieldsFile', { fieldsFile: '  ' }, /regal\.fieldsFile is empty/],
      ['nulls everywhere', { validate: null, diagnostics: { severity: null }, fieldsFile: null }, undefined],
      ['null', null, undefined],
    ];
    for (const [title, section, expected] of cases) {
      it(`keeps the defaults for ${title}${expected ? ', and logs why' : ''}`, async () => {
        const logged = client.logMessages.length;
        client.setConfigurationHandler((params) => params.items.map(() => section));
        const publish = publishWithNewSettings(docUri());
        await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
        const published = await publish;
        const comment = published.diagnostics.find((d) => d.code === 'comment');
        assert.equal(comment?.severity, 1, 'the comment is an error, as by default');
        // The catalog (the default file) is still read: `uniqueIdentifier` is not in it.
        assert.ok(has('unknown-merge-field')(published), JSON.stringify(codes(published)));
        const warnings = client.logMessages.slice(logged).filter((m) => m.startsWith('Setting ignored'));
        if (expected)
          assert.ok(
            warnings.some((m) => expected.test(m)),
            `log: ${warnings.join('\n')}`,
          );
        else assert.deepEqual(warnings, []);
      });
    }

    it('uses the defaults when the client answers workspace/configuration with no list', async () => {
      const logged = client.logMessages.length;
      client.setConfigurationHandler(() => null as unknown as unknown[]);
      const publish = publishWithNewSettings(docUri());
      await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      const published = await publish;
      assert.equal(published.diagnostics.find((d) => d.code === 'comment')?.severity, 1);
      assert.deepEqual(failures(client.logMessages.slice(logged)), []);
      client.setConfigurationHandler((params) => params.items.map(() => null));
    });

    it('survives a didChangeConfiguration without parameters', async () => {
      const publish = publishWithNewSettings(docUri());
      await client.connection.sendNotification(DidChangeConfigurationNotification.method, null);
      await client.connection.sendNotification(DidChangeConfigurationNotification.method, { settings: 'x' });
      const published = await publish;
      assert.ok(has('comment')(published));
    });
  });

  describe('catalogs', () => {
    const catalogUri = () => fileUri('iterable-fields.json');
    const writeCatalog = async (text: string) => {
      // Written whole (a rename, as editors save), so that a read for an earlier event never sees half a file.
      writeFileSync(path.join(folder, 'catalog.tmp'), text);
      renameSync(path.join(folder, 'catalog.tmp'), path.join(folder, 'iterable-fields.json'));
      await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: catalogUri(), type: FileChangeType.Changed }] });
    };
    // `custom1` is in no catalog: unknown while one is in use, unchecked while none is.
    const valid = JSON.stringify({ fields: { phoneNumber: 'string', email: 'string', leadSource: 'string' } });
    const unknownNames = (p: PublishDiagnosticsParams) =>
      p.diagnostics.filter((d) => d.code === 'unknown-merge-field').map((d) => (d.data as { field?: string }).field);

    before(async () => {
      // Earlier settings changes may still have catalog reads queued: wait for the publish that reads this
      // catalog (`leadSource` known, `custom1` not), which the server's one-at-a-time queue orders after them.
      const publish = nextPublish(docUri(), (p) => unknownNames(p).includes('custom1') && !unknownNames(p).includes('leadSource'));
      await writeCatalog(valid);
      await publish;
    });

    const invalid: Array<[string, () => string, string, RegExp]> = [
      ['invalid JSON', () => `{ "fields": { "${MARKER}": "string", } }`, 'json', /Invalid JSON in the field catalog/],
      ['an array', () => '[ "phoneNumber" ]', 'shape', /is an array, not an object/],
      ['a list of fields', () => '{ "fields": [ "phoneNumber" ] }', 'shape', /"fields" is an array: make it an object/],
      ['types that are no strings', () => `{ "fields": { "${MARKER}": 1 } }`, 'type', /write an Iterable type in double quotes/],
      ['empty', () => '', 'empty', /^Empty field catalog/],
      ['nested 100,000 levels deep', () => `{ "fields": { "a": ${'['.repeat(100_000)}${']'.repeat(100_000)} } }`, 'shape', /more than 64 levels deep/],
      [
        'more fields than the limit',
        () => JSON.stringify({ fields: Object.fromEntries(Array.from({ length: 20_001 }, (_, i) => [`f${i}`, 'string'])) }),
        'size',
        /lists 20,001 fields, more than the 20,000/,
      ],
    ];
    for (const [title, text, reason, message] of invalid) {
      it(`reports a catalog that is ${title} on the catalog, and checks payloads without it`, async () => {
        const logged = client.logMessages.length;
        const onCatalog = nextPublish(catalogUri());
        const unchecked = nextPublish(docUri(), lacks('unknown-merge-field'));
        await writeCatalog(text());
        const first = (await onCatalog).diagnostics[0];
        assert.equal(first?.code, 'invalid-catalog');
        assert.equal((first.data as { reason?: string }).reason, reason);
        assert.match(typeof first.message === 'string' ? first.message : first.message.value, message);
        await unchecked;
        assert.ok(
          client.logMessages.slice(logged).some((m) => m.includes('iterable-fields.json is invalid')),
          client.logMessages.slice(logged).join('\n'),
        );

        const cleared = nextPublish(catalogUri());
        const checked = nextPublish(docUri(), has('unknown-merge-field'));
        await writeCatalog(valid);
        assert.deepEqual((await cleared).diagnostics, []);
        await checked;
      });
    }

    it('refuses a 20 MB catalog without reading it, tells the user, and keeps answering', async () => {
      const fields: Record<string, string> = {};
      for (let i = 0; i < 700_000; i++) fields[`custom_field_${i}`] = 'string';
      const huge = JSON.stringify({ fields });
      assert.ok(huge.length > 20 * 1024 * 1024);
      const unchecked = nextPublish(docUri(), lacks('unknown-merge-field'));
      await writeCatalog(huge);
      const message = await nextShown((m) => m.message.includes('iterable-fields.json could not be read'));
      assert.equal(message.type, MessageType.Warning);
      // The size from the file's stat, checked before any read (host/diskFiles.ts): the only path that words it so.
      assert.match(message.message, /it is 2\d MB, larger than the 2 MB the extension reads/);
      await unchecked;
      const hover = await request(
        client.connection.sendRequest(HoverRequest.type, { textDocument: textDocument(), position: positionIn(guide, '{{phoneNumber}}', 3) }),
        'a hover',
      );
      assert.ok(hover);
      const checked = nextPublish(docUri(), has('unknown-merge-field'));
      await writeCatalog(valid);
      await checked;
    });
  });

  it('never logs document or catalog text, and ends with nothing on stderr', async () => {
    assert.deepEqual(
      client.logMessages.filter((m) => m.includes(MARKER) || m.includes('"traits"')),
      [],
    );
    assert.equal(await client.stop(), 0);
    assert.equal(client.stderr, '');
  });
});

describe('cancellation over stdio', () => {
  const uri = 'file:///tmp/hardening/cancel.regal.json';
  let client: LspClient;
  /** Responses to the requests this test writes itself (string ids), read from the server's stdout. */
  const responses = new Map<string, { result?: unknown; error?: { code: number; message: string } }>();
  const waiters = new Set<() => void>();

  before(async () => {
    client = LspClient.stdio();
    // A second reader of stdout, from its first byte, that keeps only the responses to our own ids.
    let pending = Buffer.alloc(0);
    client.child.stdout!.on('data', (chunk: Buffer | string) => {
      pending = Buffer.concat([pending, Buffer.from(chunk)]);
      for (;;) {
        const headerEnd = pending.indexOf('\r\n\r\n');
        if (headerEnd < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(pending.subarray(0, headerEnd).toString('ascii'))?.[1]);
        if (pending.length < headerEnd + 4 + length) return;
        const body = pending.subarray(headerEnd + 4, headerEnd + 4 + length);
        pending = pending.subarray(headerEnd + 4 + length);
        if (body.indexOf('"id":"cancel-') < 0) continue;
        const message = JSON.parse(body.toString('utf8')) as { id?: unknown; method?: string; result?: unknown; error?: { code: number; message: string } };
        if (typeof message.id === 'string' && message.method === undefined) responses.set(message.id, message);
        for (const check of [...waiters]) check();
      }
    });
    // No capabilities: the server sends no requests of its own, so the client never writes on its own
    // and the test's raw writes cannot land inside one of its messages.
    await client.initializeAndConfirm({});
    await client.openDocument(uri, guide, 1);
    await client.waitForDiagnostics(uri, (p) => p.version === 1);
  });
  after(() => client?.dispose());

  /**
   * Writes a request and its `$/cancelRequest` in one write, so that the server reads both before
   * it starts the request, and resolves with the server's response.
   */
  const sendCancelled = (id: string, method: string, params: unknown) => {
    const frame = (message: unknown) => {
      const json = JSON.stringify(message);
      return `Content-Length: ${Buffer.byteLength(json, 'utf8')}\r\n\r\n${json}`;
    };
    client.child.stdin!.write(frame({ jsonrpc: '2.0', id, method, params }) + frame({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id } }));
    return client.bounded(
      new Promise<{ result?: unknown; error?: { code: number; message: string } }>((resolve) => {
        const check = () => {
          const response = responses.get(id);
          if (!response) return;
          waiters.delete(check);
          resolve(response);
        };
        waiters.add(check);
        check();
      }),
      10_000,
      `the response to ${method}`,
    );
  };

  it('answers requests cancelled before they start with RequestCancelled, and goes on answering', async () => {
    const textDocument = { uri };
    const position = positionIn(guide, '{{phoneNumber}}', 3);
    const requests: Array<[string, unknown]> = [
      [CompletionRequest.method, { textDocument, position }],
      [HoverRequest.method, { textDocument, position }],
      [CodeActionRequest.method, { textDocument, range: { start: position, end: position }, context: { diagnostics: [] } }],
      [DocumentSymbolRequest.method, { textDocument }],
      [DocumentFormattingRequest.method, { textDocument, options: { tabSize: 2, insertSpaces: true } }],
      [
        DocumentRangeFormattingRequest.method,
        { textDocument, range: { start: { line: 0, character: 0 }, end: position }, options: { tabSize: 2, insertSpaces: true } },
      ],
      [SelectionRangeRequest.method, { textDocument, positions: [position] }],
      [FoldingRangeRequest.method, { textDocument }],
    ];
    for (const [index, [method, params]] of requests.entries()) {
      const response = await sendCancelled(`cancel-${index}`, method, params);
      assert.equal(response.error?.code, LSPErrorCodes.RequestCancelled, `${method}: ${JSON.stringify(response)}`);
    }
    // The same requests, not cancelled, are answered.
    assert.ok(await client.connection.sendRequest(HoverRequest.type, { textDocument, position }));
    assert.ok(((await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument })) ?? []).length > 0);
    assert.equal(await client.stop(), 0);
    assert.equal(client.stderr, '');
  });
});

describe('cancellation of a long request under way, over stdio', () => {
  it('stops a formatting request on a large payload when the client cancels it after it started', async () => {
    const client = LspClient.stdio();
    try {
      await client.initializeAndConfirm({});
      // 8 MB (under the size limit), formatting for several seconds; its analysis is made when it opens.
      const uri = 'file:///tmp/hardening/large.regal.json';
      await client.openDocument(uri, generatePayload(8_000_000).replaceAll('\n      ', '\n'), 1);
      await client.waitForDiagnostics(uri, (p) => p.version === 1, 60_000);
      const source = new CancellationTokenSource();
      const formatting = client.connection
        .sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }, source.token)
        .then(
          (edits) => ({ edits }),
          (error: unknown) => ({ error }),
        );
      // The server reads requests in order, and answers this one only between two slices of the
      // formatting: once it is answered, the formatting has started and is still running.
      const hover = await client.bounded(
        client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 5 } }),
        60_000,
        'a hover during the formatting',
      );
      assert.ok(hover === null || typeof hover === 'object');
      source.cancel();
      const answer = await client.bounded(formatting, 60_000, 'the formatting response');
      assert.ok('error' in answer && answer.error instanceof ResponseError, `the formatting was answered: ${JSON.stringify(answer).slice(0, 200)}`);
      assert.equal(answer.error.code, LSPErrorCodes.RequestCancelled);
      // It goes on answering.
      assert.ok(((await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) ?? []).length > 0);
      assert.equal(await client.stop(60_000), 0);
    } finally {
      client.dispose();
    }
  });
});

describe('settings pushed by a client that does not pull them, over stdio', () => {
  const uri = 'file:///tmp/hardening/pushed.regal.json';
  let client: LspClient;
  before(async () => {
    client = LspClient.stdio();
    await client.initializeAndConfirm({});
    await client.openDocument(uri, guide, 1);
    await client.waitForDiagnostics(uri, (p) => p.version === 1);
  });
  after(() => client?.dispose());
  const push = async (params: unknown) => {
    const seen = client.history(uri).length;
    const publish = client.waitForDiagnostics(uri, (p) => client.history(uri).indexOf(p) >= seen);
    await client.connection.sendNotification(DidChangeConfigurationNotification.method, params);
    return publish;
  };

  it('applies pushed settings', async () => {
    assert.deepEqual((await push({ settings: { regal: { validate: { enable: false } } } })).diagnostics, []);
  });

  for (const [title, params] of [
    ['a string for the settings', { settings: 'regal' }],
    ['no settings', {}],
    ['null parameters', null],
    ['a number for the section', { settings: { regal: 42 } }],
  ] as Array<[string, unknown]>) {
    it(`goes back to the defaults for ${title}`, async () => {
      await push({ settings: { regal: { validate: { enable: false } } } });
      assert.ok(has('comment')(await push(params)));
    });
  }

  it('logs what it ignores in pushed settings', async () => {
    const logged = client.logMessages.length;
    const published = await push({ settings: { regal: { validate: { enable: 'no' }, diagnostics: { severity: { comment: 'loud' } } } } });
    assert.equal(published.diagnostics.find((d) => d.code === 'comment')?.severity, 1);
    const warnings = client.logMessages.slice(logged);
    assert.ok(
      warnings.some((m) => /regal\.validate\.enable is a string/.test(m)),
      warnings.join('\n'),
    );
    assert.ok(
      warnings.some((m) => /regal\.diagnostics\.severity\.comment is another word/.test(m)),
      warnings.join('\n'),
    );
    assert.equal(await client.stop(), 0);
    assert.equal(client.stderr, '');
  });
});

function positionIn(text: string, needle: string, delta = 0): Position {
  const offset = text.indexOf(needle);
  assert.notEqual(offset, -1, needle);
  return TextDocument.create('file:///x', 'json', 0, text).positionAt(offset + delta);
}

function assertEditsInside(edits: readonly TextEdit[] | null, text: string): void {
  const document = TextDocument.create('file:///x', 'json', 0, text);
  const end = document.positionAt(text.length);
  for (const edit of edits ?? []) {
    for (const p of [edit.range.start, edit.range.end]) {
      assert.ok(p.line >= 0 && p.character >= 0, JSON.stringify(edit.range));
      assert.ok(p.line < end.line || (p.line === end.line && p.character <= end.character), `edit outside the document: ${JSON.stringify(edit.range)}`);
    }
  }
}
