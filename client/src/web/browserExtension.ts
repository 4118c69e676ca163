/**
 * The web extension's entry point (package.json `browser`: the extension's bundle, main.ts), for vscode.dev
 * and github.dev: the shared activation (activateRegal.ts) with the language server in a web worker,
 * renders in Web Workers and test events posted with fetch. README, "vscode.dev and github.dev",
 * says what differs from the desktop.
 */
import * as vscode from 'vscode';
import type { ExtensionContext } from 'vscode';
import { RenderPool } from '../../../server/src/rendering/renderPool';
import { EXTENSION_BUNDLE } from '../extensionBundle';
import { activateRegal, deactivateRegal, type RegalExtensionApi } from '../activateRegal';
import { browserRenderThreads } from './browserRenderThread';
import { fetchPost } from './fetchPost';
import { startBrowserLanguageClient } from './startBrowserLanguageClient';

export function activate(context: ExtensionContext): Promise<RegalExtensionApi> {
  const workerUrl = vscode.Uri.joinPath(context.extensionUri, EXTENSION_BUNDLE).toString(true);
  return activateRegal(context, { startClient: startBrowserLanguageClient, renderer: new RenderPool(browserRenderThreads(workerUrl)), post: fetchPost });
}

export const deactivate = deactivateRegal;
