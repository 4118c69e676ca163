/**
 * The entry point of the extension's one bundle (dist/extension.js), package.json's `main` and
 * `browser`. The same file runs in six places, which share most of their code (vscode-jsonrpc and the
 * LSP protocol, jsonc-parser, the template model, the renderer, the language service); one bundle
 * instead of six keeps that code in the .vsix once (CONTRIBUTING.md, "Packaging and the extension page"):
 *
 * - on the desktop (Node): the extension (extension.ts); the language server, a process the language
 *   client forks with LANGUAGE_SERVER_ARGUMENT (server.ts); the render worker, a worker thread the
 *   render pool starts (renderWorker.ts);
 * - in VS Code for the Web (a browser's workers): the extension (web/browserExtension.ts); the language
 *   server and the render worker, Web Workers named WEB_SERVER_WORKER_NAME and WEB_RENDER_WORKER_NAME
 *   (browserServer.ts, browserRenderWorker.ts).
 *
 * Each role's code is required only in its role (esbuild evaluates a bundled module when it is first
 * required), so a server never loads `vscode`, the extension host never starts a server, and no code
 * that needs Node runs in a browser.
 */
import type { ExtensionContext } from 'vscode';
import type * as Extension from './extension';
import { LANGUAGE_SERVER_ARGUMENT, WEB_RENDER_WORKER_NAME, WEB_SERVER_WORKER_NAME } from './extensionBundle';

/** A browser's worker (VS Code for the Web's extension host and the workers it starts) has importScripts; Node has not. */
const inBrowser = typeof (globalThis as { importScripts?: unknown }).importScripts === 'function';

if (inBrowser) {
  // VS Code prefixes the name an extension gives a worker with its own ('<extension host> -> <name>').
  const workerName = String((globalThis as { name?: unknown }).name ?? '');
  if (workerName.endsWith(WEB_SERVER_WORKER_NAME)) require('../../server/src/browserServer');
  else if (workerName.endsWith(WEB_RENDER_WORKER_NAME)) require('../../server/src/rendering/browserRenderWorker');
} else {
  const { isMainThread, workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
  /** The render pool's worker data (RenderWorkerData): a thread started with anything else is not ours to serve. */
  const isRenderWorker = !isMainThread && (workerData as { cancelled?: unknown } | null)?.cancelled instanceof Int32Array;
  if (isRenderWorker) require('../../server/src/rendering/renderWorker');
  // The server bundles its schema (the one its validation code was generated from, scripts/precompiledAjv.mjs),
  // rather than reading schemas/, which may be newer than the bundle while the extension is developed.
  else if (process.argv.includes(LANGUAGE_SERVER_ARGUMENT)) require('../../server/src/server');
}

/** The desktop's extension or the web's: both activate the same features (activateRegal.ts) on their platform. */
const extension = (): typeof Extension => (inBrowser ? require('./web/browserExtension') : require('./extension')) as typeof Extension;

export function activate(context: ExtensionContext): ReturnType<typeof Extension.activate> {
  return extension().activate(context);
}

export function deactivate(): ReturnType<typeof Extension.deactivate> {
  return extension().deactivate();
}
