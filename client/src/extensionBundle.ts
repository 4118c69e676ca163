/**
 * The extension ships one bundle (built by esbuild.mjs from main.ts) that plays three roles: the
 * extension VS Code loads, the language server the client forks, and the render worker thread.
 * These names tie the roles together.
 */

/** The bundle, relative to the extension's folder (package.json `main`). */
export const EXTENSION_BUNDLE = 'dist/extension.js';

/** On the command line of a process started from the bundle: run the language server. */
export const LANGUAGE_SERVER_ARGUMENT = '--regal-language-server';

