/**
 * The desktop extension's entry point (Node): the shared activation (activateRegal.ts) with the
 * language server in a Node process, renders in worker threads and posts with Node's http.
 */
import type { ExtensionContext } from 'vscode';
import { RenderWorkerPool } from '../../server/src/rendering/renderInWorker';
import { activateRegal, deactivateRegal, type RegalExtensionApi } from './activateRegal';
import { EXTENSION_BUNDLE } from './extensionBundle';
import { startLanguageClient } from './language/startLanguageClient';
import { registerIterableCommands } from './iterable/registerIterableCommands';
import { postJson } from './send/httpPost';

export type { RegalExtensionApi } from './activateRegal';

export function activate(context: ExtensionContext): Promise<RegalExtensionApi> {
  // Preview and send render in one worker thread (the extension's bundle in its worker role, main.ts), started on the first render.
  const renderer = new RenderWorkerPool({ workerFile: context.asAbsolutePath(EXTENSION_BUNDLE) });
  return activateRegal(context, {
    startClient: startLanguageClient,
    renderer,
    post: postJson,
    // Desktop only: Iterable's API does not answer a browser's cross-origin requests.
    registerCommands: (extensionContext, server) => registerIterableCommands(extensionContext, (params) => server.check(params)),
  });
}

export const deactivate = deactivateRegal;
