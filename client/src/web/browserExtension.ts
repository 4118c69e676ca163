/**
 * The web extension's entry point (package.json `browser`, dist/web/extension.js), for vscode.dev
 * and github.dev: the shared activation (activateRegal.ts) with the language server in a web worker,
 * renders in Web Workers and test events posted with fetch. README, "vscode.dev and github.dev",
 * says what differs from the desktop.
 */
import * as vscode from 'vscode';
import type { ExtensionContext } from 'vscode';
import { RenderPool } from '../../../server/src/rendering/renderPool';
import { activateRegal, deactivateRegal, type RegalExtensionApi } from '../activateRegal';
import { browserRenderThreads } from './browserRenderThread';
import { WEB_RENDER_WORKER_BUNDLE } from './browserWorker';
import { fetchPost } from './fetchPost';
import { startBrowserLanguageClient } from './startBrowserLanguageClient';

export function activate(context: ExtensionContext): Promise<RegalExtensionApi> {
  const workerUrl = vscode.Uri.joinPath(context.extensionUri, WEB_RENDER_WORKER_BUNDLE).toString(true);
  return activateRegal(context, { startClient: startBrowserLanguageClient, renderer: new RenderPool(browserRenderThreads(workerUrl)), post: fetchPost });
}

export const deactivate = deactivateRegal;
