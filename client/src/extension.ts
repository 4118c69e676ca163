/**
 * The extension's entry point: starts the language client and registers each feature, one module
 * per feature.
 */
import * as vscode from 'vscode';
import type { ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { RenderWorkerPool } from '../../server/src/rendering/renderInWorker';
import { RegalLanguageStatus } from './language/languageStatus';
import { startLanguageClient } from './language/startLanguageClient';
import { registerRenderedPayloadPreview } from './preview/renderedPayloadPreview';
import { registerSendCommands } from './send/registerSendCommands';
import { PayloadLookalikeNotice } from './detection/payloadLookalikeNotice';
import { registerCreateSampleDataCommand } from './sampleData/createSampleDataCommand';
import { registerNewPayloadCommand } from './snippets/newPayloadCommand';

let client: LanguageClient | undefined;

/** What activate() returns (`extensions.getExtension(…).exports`): lets the VS Code tests read the status items. */
export interface RegalExtensionApi {
  languageStatus: RegalLanguageStatus;
  /** The render worker preview and send use (the VS Code tests render through it too). */
  renderer: RenderWorkerPool;
  /** The "looks like a Regal payload" notification of JSON files (the VS Code tests replace its prompt). */
  lookalikeNotice: PayloadLookalikeNotice;
}

export async function activate(context: ExtensionContext): Promise<RegalExtensionApi> {
  // Commands first: they must work even while (or if) the server is still starting.
  // Preview and send render in one worker thread (dist/renderWorker.js), started on the first render.
  const renderer = new RenderWorkerPool();
  context.subscriptions.push({ dispose: () => renderer.dispose() });
  registerSendCommands(context, renderer);
  registerRenderedPayloadPreview(context, renderer);
  context.subscriptions.push(registerNewPayloadCommand(context));
  registerCreateSampleDataCommand(context);
  const languageStatus = new RegalLanguageStatus(context.extensionUri);
  context.subscriptions.push(languageStatus);
  // JSON files activate the extension too (onLanguage:json), for the lookalike notification: the
  // language server starts with the first payload document, not for every JSON file.
  const lookalikeNotice = new PayloadLookalikeNotice(context.workspaceState);
  context.subscriptions.push(lookalikeNotice);
  const isPayload = (document: vscode.TextDocument) => document.languageId === 'regal-webhook';
  if (vscode.workspace.textDocuments.some(isPayload)) {
    client = await startLanguageClient(context);
  } else {
    const waiting = vscode.workspace.onDidOpenTextDocument((document) => {
      if (!isPayload(document) || client || starting) return;
      waiting.dispose();
      starting = startLanguageClient(context).then((started) => (client = started));
    });
    context.subscriptions.push(waiting);
  }
  return { languageStatus, renderer, lookalikeNotice };
}

let starting: Promise<LanguageClient> | undefined;

export async function deactivate(): Promise<void> {
  await starting?.catch(() => undefined);
  starting = undefined;
  await client?.stop();
  client = undefined;
}
