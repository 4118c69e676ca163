/**
 * `Regal: Send Test Event` in a real VS Code, against a loopback HTTP server standing in for Regal.
 *
 * The endpoint, the timeout and the confirmation are set in user settings (ConfigurationTarget.Global;
 * application scope, so VS Code reads them from the User settings in this remote window too).
 * The fixture's `.vscode/settings.json` sets a workspace `regal.endpoint` pointing at port 9 on
 * loopback, where nothing listens: every send reaching our server proves it is ignored.
 *
 * Outcomes are read from the command's return value (the message the user was shown); the output
 * channel's transcript and the stored history come from the internal `regal.internal.sendRecords`
 * command. Every wait is on an event (the server's request, a promise, onDidChangeDiagnostics).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { waitForDiagnostics } from '../support/waiting';
import { renderDocument } from '../../../client/src/rendering/renderDocument';
import type { RegalExtensionApi } from '../../../client/src/extension';
import type { SendResult } from '../../../client/src/send/sendTestEvent';

const EXTENSION_ID = 'regal-webhook-tools.regal-webhook';

/** Renders as the extension does, in the extension's own render worker. */
async function render(document: vscode.TextDocument) {
  const api = (await vscode.extensions.getExtension<RegalExtensionApi>(EXTENSION_ID)!.activate()) as RegalExtensionApi;
  return renderDocument(document, api.renderer, { key: 'test' });
}

interface ReceivedRequest {
  method?: string;
  url?: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  response: http.ServerResponse;
}

describe('Regal send test event', () => {
  const apiKey = `test-key-${randomUUID()}`;
  let server: http.Server;
  let endpoint: string;
  let folder: vscode.Uri;
  // The next request the stand-in server receives (each test arms it before sending).
  let nextRequest: Promise<ReceivedRequest>;
  let deliver: (request: ReceivedRequest) => void = () => {};
  const config = () => vscode.workspace.getConfiguration('regal');

  const expectRequest = () => {
    nextRequest = new Promise((resolve) => {
      deliver = resolve;
    });
  };
  /** The request the server receives for `sending`; fails at once if the command ends without one. */
  const received = (sending: Thenable<SendResult>) =>
    new Promise<ReceivedRequest>((resolve, reject) => {
      void nextRequest.then(resolve);
      // Once the request has arrived this reject is a no-op.
      Promise.resolve(sending).then((result) => reject(new Error(`the command ended without a request: ${result.outcome}: ${result.message}`)), reject);
    });
  const send = (file: string) => vscode.commands.executeCommand<SendResult>('regal.sendTestEvent', vscode.Uri.joinPath(folder, 'send', file));

  before(async () => {
    const workspaceFolder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspaceFolder, 'the test workspace is open');
    folder = workspaceFolder.uri;
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();

    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => deliver({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), response: res }));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;

    await config().update('endpoint', endpoint, vscode.ConfigurationTarget.Global);
    await config().update('send.confirm', false, vscode.ConfigurationTarget.Global);
    const inspected = config().inspect<string>('endpoint');
    console.log(`regal.endpoint: user ${inspected?.globalValue}, workspace ${inspected?.workspaceValue} (effective ${config().get('endpoint')})`);
    assert.equal(inspected?.globalValue, endpoint, 'an application-scoped setting can be set in user settings');
    const stored = await vscode.commands.executeCommand<{ stored: boolean }>('regal.setApiKey', `  ${apiKey}  `);
    assert.equal(stored.stored, true);
  });

  after(async () => {
    for (const key of ['endpoint', 'send.confirm', 'send.timeoutSeconds']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('regal.clearApiKey');
    server.closeAllConnections();
    server.close();
  });

  it('posts exactly the rendered payload with the key to the user endpoint, and shows the response', async () => {
    const uri = vscode.Uri.joinPath(folder, 'send', 'send-event.regal.json');
    const document = await vscode.workspace.openTextDocument(uri);
    const before = document.getText();
    expectRequest();
    const sending = send('send-event.regal.json');
    const request = await received(sending);
    request.response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"message":"ok"}');
    const result = await sending;

    assert.equal(request.method, 'POST');
    assert.equal(request.url, '/events');
    assert.equal(request.headers.authorization, apiKey, 'the raw key, trimmed, no Bearer');
    assert.equal(request.headers['content-type'], 'application/json');
    const rendered = await render(document);
    assert.equal(request.body, rendered.text, 'the body is the rendered text, not re-serialized');
    // Rendered by hand from the sample data the renderer reads.
    const sampleText = new TextDecoder().decode(await vscode.workspace.fs.readFile(rendered.sampleUri!));
    const sample = JSON.parse(sampleText) as { profile: Record<string, string> };
    const { userId, email, phoneNumber } = sample.profile;
    assert.ok(userId && email && phoneNumber, 'the sample profile has userId, email and phoneNumber');
    assert.deepEqual(JSON.parse(request.body), {
      userId,
      traits: { email, phones: { [phoneNumber]: { isPrimary: true, smsOptIn: { subscribed: true } } } },
      name: 'VS Code Test Event',
      properties: { channel: 'sms', note: 'sent by the send test' },
      eventSource: 'iterable',
    });

    assert.equal(result.outcome, 'sent');
    assert.equal(result.status, 200);
    assert.equal(result.endpoint, endpoint, 'the workspace endpoint (port 9) is ignored');
    assert.match(result.message, /^Regal accepted the test event: 200 OK in \d+ ms\.$/);
    assert.ok(result.responseUri);
    const response = await vscode.workspace.openTextDocument(vscode.Uri.parse(result.responseUri));
    assert.match(response.getText(), new RegExp(`^// POST ${endpoint.replace(/[./]/g, '\\$&')} → 200 OK in \\d+ ms`));
    assert.ok(response.getText().endsWith('{"message":"ok"}'));
    assert.equal(response.languageId, 'jsonc');
    assert.equal(document.getText(), before, 'the payload file is untouched');
    assert.equal(document.isDirty, false);
  });

  it('explains a 401 and redacts a key echoed in the response', async () => {
    expectRequest();
    const sending = send('send-event.regal.json');
    (await received(sending)).response
      .writeHead(401, { 'Content-Type': 'application/json' })
      .end(JSON.stringify({ message: `API key ${apiKey} missing or invalid` }));
    const result = await sending;
    assert.equal(result.outcome, 'rejected');
    assert.equal(result.status, 401);
    assert.match(
      result.message,
      /^Regal refused the API key \(401 Unauthorized\)\. Regal says: "API key <redacted> missing or invalid"\..*"Regal: Set API Key"/,
    );
    const response = await vscode.workspace.openTextDocument(vscode.Uri.parse(result.responseUri!));
    assert.ok(response.getText().includes('"API key <redacted> missing or invalid"'));
    assert.ok(!response.getText().includes(apiKey));
  });

  it('gives up after regal.send.timeoutSeconds when the server never answers', async () => {
    await config().update('send.timeoutSeconds', 1, vscode.ConfigurationTarget.Global);
    try {
      expectRequest();
      const sending = send('send-event.regal.json');
      await received(sending); // arrives, never answered
      const result = await sending;
      assert.equal(result.outcome, 'timeout');
      assert.equal(result.responseUri, undefined);
      assert.match(result.message, /^127\.0\.0\.1:\d+ did not answer within 1 s, .*raise "regal\.send\.timeoutSeconds"\.$/);
    } finally {
      await config().update('send.timeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('sends one test event at a time: a second click while one is under way posts nothing', async () => {
    expectRequest();
    const first = send('send-event.regal.json');
    const request = await received(first);
    const second = await send('send-event.regal.json');
    assert.equal(second.outcome, 'refused');
    assert.match(second.message, /^A test event is already being sent/);
    request.response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"message":"ok"}');
    assert.equal((await first).outcome, 'sent');
  });

  it('does not follow a redirect, so the key never reaches the address it names', async () => {
    const elsewhere: (string | undefined)[] = [];
    const other = http.createServer((req, res) => {
      elsewhere.push(req.headers.authorization);
      res.end('{}');
    });
    other.listen(0, '127.0.0.1');
    await once(other, 'listening');
    const target = `http://127.0.0.1:${(other.address() as AddressInfo).port}/collect`;
    try {
      expectRequest();
      const sending = send('send-event.regal.json');
      (await received(sending)).response.writeHead(307, { Location: target }).end();
      const result = await sending;
      assert.equal(result.outcome, 'rejected');
      assert.equal(result.status, 307);
      assert.ok(result.message.includes(`redirecting to ${target}. Test events never follow redirects`), result.message);
      const response = await vscode.workspace.openTextDocument(vscode.Uri.parse(result.responseUri!));
      assert.ok(response.getText().includes(`// Location: ${target} (not followed`));
      assert.deepEqual(elsewhere, [], 'nothing reached the redirect target');
    } finally {
      other.closeAllConnections();
      other.close();
    }
  });

  it('from the rendered preview, sends the payload it shows', async () => {
    const uri = vscode.Uri.joinPath(folder, 'send', 'send-event.regal.json');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const previewUri = await vscode.commands.executeCommand<vscode.Uri>('regal.previewRenderedPayload');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(previewUri));
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), previewUri.toString(), 'the preview is the active editor');
    expectRequest();
    const sending = vscode.commands.executeCommand<SendResult>('regal.sendTestEvent');
    const request = await received(sending);
    request.response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"message":"ok"}');
    const result = await sending;
    assert.equal(result.outcome, 'sent');
    assert.equal(request.body, (await render(await vscode.workspace.openTextDocument(uri))).text);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('refuses a payload that renders invalid JSON, saying where', async () => {
    const result = await send('send-comment.regal.json');
    assert.equal(result.outcome, 'refused');
    assert.equal(
      result.message,
      'Not sent: send-comment.regal.json renders to invalid JSON (Comments are not allowed in JSON at line 2:30 of the rendered payload). Open "Regal: Preview Rendered Payload" to see it.',
    );
  });

  it("refuses a payload with the language server's errors, naming the first", async () => {
    const uri = vscode.Uri.joinPath(folder, 'send', 'send-bad-channel.regal.json');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await waitForDiagnostics(uri, (diagnostics) => diagnostics.some((d) => d.code === 'optin-channel'), 'the optin-channel error');
    const result = await send('send-bad-channel.regal.json');
    assert.equal(result.outcome, 'refused');
    assert.match(result.message, /^Not sent: send-bad-channel\.regal\.json has 1 error\. The first, at line 4:29: Unsupported channel "text": use /);
  });

  it('refuses an error typed just before sending, before the diagnostics are published (regal/check)', async () => {
    const uri = vscode.Uri.joinPath(folder, 'send', 'send-event.regal.json');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const text = editor.document.getText();
    const name = text.indexOf('"VS Code Test Event"');
    // No wait between the edit and the send: the server's published diagnostics wait for a pause in typing.
    await editor.edit((edit) =>
      edit.replace(new vscode.Range(editor.document.positionAt(name), editor.document.positionAt(name + '"VS Code Test Event"'.length)), '""'),
    );
    try {
      const result = await vscode.commands.executeCommand<SendResult>('regal.sendTestEvent');
      assert.equal(result.outcome, 'refused');
      assert.match(result.message, /^Not sent: send-event\.regal\.json has 1 error\. The first, at line 9:11: Empty event name: /);
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('sends only regal-webhook documents', async () => {
    const result = await vscode.commands.executeCommand<SendResult>('regal.sendTestEvent', vscode.Uri.joinPath(folder, '.vscode', 'settings.json'));
    assert.equal(result.outcome, 'refused');
    assert.equal(result.message, 'Open a *.regal.json payload in the editor, then run "Regal: Send Test Event".');
  });

  it('asks for a key when none is set', async () => {
    await vscode.commands.executeCommand('regal.clearApiKey');
    try {
      const result = await send('send-event.regal.json');
      assert.equal(result.outcome, 'refused');
      assert.match(result.message, /no Regal API key is set\. Set it with "Regal: Set API Key"/);
      const rejected = await vscode.commands.executeCommand<{ stored: boolean; message: string }>('regal.setApiKey', '   ');
      assert.deepEqual(rejected, { stored: false, message: 'The API key is empty. Paste the key Regal support gave you.' });
    } finally {
      await vscode.commands.executeCommand('regal.setApiKey', apiKey);
    }
  });

  it('keeps the key out of the output channel, the history and the settings', async () => {
    const records = await vscode.commands.executeCommand<{ log: string; history: unknown }>('regal.internal.sendRecords');
    assert.match(records.log, /^Authorization: <redacted>$/m);
    assert.match(records.log, /^Content-Type: application\/json$/m);
    assert.match(records.log, /^← 401 Unauthorized in \d+ ms/m);
    assert.ok(!records.log.includes(apiKey), 'no key in the output channel');
    const history = records.history as { status?: number; error?: string; endpoint: string; source: string; payload: string }[];
    assert.deepEqual(
      history.slice(0, 6).map((e) => e.status ?? e.error),
      [200, 307, 200, 'timeout', 401, 200],
      'newest first',
    );
    assert.ok(history.every((e) => e.endpoint === endpoint && e.source === 'send-event.regal.json'));
    assert.ok(!JSON.stringify(history).includes(apiKey), 'no key in the history');
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { configuration: { properties: Record<string, unknown> } } };
    const settings = Object.keys(manifest.contributes.configuration.properties).map((key) => vscode.workspace.getConfiguration().inspect(key));
    assert.ok(!JSON.stringify(settings).includes(apiKey), 'no key in any regal setting');
    const workspaceSettings = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, '.vscode', 'settings.json')));
    assert.ok(!workspaceSettings.includes(apiKey));
  });
});
