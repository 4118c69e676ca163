/**
 * `Regal: Send Test Event` in the web extension posts with `fetch`, a cross-origin request from the
 * browser. The runner (test/web/runWebTests.ts) serves two loopback endpoints and writes their
 * addresses into the workspace (web-test-endpoints.json): one answers with CORS headers that allow
 * the request, the other without, as a server API that does not expect browsers. The first send
 * gets Regal's answer; the second is blocked by the browser, and the message says that CORS may be
 * the reason and that desktop VS Code sends. The API key never reaches the messages.
 */
import * as vscode from 'vscode';
import type { SendResult } from '../../../client/src/send/sendTestEvent';
import { equal, match, ok } from './assertions';
import { EXTENSION_ID } from './language.test';

interface Endpoints {
  allowing: string;
  refusing: string;
}

const API_KEY = 'web-test-key-0123456789abcdef';

describe('Web extension: send with fetch', () => {
  let folder: vscode.WorkspaceFolder;
  let endpoints: Endpoints;
  const config = () => vscode.workspace.getConfiguration('regal');
  const send = () => vscode.commands.executeCommand<SendResult>('regal.sendTestEvent', vscode.Uri.joinPath(folder.uri, 'team.regal.json'));

  before(async () => {
    const workspaceFolder = vscode.workspace.workspaceFolders?.[0];
    ok(workspaceFolder, 'the test workspace is open');
    folder = workspaceFolder;
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    endpoints = JSON.parse(
      new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, 'web-test-endpoints.json'))),
    ) as Endpoints;
    await vscode.commands.executeCommand('regal.setApiKey', API_KEY);
    await config().update('send.confirm', false, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    for (const key of ['endpoint', 'send.confirm']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('regal.clearApiKey');
  });

  it('posts the rendered payload to an endpoint that allows the browser (CORS) and shows the answer', async () => {
    await config().update('endpoint', endpoints.allowing, vscode.ConfigurationTarget.Global);
    const result = await send();
    equal(result.outcome, 'sent', result.message);
    equal(result.status, 200);
    ok(result.responseUri, 'a response document');
    const response = await vscode.workspace.openTextDocument(vscode.Uri.parse(result.responseUri));
    // The endpoint echoes the event name and the Authorization header's length (never the key itself).
    match(response.getText(), /"name": ?"Web Team Joined"/);
    match(response.getText(), new RegExp(`"authorizationLength": ?${API_KEY.length}`));
  });

  it('says that the browser blocked the request and why, when the endpoint does not allow it', async () => {
    await config().update('endpoint', endpoints.refusing, vscode.ConfigurationTarget.Global);
    const result = await send();
    equal(result.outcome, 'network', result.message);
    match(result.message, /from the browser: the request was blocked or did not get through/);
    match(result.message, /CORS/);
    match(result.message, /Send from desktop VS Code/);
    ok(!result.message.includes(API_KEY), 'no key in the message');
  });
});
