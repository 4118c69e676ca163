/**
 * Starts the Regal language server in a web worker (the extension's bundle in its server role, main.ts) for `regal-webhook`
 * documents, in VS Code for the Web. The client answers the server's workspace-file requests, since
 * the worker has no file system (workspaceFileRequests.ts).
 */
import * as vscode from 'vscode';
import type { ExtensionContext } from 'vscode';
import { LanguageClient, type LanguageClientOptions } from 'vscode-languageclient/browser';
import { markFieldsFileScope } from '../language/settingsScope';
import { EXTENSION_BUNDLE, WEB_SERVER_WORKER_NAME } from '../extensionBundle';
import { startWorker } from './browserWorker';
import { registerWorkspaceFileRequests } from './workspaceFileRequests';
import { PAYLOAD_LANGUAGE_ID } from '../../../server/src/protocol/contract';

export async function startBrowserLanguageClient(context: ExtensionContext): Promise<LanguageClient> {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, EXTENSION_BUNDLE);
  const worker = startWorker(serverMain.toString(true), WEB_SERVER_WORKER_NAME);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: PAYLOAD_LANGUAGE_ID }],
    // Says whether regal.fieldsFile is the user's or a workspace's: only the user's may leave the workspace.
    middleware: { workspace: { configuration: markFieldsFileScope } },
  };
  const client = new LanguageClient('regal', 'Regal Webhook Language Server', worker as ConstructorParameters<typeof LanguageClient>[2], clientOptions);
  // Before start: the server asks for files as soon as it is initialized.
  context.subscriptions.push(client, ...registerWorkspaceFileRequests(client));
  await client.start();
  return client;
}
