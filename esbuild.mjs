// Bundles the extension client, the language server and the CLI into dist/ (CommonJS for Node).
// Type checking is separate (`tsc -b`): esbuild only strips types.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');

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
};

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

if (process.argv.includes('--bench')) {
  // The benchmark runs the service as bundled code (as the server does), not through a TypeScript loader.
  await esbuild.build({ ...common, entryPoints: ['bench/runBench.ts'], outfile: 'out/bench/runBench.js', sourcemap: true });
  process.exit(0);
}

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: `#!/usr/bin/env node\n${common.banner.js}` } }),
]);
