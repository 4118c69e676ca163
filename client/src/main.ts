/**
 * The entry point of the extension's one bundle (dist/extension.js). The same file runs in three
 * places, which share most of their code (vscode-jsonrpc and the LSP protocol, jsonc-parser, the
 * template model, the sample-data reader); one bundle instead of three keeps that code in the .vsix
 * once (CONTRIBUTING.md, "Packaging and the extension page"):
 *
 * - VS Code loads it as the extension: activate() and deactivate() below;
 * - the language client forks it with LANGUAGE_SERVER_ARGUMENT: the language server (server.ts);
 * - the render pool starts it as a worker thread: the render worker (renderWorker.ts).
 *
 * Each role's code is required only in its role (esbuild evaluates a bundled module when it is first
 * required), so the server never loads `vscode` and the extension host never starts a server.
 */
import { isMainThread, workerData } from 'node:worker_threads';
import type { ExtensionContext } from 'vscode';
import type * as Extension from './extension';
import { LANGUAGE_SERVER_ARGUMENT } from './extensionBundle';

/** The render pool's worker data (RenderWorkerData): a thread started with anything else is not ours to serve. */
const isRenderWorker = !isMainThread && (workerData as { cancelled?: unknown } | null)?.cancelled instanceof Int32Array;

if (isRenderWorker) require('../../server/src/rendering/renderWorker');
// The server bundles its schema (the one its validation code was generated from, scripts/precompiledAjv.mjs),
// rather than reading schemas/, which may be newer than the bundle while the extension is developed.
else if (process.argv.includes(LANGUAGE_SERVER_ARGUMENT)) require('../../server/src/server');

const extension = (): typeof Extension => require('./extension') as typeof Extension;

export function activate(context: ExtensionContext): ReturnType<typeof Extension.activate> {
  return extension().activate(context);
}

export function deactivate(): ReturnType<typeof Extension.deactivate> {
  return extension().deactivate();
}
