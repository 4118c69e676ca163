/**
 * Workspace features end to end: dist/server.js over stdio with a temporary workspace folder on
 * disk (a merge-field catalog and several payload files). The server reads the folder, watches it
 * (dynamic registration), compares the open payload with the files on disk, and validates it
 * again when the catalog, another file or the `regal.fieldsFile` setting changes.
 * Run `npm run build` first.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import {
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  type Diagnostic,
  type DidChangeWatchedFilesRegistrationOptions,
  type PublishDiagnosticsParams,
  type Range,
  type Registration,
  type ShowMessageParams,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient } from '../support/lspClient';

const codes = (params: PublishDiagnosticsParams) => params.diagnostics.map((d) => String(d.code));
const find = (params: PublishDiagnosticsParams, code: string): Diagnostic | undefined => params.diagnostics.find((d) => d.code === code);
const has = (code: string) => (params: PublishDiagnosticsParams) => codes(params).includes(code);
const lacks = (code: string) => (params: PublishDiagnosticsParams) => !codes(params).includes(code);

/** The range of `needle` in `text` (after skipping `skip` of its characters). */
function rangeOf(text: string, needle: string, skip = 0): Range {
  const document = TextDocument.create('file:///x', 'json', 0, text);
  const start = text.indexOf(needle);
  assert.notEqual(start, -1, `${needle} not in ${text}`);
  return { start: document.positionAt(start + skip), end: document.positionAt(start + needle.length) };
}

describe('workspace features over stdio', () => {
  let folder: string;
  let client: LspClient;
  const file = (name: string) => path.join(folder, name);
  const uri = (name: string) => pathToFileURL(file(name)).href;
  const write = (name: string, text: string) => {
    mkdirSync(path.dirname(file(name)), { recursive: true });
    writeFileSync(file(name), text);
  };
  const changed = (name: string, type: FileChangeType = FileChangeType.Changed) =>
    client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(name), type }] });

  const openText = `{
  "name": "Signup Completed",
  "properties": { "age": 23, "plan": "gold" },
  "traits": { "phone": "{{phoneNumber}}", "nickname": "{{nick}}" }
}`;
  const otherText = `{
  "name": "signup_completed",
  "properties": { "age": "{{age}}", "plan": "silver" },
  "traits": { "phone": "{{phoneNumber}}" }
}`;

  before(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'regal-ws-'));
    write('iterable-fields.json', JSON.stringify({ fields: { phoneNumber: 'string', age: 'long', voice_optin: 'boolean' } }, null, 2));
    write('open.regal.json', openText);
    write('payloads/other.regal.json', otherText);
    write('payloads/unrelated.regal.json', '{ "name": "Quote Requested", "traits": { "phone": "{{phoneNumber}}", "vip": true } }');
    // Never read: dependencies and git internals.
    write('node_modules/pkg/vendored.regal.json', '{ "name": "SIGNUP COMPLETED", "properties": { "age": false } }');
    write('.git/stale.regal.json', '{ "name": "signup-completed", "properties": { "age": null } }');
    client = LspClient.stdio();
  });
  after(() => {
    client?.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  it('registers watchers for the payload files and the catalog', async () => {
    await client.initializeAndConfirm({ workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } }, [
      { uri: pathToFileURL(folder).href, name: 'ws' },
    ]);
    const registration = await client.waitForRegistration(DidChangeWatchedFilesNotification.method);
    const options = registration.registerOptions as DidChangeWatchedFilesRegistrationOptions;
    assert.deepEqual(
      options.watchers.map((w) => w.globPattern),
      ['**/*.regal.json', '**/iterable-fields.json'],
    );
  });

  it('compares the open payload with the files on disk, pointing at the other file', async () => {
    await client.openDocument(uri('open.regal.json'), openText, 1);
    const published = await client.waitForDiagnostics(uri('open.regal.json'), has('inconsistent-type'));

    const conflict = find(published, 'inconsistent-type');
    assert.ok(conflict);
    assert.deepEqual(conflict.range, rangeOf(openText, '23'));
    assert.match(
      String(conflict.message),
      /Event property "age" has another type in other\.regal\.json: send one type everywhere\. It is sent as a number here but as a string there/,
    );
    assert.deepEqual(conflict.relatedInformation, [
      {
        location: { uri: uri('payloads/other.regal.json'), range: rangeOf(otherText, '"{{age}}"') },
        message: 'Event property "age" is sent as a string here.',
      },
    ]);

    const similar = find(published, 'similar-event-name');
    assert.ok(similar, JSON.stringify(codes(published)));
    assert.deepEqual(similar.range, rangeOf(openText, '"Signup Completed"'));
    assert.deepEqual(
      similar.relatedInformation?.map((r) => r.location),
      [{ uri: uri('payloads/other.regal.json'), range: rangeOf(otherText, '"signup_completed"') }],
    );

    const unknown = find(published, 'unknown-merge-field');
    assert.ok(unknown);
    assert.deepEqual(unknown.range, rangeOf(openText, '{{nick', 2));
    // Files under node_modules and .git are not part of the workspace.
    assert.equal(published.diagnostics.filter((d) => d.code === 'inconsistent-type' || d.code === 'similar-event-name').length, 2);
  });

  it('validates the open payload again when the catalog changes on disk', async () => {
    write('iterable-fields.json', JSON.stringify({ fields: { phoneNumber: 'string', age: 'long', nick: 'string' } }));
    await changed('iterable-fields.json');
    const published = await client.waitForDiagnostics(uri('open.regal.json'), lacks('unknown-merge-field'));
    assert.equal(published.version, 1);
    assert.ok(codes(published).includes('inconsistent-type'), 'the cross-file findings stay');
  });

  it('reports an invalid catalog on the catalog file, and clears it once fixed', async () => {
    const broken = '{ "fields": { "phoneNumber": "string", "nick": 1 } }';
    write('iterable-fields.json', broken);
    await changed('iterable-fields.json');
    const onCatalog = await client.waitForDiagnostics(uri('iterable-fields.json'), has('invalid-catalog'));
    assert.deepEqual(
      onCatalog.diagnostics.map((d) => ({ code: d.code, source: d.source, range: d.range })),
      [{ code: 'invalid-catalog', source: 'regal', range: rangeOf(broken, '1') }],
    );
    assert.ok(
      client.logMessages.some((m) => m.includes('iterable-fields.json is invalid')),
      client.logMessages.join('\n'),
    );

    write('iterable-fields.json', JSON.stringify({ fields: { phoneNumber: 'string', age: 'long' } }));
    await changed('iterable-fields.json');
    const cleared = await client.waitForDiagnostics(uri('iterable-fields.json'));
    assert.deepEqual(cleared.diagnostics, []);
    await client.waitForDiagnostics(uri('open.regal.json'), has('unknown-merge-field'));
  });

  it('follows other payload files changing on disk', async () => {
    write('payloads/other.regal.json', otherText.replace('"{{age}}"', '30'));
    await changed('payloads/other.regal.json');
    const agreed = await client.waitForDiagnostics(uri('open.regal.json'), lacks('inconsistent-type'));
    assert.ok(codes(agreed).includes('similar-event-name'));

    write('payloads/new.regal.json', '{ "name": "Other", "properties": { "plan": 3 } }');
    await changed('payloads/new.regal.json', FileChangeType.Created);
    const created = await client.waitForDiagnostics(uri('open.regal.json'), has('inconsistent-type'));
    assert.equal(find(created, 'inconsistent-type')?.relatedInformation?.[0].location.uri, uri('payloads/new.regal.json'));

    rmSync(file('payloads/new.regal.json'));
    await changed('payloads/new.regal.json', FileChangeType.Deleted);
    await client.waitForDiagnostics(uri('open.regal.json'), lacks('inconsistent-type'));
  });

  it('lets an open document override its file on disk', async () => {
    const edited = otherText.replace('"signup_completed"', '"Signup Completed"');
    await client.openDocument(uri('payloads/other.regal.json'), edited, 1);
    // On disk `age` is 30 now; the editor's text sends it as a string again, and renames the event.
    const published = await client.waitForDiagnostics(uri('open.regal.json'), (p) => lacks('similar-event-name')(p) && has('inconsistent-type')(p));
    assert.equal(find(published, 'inconsistent-type')?.relatedInformation?.[0].location.uri, uri('payloads/other.regal.json'));
  });

  it('validates the other open payloads again when an edit changes what they are compared with', async () => {
    const otherUri = uri('payloads/other.regal.json');
    const edited = otherText.replace('"signup_completed"', '"Signup Completed"');
    const change = (version: number, text: string) =>
      client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: otherUri, version }, contentChanges: [{ text }] });
    // Unsaved: `age` becomes a number in the editor, as in open.regal.json.
    await change(2, edited.replace('"{{age}}"', '41'));
    const agreed = await client.waitForDiagnostics(uri('open.regal.json'), lacks('inconsistent-type'));
    assert.equal(agreed.version, 1, 'open.regal.json itself did not change');
    await change(3, edited.replace('"{{age}}"', 'true'));
    const conflict = await client.waitForDiagnostics(uri('open.regal.json'), has('inconsistent-type'));
    assert.match(String(find(conflict, 'inconsistent-type')?.message), /another type in other\.regal\.json: .* but as a boolean there/);
  });

  it('reads the catalog named by regal.fieldsFile when the setting changes', async () => {
    write('config/fields.json', JSON.stringify({ fields: { phoneNumber: 'string', nick: 'string', age: 'long' } }));
    client.setConfigurationHandler((params) => params.items.map(() => ({ fieldsFile: 'config/fields.json' })));
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await client.waitForDiagnostics(uri('open.regal.json'), lacks('unknown-merge-field'));
    const watchesNewName = (r: Registration) =>
      (r.registerOptions as DidChangeWatchedFilesRegistrationOptions).watchers.some((w) => w.globPattern === '**/fields.json');
    await client.waitForRegistration(DidChangeWatchedFilesNotification.method, undefined, watchesNewName);
  });

  it('shuts down cleanly', async () => {
    assert.equal(await client.stop(), 0);
  });
});

describe('workspace folders and catalogs in unusual places over stdio', () => {
  let root: string;
  let client: LspClient;
  const file = (name: string) => path.join(root, name);
  const uri = (name: string) => pathToFileURL(file(name)).href;
  const write = (name: string, text: string) => {
    mkdirSync(path.dirname(file(name)), { recursive: true });
    writeFileSync(file(name), text);
  };
  const changed = (name: string, type: FileChangeType = FileChangeType.Changed) =>
    client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(name), type }] });
  const changeFolders = (added: string[], removed: string[]) =>
    client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
      event: { added: added.map((name) => ({ uri: uri(name), name })), removed: removed.map((name) => ({ uri: uri(name), name })) },
    });

  const payload = `{
  "name": "Signup",
  "properties": { "age": 23 },
  "traits": { "phone": "{{phoneNumber}}", "nickname": "{{nick}}" }
}`;

  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'regal-ws-'));
    // The project keeps one catalog beside its workspace folders: regal.fieldsFile is `../team-catalog/fields.json`,
    // set in the user's settings (the VS Code client marks where the value comes from: fieldsFileScope).
    write('team-catalog/fields.json', JSON.stringify({ fields: { phoneNumber: 'string' } }));
    write('app/signup.regal.json', payload);
    write('later/other.regal.json', '{ "name": "Other", "properties": { "age": "{{age}}" }, "traits": { "phone": "{{phoneNumber}}" } }');
    client = LspClient.stdio();
    client.setConfigurationHandler((params) => params.items.map(() => ({ fieldsFile: '../team-catalog/fields.json', fieldsFileScope: 'user' })));
  });
  after(() => {
    client?.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('watches a catalog outside the workspace folder with a relative pattern', async () => {
    const result = await client.initializeAndConfirm(
      { workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } } },
      [{ uri: uri('app'), name: 'app' }],
    );
    assert.deepEqual(result.capabilities.workspace?.workspaceFolders, { supported: true, changeNotifications: true });
    const registration = await client.waitForRegistration(DidChangeWatchedFilesNotification.method);
    const options = registration.registerOptions as DidChangeWatchedFilesRegistrationOptions;
    assert.deepEqual(
      options.watchers.map((w) => w.globPattern),
      ['**/*.regal.json', { baseUri: uri('team-catalog'), pattern: 'fields.json' }],
    );
  });

  it('validates again when that catalog changes', async () => {
    await client.openDocument(uri('app/signup.regal.json'), payload, 1);
    await client.waitForDiagnostics(uri('app/signup.regal.json'), has('unknown-merge-field'));
    write('team-catalog/fields.json', JSON.stringify({ fields: { phoneNumber: 'string', nick: 'string' } }));
    await changed('team-catalog/fields.json');
    await client.waitForDiagnostics(uri('app/signup.regal.json'), lacks('unknown-merge-field'));
  });

  it('reads a workspace folder added while the server runs, and forgets it when removed', async () => {
    write('later/third.regal.json', '{ "name": "Third", "properties": { "plan": "gold" } }');
    await changeFolders(['later'], []);
    const other = '{ "name": "Other", "properties": { "plan": 1 }, "traits": { "phone": "{{phoneNumber}}", "x": "{{nick}}" } }';
    await client.openDocument(uri('later/other.regal.json'), other, 1);
    const inLater = await client.waitForDiagnostics(uri('later/other.regal.json'), has('inconsistent-type'));
    assert.equal(find(inLater, 'inconsistent-type')?.relatedInformation?.[0].location.uri, uri('later/third.regal.json'));
    // The new folder reads its own `regal.fieldsFile` (`../team-catalog/fields.json` from `later` is the same file): `nick` is known.
    assert.ok(lacks('unknown-merge-field')(inLater), JSON.stringify(codes(inLater)));
    // Each folder is compared with its own files only: `app` sends `age` as a number, `later` has no `age`.
    assert.ok(!inLater.diagnostics.some((d) => d.relatedInformation?.some((r) => r.location.uri.includes('/app/'))));

    await changeFolders([], ['later']);
    const removed = await client.waitForDiagnostics(uri('later/other.regal.json'), lacks('inconsistent-type'));
    assert.deepEqual(
      removed.diagnostics.filter((d) => d.code === 'unknown-merge-field'),
      [],
      'without a folder there is no catalog',
    );
  });

  it('tells the user when regal.fieldsFile names something that cannot be read', async () => {
    const shown = new Promise<ShowMessageParams>((resolve) => {
      client.connection.onNotification(ShowMessageNotification.type, resolve);
    });
    client.setConfigurationHandler((params) => params.items.map(() => ({ fieldsFile: '../team-catalog', fieldsFileScope: 'user' })));
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const message = await client.bounded(shown, 10_000, 'a window/showMessage');
    assert.deepEqual(message, {
      type: MessageType.Warning,
      message: `The field catalog ${file('team-catalog')} could not be read: it is not a file. Merge-field checks are off until regal.fieldsFile names a readable catalog.`,
    });
  });

  it('does not read a catalog outside the workspace that the workspace settings name', async () => {
    // A cloned repository's .vscode/settings.json must not make the server read any file on the machine.
    // Read, this catalog (phoneNumber only) makes {{nick}} unknown; not read, merge-field checks are off.
    write('team-catalog/fields.json', JSON.stringify({ fields: { phoneNumber: 'string' } }));
    const signup = uri('app/signup.regal.json');
    const configure = (fieldsFileScope: string | undefined) => {
      client.setConfigurationHandler((params) => params.items.map(() => ({ fieldsFile: '../team-catalog/fields.json', fieldsFileScope })));
      return client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    };
    await configure('user');
    await client.waitForDiagnostics(signup, has('unknown-merge-field'));

    const shown = new Promise<ShowMessageParams>((resolve) => {
      client.connection.onNotification(ShowMessageNotification.type, (params) => {
        if (params.message.includes('is not read')) resolve(params);
      });
    });
    await configure('workspace');
    await client.waitForDiagnostics(signup, lacks('unknown-merge-field'));
    assert.deepEqual(await client.bounded(shown, 10_000, 'a window/showMessage'), {
      type: MessageType.Warning,
      message:
        `The field catalog ${file('team-catalog/fields.json')} is not read: it is outside the workspace, and regal.fieldsFile names it in the workspace settings. ` +
        'Move the catalog into the workspace folder, or set regal.fieldsFile in your user settings to read it from there.',
    });

    // Back in the user's settings it is read again; a client that does not say where the value comes from counts as a workspace.
    await configure('user');
    await client.waitForDiagnostics(signup, has('unknown-merge-field'));
    await configure(undefined);
    await client.waitForDiagnostics(signup, lacks('unknown-merge-field'));
  });

  it('ignores malformed workspace notifications and keeps serving', async () => {
    const logged = client.logMessages.length;
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.method, {
      changes: [
        { uri: null, type: 1 },
        { uri: 42, type: 9 },
      ],
    });
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.method, { changes: null });
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.method, { event: { added: [{ uri: 42 }] } });
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.method, { event: null });
    const text = payload.replace('23', '"{{age}}"');
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uri('app/signup.regal.json'), version: 2 },
      contentChanges: [{ text }],
    });
    await client.waitForDiagnostics(uri('app/signup.regal.json'), (p) => p.version === 2);
    assert.deepEqual(
      client.logMessages.slice(logged).filter((m) => /failed/.test(m)),
      [],
    );
  });

  it('shuts down cleanly', async () => {
    assert.equal(await client.stop(), 0);
  });
});
