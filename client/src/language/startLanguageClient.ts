/**
 * Starts the Regal language server over IPC for `regal-webhook` documents: the extension's bundle
 * forked with LANGUAGE_SERVER_ARGUMENT (main.ts).
 * Everything about payloads happens in the server.
 */
import type { ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { markFieldsFileScope } from './settingsScope';
import { EXTENSION_BUNDLE, LANGUAGE_SERVER_ARGUMENT } from '../extensionBundle';
import { PAYLOAD_LANGUAGE_ID } from '../../../server/src/protocol/contract';

export async function startLanguageClient(context: ExtensionContext): Promise<LanguageClient> {
  const serverModule = context.asAbsolutePath(EXTENSION_BUNDLE);
  const args = [LANGUAGE_SERVER_ARGUMENT];
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, args },
    debug: { module: serverModule, transport: TransportKind.ipc, args, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: PAYLOAD_LANGUAGE_ID }],
    // Says whether regal.fieldsFile is the user's or a workspace's: only the user's may leave the workspace.
    middleware: { workspace: { configuration: markFieldsFileScope } },
  };
  const client = new LanguageClient('regal', 'Regal Webhook Language Server', serverOptions, clientOptions);
  context.subscriptions.push(client);
  await client.start();
  return client;
}
