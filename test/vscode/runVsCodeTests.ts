/**
 * Runs the client tests inside a real VS Code: @vscode/test-electron's runTests, pointed at the
 * offline VS Code 1.139.1 (code-server + headless Chromium) that test/vscode-host/install.sh sets up.
 * The fixtures are copied to a temporary workspace so the tests may edit them.
 *
 * `--vsix FILE` runs the same suites against the packaged extension, installed from FILE as a user
 * would install it, instead of this source tree (npm run test:vsix). `--extension-page` captures the
 * packaged extension's page and walkthrough instead (npm run screenshots:extension-page, extensionPageRun.ts).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { runExtensionPage } from './extensionPageRun';
import { installVsix } from './installVsix';

async function main(): Promise<number> {
  const root = path.resolve(__dirname, '..', '..', '..');
  if (process.argv.includes('--extension-page')) return runExtensionPage(root);
  // `--screenshots` runs the README screenshot script instead of the tests (npm run screenshots).
  const screenshots = process.argv.includes('--screenshots');
  if (screenshots) process.env.VSCODE_HOST_SCREENSHOT_DIR = path.join(root, 'docs', 'screenshots');
  const vsixAt = process.argv.indexOf('--vsix');
  const vsix = vsixAt === -1 ? undefined : process.argv[vsixAt + 1];
  if (vsixAt !== -1 && !vsix) throw new Error('--vsix needs the .vsix file.');
  const workspace = mkdtempSync(path.join(tmpdir(), 'regal-vscode-'));
  const installs = mkdtempSync(path.join(tmpdir(), 'regal-vsix-'));
  cpSync(path.join(root, 'test', 'vscode', 'fixtures'), workspace, { recursive: true });
  try {
    return await runTests({
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE ?? path.join(root, 'test', 'vscode-host', 'code'),
      extensionDevelopmentPath: vsix ? installVsix(root, vsix, installs) : root,
      extensionTestsPath: path.join(root, 'out', 'test', 'vscode', screenshots ? 'screenshots' : 'suite', 'index.js'),
      launchArgs: [workspace, '--disable-extensions'],
    });
  } finally {
    rmSync(workspace, { recursive: true, force: true });
    rmSync(installs, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('VS Code tests failed to run:', error);
    process.exit(1);
  },
);
