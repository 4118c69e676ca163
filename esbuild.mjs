// Bundles the extension client, the language server and the CLI into dist/ (CommonJS for Node).
// Type checking is separate (`tsc -b`): esbuild only strips types.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { precompiledAjv } from './scripts/precompiledAjv.mjs';

const require = createRequire(import.meta.url);

const production = process.argv.includes('--production');

/**
 * Handlebars' compiler builds its output with the `source-map` package's SourceNode when it can load
 * it, and with a plain string builder otherwise. We never ask for source maps of templates, and the
 * SourceNodes make a big template's compile 2-3x slower and 3x hungrier (1 MB payload: 5.6 s and
 * 1.5 GB → 2 s and 0.45 GB), so the bundles give Handlebars an empty `source-map`.
 */
const handlebarsWithoutSourceMaps = {
  name: 'handlebars-without-source-maps',
  setup(build) {
    build.onResolve({ filter: /^source-map$/ }, (args) =>
      /[\\/]handlebars[\\/]/.test(args.importer) ? { path: 'source-map', namespace: 'no-source-map' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'no-source-map' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // Prefer packages' ES module builds: smaller bundles (as VS Code's own JSON extension does).
  mainFields: ['module', 'main'],
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // ES module dependencies (e.g. fdir, under tinyglobby) read import.meta.url, which a CommonJS
  // bundle lacks: give them the bundle file's own URL.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  // Payload validation runs ajv code generated here for the bundled schema, not ajv's compiler (scripts/precompiledAjv.mjs).
  plugins: [handlebarsWithoutSourceMaps, precompiledAjv()],
};

const renderWorker = (outfile) => esbuild.build({ ...common, entryPoints: ['server/src/rendering/renderWorker.ts'], outfile });

/**
 * The extension's one bundle (client/src/main.ts) runs on the desktop in Node and in VS Code for the
 * Web (package.json `browser`; vscode.dev, github.dev) in a browser's workers: the extension in VS Code's
 * web worker extension host (which loads it as CommonJS) and the language server and the render worker
 * as Web Workers (classic scripts, loaded with importScripts). It is built for Node; what its browser
 * roles reach must also run in a browser:
 *  - a Web Worker runs it as a classic script, whose top-level declarations would be the worker's
 *    globals (a hoisted `var crypto` from @noble/hashes hid the Web Crypto that vscode-jsonrpc's
 *    registrations take their ids from, so the server registered no file watchers): banner and footer
 *    wrap the bundle in a function, which also gives a Web Worker, which has no `module`, one for the
 *    bundle's CommonJS exports;
 *  - `import.meta.url` is the bundle file's URL in Node only (no browser role reads it);
 *  - `path` is Node's in Node and path-browserify (POSIX paths) in a browser, chosen when loaded;
 *  - the language server and client's browser builds come from their `browser` exports, and
 *    @noble/hashes takes the Web Crypto of globalThis (Node 20 has it too), not `node:crypto`.
 * Node built-ins stay `require` calls, made only by the desktop's roles (main.ts requires each role lazily).
 */
const pathForBothPlatforms = {
  name: 'path-for-both-platforms',
  setup(build) {
    build.onResolve({ filter: /^(node:)?path$/ }, (args) =>
      args.namespace === 'either-path' ? { path: 'node:path', external: true } : { path: 'path', namespace: 'either-path' },
    );
    build.onLoad({ filter: /.*/, namespace: 'either-path' }, () => ({
      contents: "module.exports = typeof globalThis.importScripts === 'function' ? require('path-browserify') : require('node:path');",
      resolveDir: process.cwd(),
      loader: 'js',
    }));
  },
};
/** The browser builds of packages that keep them under the `browser` export condition, which a Node build does not match. */
const besideEntry = (entry, resolveDir, file) => path.join(path.dirname(require.resolve(entry, { paths: [resolveDir] })), file);
const browserBuildsOfPackages = {
  name: 'browser-builds-of-packages',
  setup(build) {
    build.onResolve({ filter: /^vscode-[a-z-]+\/browser$/ }, (args) => ({
      path: besideEntry(args.path.replace(/browser$/, 'node'), args.resolveDir, '../browser/main.js'),
    }));
    build.onResolve({ filter: /^@noble\/hashes\/crypto$/ }, (args) => ({ path: besideEntry('@noble/hashes/crypto', args.resolveDir, 'esm/crypto.js') }));
  },
};
/**
 * Of two of vscode-languageclient's dependencies, the bundle carries what the client uses: of semver,
 * the caret-range check of VS Code's version (client/src/bundling/semverCaret.ts); of minimatch, nothing,
 * since the Regal server registers no file-operation filters (client/src/bundling/noFileOperationGlobs.ts).
 * About 16 KB of the .vsix (CONTRIBUTING.md, "Packaging and the extension page").
 */
const languageClientDependencies = {
  name: 'language-client-dependencies',
  setup(build) {
    const fromLanguageClient = (args) => /[\\/]vscode-languageclient[\\/]/.test(args.importer);
    build.onResolve({ filter: /^semver\/functions\/(parse|satisfies)$/ }, (args) =>
      fromLanguageClient(args) ? { path: args.path.split('/').pop(), namespace: 'semver-caret' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'semver-caret' }, (args) => ({
      contents: `module.exports = require('./client/src/bundling/semverCaret').${args.path};`,
      resolveDir: process.cwd(),
      loader: 'js',
    }));
    build.onResolve({ filter: /^minimatch$/ }, (args) =>
      fromLanguageClient(args) ? { path: path.resolve('client/src/bundling/noFileOperationGlobs.ts') } : undefined,
    );
  },
};
const extensionBundle = {
  ...common,
  entryPoints: ['client/src/main.ts'],
  outfile: 'dist/extension.js',
  external: ['vscode'],
  banner: {
    js: "(function (module) {\nconst importMetaUrl = typeof __filename === 'string' ? require('url').pathToFileURL(__filename).href : undefined;",
  },
  footer: { js: "})(typeof module === 'object' ? module : { exports: {} });" },
  plugins: [...common.plugins, pathForBothPlatforms, browserBuildsOfPackages, languageClientDependencies],
};

/**
 * The web extension's test suites run in the browser's extension host: a browser build (a Node built-in
 * reached from them fails the build, except `path`, which gets path-browserify).
 */
const pathForBrowser = {
  name: 'path-for-browser',
  setup(build) {
    build.onResolve({ filter: /^(node:)?path$/ }, (args) => build.resolve('path-browserify', { kind: args.kind, resolveDir: args.resolveDir }));
  },
};
const web = {
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  mainFields: ['browser', 'module', 'main'],
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  plugins: [...common.plugins, pathForBrowser],
};

if (process.argv.includes('--render-worker')) {
  // Unit tests run the renderer from source but need the worker as a script: `--render-worker <outfile>`.
  await renderWorker(process.argv[process.argv.indexOf('--render-worker') + 1]);
  process.exit(0);
}

if (process.argv.includes('--tests')) {
  // The real-VS-Code tests run in the extension host from plain JS; mocha stays a node_modules require.
  await esbuild.build({
    ...common,
    entryPoints: ['test/vscode/runVsCodeTests.ts', 'test/vscode/suite/index.ts', 'test/vscode/suite/*.test.ts', 'test/vscode/screenshots/*.ts'],
    outdir: 'out/test/vscode',
    outbase: 'test/vscode',
    external: ['vscode', 'mocha', '@vscode/test-electron'],
    sourcemap: true,
    minify: false,
  });
  process.exit(0);
}

if (process.argv.includes('--web-tests')) {
  // The web extension's suites, one script for the browser's extension host (test/web/runWebTests.ts).
  await esbuild.build({
    ...web,
    format: 'cjs',
    entryPoints: ['test/web/suite/index.ts'],
    outfile: 'out/test/web/suite/index.js',
    external: ['vscode'],
    sourcemap: true,
    minify: false,
  });
  process.exit(0);
}

if (process.argv.includes('--bench')) {
  // The benchmark runs the service as bundled code (as the server does), not through a TypeScript loader.
  await esbuild.build({ ...common, entryPoints: ['bench/runBench.ts'], outfile: 'out/bench/runBench.js', sourcemap: true });
  // The JSON service's side of the whole-process comparison, minified like dist/cli.js (bench/processBench.ts).
  await esbuild.build({ ...common, minify: true, sourcemap: false, entryPoints: ['bench/jsonServiceProcess.ts'], outfile: 'out/bench/jsonServiceProcess.js' });
  process.exit(0);
}

if (process.argv.includes('--server-package')) {
  // The npm package regal-webhook-language-server (scripts/packServer.mjs): the language server, the CLI
  // and the CLI's render worker, minified, each runnable as a bin: `--server-package <outdir>`.
  const outdir = process.argv[process.argv.indexOf('--server-package') + 1];
  const packaged = { ...common, minify: true, sourcemap: false };
  const bin = { js: `#!/usr/bin/env node\n${common.banner.js}` };
  await Promise.all([
    esbuild.build({ ...packaged, entryPoints: ['server/src/server.ts'], outfile: `${outdir}/server.js`, banner: bin }),
    esbuild.build({ ...packaged, entryPoints: ['server/src/cli.ts'], outfile: `${outdir}/cli.js`, banner: bin }),
    esbuild.build({ ...packaged, entryPoints: ['server/src/rendering/renderWorker.ts'], outfile: `${outdir}/renderWorker.js` }),
  ]);
  process.exit(0);
}

await Promise.all([
  // The extension's one bundle, desktop and web: the extension, its language server and its render worker (client/src/main.ts).
  // Sharing one file keeps their common code (LSP protocol, jsonc-parser, the template model, the renderer) in the .vsix once.
  esbuild.build(extensionBundle),
  // The language server on its own, for other editors and the end-to-end tests (not in the .vsix).
  esbuild.build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: `#!/usr/bin/env node\n${common.banner.js}` } }),
  // Renders for the CLI in a worker thread (server/src/rendering/renderInWorker.ts); the extension's bundle is its own worker.
  renderWorker('dist/renderWorker.js'),
]);
