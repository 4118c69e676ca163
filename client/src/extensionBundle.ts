/**
 * The extension ships one bundle (built by esbuild.mjs from main.ts) that plays every role, on the
 * desktop and in VS Code for the Web: the extension VS Code loads, the language server the client
 * starts and the render worker. These names tie the roles together.
 */

/** The bundle, relative to the extension's folder (package.json `main` and `browser`). */
export const EXTENSION_BUNDLE = 'dist/extension.js';

/** On the command line of a process started from the bundle: run the language server. */
export const LANGUAGE_SERVER_ARGUMENT = '--regal-language-server';

/**
 * The names the web extension gives its Web Workers: a worker started from the bundle whose `self.name`
 * ends with one of them plays that role. VS Code for the Web starts an extension's worker from a
 * bootstrap script (so the worker's location is not the bundle's URL) and passes the name on, after
 * its own ('<extension host> -> <name>'), so the name is what the worker can tell its role by.
 */
export const WEB_SERVER_WORKER_NAME = 'Regal Webhook Language Server';
export const WEB_RENDER_WORKER_NAME = 'Regal render worker';
