// `npm run package:server`: packs the npm package regal-webhook-language-server (packages/language-server/)
// into dist/regal-webhook-language-server-<version>.tgz, or into the folder given with `--out DIR`.
// Prints the tarball's path on stdout. Install it with `npm install -g <tarball>` (docs/other-editors.md).
//
// The package holds minified bundles of the language server, the CLI and the CLI's render worker, each a
// `#!/usr/bin/env node` script, and no dependencies (esbuild bundles them). It is staged in a temporary
// folder (package.json and README.md from packages/language-server/, the repository's LICENSE, the bundles
// from `node esbuild.mjs --server-package`), so the build leaves dist/ and the source tree alone.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const packageDir = path.join(root, 'packages', 'language-server');
const outAt = process.argv.indexOf('--out');
if (outAt !== -1 && !process.argv[outAt + 1]) throw new Error('--out needs a folder.');
const outDir = path.resolve(outAt === -1 ? path.join(root, 'dist') : process.argv[outAt + 1]);

const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
if (manifest.version !== version) {
  console.error(`packages/language-server/package.json has version ${manifest.version}, the extension ${version}: set both to the same version.`);
  process.exit(1);
}

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (result.status !== 0) {
    console.error(`${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`}).`);
    process.exit(1);
  }
  return result.stdout;
}

const stage = mkdtempSync(path.join(os.tmpdir(), 'regal-server-package-'));
try {
  run(process.execPath, [path.join(root, 'esbuild.mjs'), '--server-package', path.join(stage, 'dist')], root);
  copyFileSync(path.join(packageDir, 'package.json'), path.join(stage, 'package.json'));
  copyFileSync(path.join(packageDir, 'README.md'), path.join(stage, 'README.md'));
  copyFileSync(path.join(root, 'LICENSE'), path.join(stage, 'LICENSE'));
  mkdirSync(outDir, { recursive: true });
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', outDir], stage));
  console.error(`${packed.filename}: ${packed.size} bytes packed, ${packed.unpackedSize} unpacked, ${packed.files.map((f) => f.path).join(', ')}`);
  console.log(path.join(outDir, packed.filename));
} finally {
  rmSync(stage, { recursive: true, force: true });
}
