/**
 * The extension's entry point: starts the language client and registers each feature, one module
 * per feature.
 */
import type { ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { RenderWorkerPool } from '../../server/src/rendering/renderInWorker';
import { RegalLanguageStatus } from './language/languageStatus';
import { startLanguageClient } from './language/startLanguageClient';
import { registerRenderedPayloadPreview } from './preview/renderedPayloadPreview';
import { registerSendCommands } from './send/registerSendCommands';
import { registerNewPayloadCommand } from './snippets/newPayloadCommand';

let client: LanguageClient | undefined;

/** What activate() returns (`extensions.getExtension(…).exports`): lets the VS Code tests read the status items. */
export interface RegalExtensionApi {
  languageStatus: RegalLanguageStatus;
  /** The render worker preview and send use (the VS Code tests render through it too). */
  renderer: RenderWorkerPool;
}

export async function activate(context: ExtensionContext): Promise<RegalExtensionApi> {
  // Commands first: they must work even while (or if) the server is still starting.
  // Preview and send render in one worker thread (dist/renderWorker.js), started on the first render.
  const renderer = new RenderWorkerPool();
  context.subscriptions.push({ dispose: () => renderer.dispose() });
  registerSendCommands(context, renderer);
  registerRenderedPayloadPreview(context, renderer);
  context.subscriptions.push(registerNewPayloadCommand(context));
  const languageStatus = new RegalLanguageStatus(context.extensionUri);
  context.subscriptions.push(languageStatus);
  client = await startLanguageClient(context);
  return { languageStatus, renderer };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
