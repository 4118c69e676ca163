/**
 * The extension's entry point: starts the language client and registers each feature, one module
 * per feature.
 */
import * as vscode from 'vscode';
import type { ExtensionContext } from 'vscode';
import { RenderWorkerPool } from '../../server/src/rendering/renderInWorker';
import { RegalLanguageStatus } from './language/languageStatus';
import { RegalServer } from './language/regalServer';
import { registerRenderedPayloadPreview } from './preview/renderedPayloadPreview';
import { registerSendCommands } from './send/registerSendCommands';
import { PayloadLookalikeNotice } from './detection/payloadLookalikeNotice';
import { registerCreateSampleDataCommand } from './sampleData/createSampleDataCommand';
import { registerNewPayloadCommand } from './snippets/newPayloadCommand';

let server: RegalServer | undefined;

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
  const regal = new RegalServer(context);
  server = regal;
  // Preview and send render in one worker thread (dist/renderWorker.js), started on the first render.
  const renderer = new RenderWorkerPool();
  context.subscriptions.push({ dispose: () => renderer.dispose() });
  registerSendCommands(context, renderer);
  registerRenderedPayloadPreview(context, renderer, regal);
  context.subscriptions.push(registerNewPayloadCommand(context));
  registerCreateSampleDataCommand(context, regal);
  const languageStatus = new RegalLanguageStatus(context.extensionUri);
  context.subscriptions.push(languageStatus);
  // JSON files activate the extension too (onLanguage:json), for the lookalike notification: the
  // language server starts with the first payload document (or a JSON file with Handlebars in it), not
  // for every JSON file.
  const lookalikeNotice = new PayloadLookalikeNotice(context.workspaceState, regal);
  context.subscriptions.push(lookalikeNotice);
  const isPayload = (document: vscode.TextDocument) => document.languageId === 'regal-webhook';
  if (vscode.workspace.textDocuments.some(isPayload)) {
    await regal.start();
  } else {
    const waiting = vscode.workspace.onDidOpenTextDocument((document) => {
      if (!isPayload(document)) return;
      waiting.dispose();
      // A failed start is reported by the language client itself (its output and a notification).
      regal.start().catch(() => undefined);
    });
    context.subscriptions.push(waiting);
  }
  return { languageStatus, renderer, lookalikeNotice };
}

export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}
