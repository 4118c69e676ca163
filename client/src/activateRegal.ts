/**
 * Activation shared by the desktop extension (extension.ts, Node) and the web extension
 * (web/browserExtension.ts, vscode.dev and github.dev): registers each feature, one module per
 * feature, on what the platform provides (how the language server starts, where templates render,
 * how an event is posted). Nothing here imports Node modules.
 */
import * as vscode from 'vscode';
import type { ExtensionContext } from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { RenderPool } from '../../server/src/rendering/renderPool';
import { PayloadLookalikeNotice } from './detection/payloadLookalikeNotice';
import { RegalLanguageStatus } from './language/languageStatus';
import { RegalServer } from './language/regalServer';
import { registerRenderedPayloadPreview } from './preview/renderedPayloadPreview';
import { registerCreateSampleDataCommand } from './sampleData/createSampleDataCommand';
import { registerSendCommands } from './send/registerSendCommands';
import type { SendDependencies } from './send/sendTestEvent';
import { registerNewPayloadCommand } from './snippets/newPayloadCommand';
import { PAYLOAD_LANGUAGE_ID } from '../../server/src/protocol/contract';

export interface RegalPlatform {
  /** Starts the language client and its server (a Node process on the desktop, a web worker in a browser). */
  startClient(context: ExtensionContext): Promise<BaseLanguageClient>;
  /** Where preview and send render: worker threads on the desktop, Web Workers in a browser. */
  renderer: RenderPool;
  /** Posts a test event: Node's http on the desktop, fetch in a browser. */
  post: SendDependencies['post'];
  /** Registers the platform's own commands (the desktop's Iterable commands), which may ask the language server. */
  registerCommands?(context: ExtensionContext, server: RegalServer): void;
}

/** What activate() returns (`extensions.getExtension(…).exports`): lets the VS Code tests read the status items. */
export interface RegalExtensionApi {
  languageStatus: RegalLanguageStatus;
  /** The render worker preview and send use (the VS Code tests render through it too). */
  renderer: RenderPool;
  /** The "looks like a Regal payload" notification of JSON files (the VS Code tests replace its prompt). */
  lookalikeNotice: PayloadLookalikeNotice;
}

let server: RegalServer | undefined;

export async function activateRegal(context: ExtensionContext, platform: RegalPlatform): Promise<RegalExtensionApi> {
  // Commands first: they must work even while (or if) the server is still starting.
  const regal = new RegalServer(context, platform.startClient);
  server = regal;
  const { renderer } = platform;
  context.subscriptions.push({ dispose: () => renderer.dispose() });
  registerSendCommands(context, renderer, platform.post, (params) => regal.check(params));
  platform.registerCommands?.(context, regal);
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
  const isPayload = (document: vscode.TextDocument) => document.languageId === PAYLOAD_LANGUAGE_ID;
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

export async function deactivateRegal(): Promise<void> {
  await server?.stop();
  server = undefined;
}
