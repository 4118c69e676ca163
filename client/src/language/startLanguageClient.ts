/**
 * Starts the Regal language server (dist/server.js) over IPC for `regal-webhook` documents.
 * Everything about payloads happens in the server.
 */
import type { ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { markFieldsFileScope } from './settingsScope';

export async function startLanguageClient(context: ExtensionContext): Promise<LanguageClient> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'regal-webhook' }],
    // Says whether regal.fieldsFile is the user's or a workspace's: only the user's may leave the workspace.
    middleware: { workspace: { configuration: markFieldsFileScope } },
  };
  const client = new LanguageClient('regal', 'Regal Webhook Language Server', serverOptions, clientOptions);
  context.subscriptions.push(client);
  await client.start();
  return client;
}
