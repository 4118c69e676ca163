// Bundles the extension client, the language server and the CLI into dist/ (CommonJS for Node).
// Type checking is separate (`tsc -b`): esbuild only strips types.
import * as esbuild from 'esbuild';
import { precompiledAjv } from './scripts/precompiledAjv.mjs';

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
    build.onResolve({ filter: /^source-map$/ }, (args) => (/[\\/]handlebars[\\/]/.test(args.importer) ? { path: 'source-map', namespace: 'no-source-map' } : undefined));
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
 * The web extension (package.json `browser`; vscode.dev, github.dev): the extension in VS Code's web
 * worker extension host (CommonJS, as VS Code loads it), and the language server and render worker as
 * Web Workers (classic scripts: VS Code starts them with importScripts). Platform `browser`: a Node
 * built-in reached from these entries fails the build, except `path`, which the client's few path
 * helpers get from path-browserify (POSIX paths: a browser has no others).
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
const webBuilds = () => [
  esbuild.build({ ...web, format: 'cjs', entryPoints: ['client/src/web/browserExtension.ts'], outfile: 'dist/web/extension.js', external: ['vscode'] }),
  esbuild.build({ ...web, format: 'iife', entryPoints: ['server/src/browserServer.ts'], outfile: 'dist/web/server.js' }),
  esbuild.build({ ...web, format: 'iife', entryPoints: ['server/src/rendering/browserRenderWorker.ts'], outfile: 'dist/web/renderWorker.js' }),
];

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
  await esbuild.build({ ...web, format: 'cjs', entryPoints: ['test/web/suite/index.ts'], outfile: 'out/test/web/suite/index.js', external: ['vscode'], sourcemap: true, minify: false });
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
  // The extension's one bundle: the extension, its language server and its render worker (client/src/main.ts).
  // Sharing one file keeps their common code (LSP protocol, jsonc-parser, the template model) in the .vsix once.
  esbuild.build({ ...common, entryPoints: ['client/src/main.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  // The language server on its own, for other editors and the end-to-end tests (not in the .vsix).
  esbuild.build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: `#!/usr/bin/env node\n${common.banner.js}` } }),
  // Renders for the CLI in a worker thread (server/src/rendering/renderInWorker.ts); the extension's bundle is its own worker.
  renderWorker('dist/renderWorker.js'),
  ...webBuilds(),
]);
