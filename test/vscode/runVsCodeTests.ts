/**
 * Runs the client tests inside a real VS Code: @vscode/test-electron's runTests, pointed at the
 * offline VS Code 1.139.1 (code-server + headless Chromium) that test/vscode-host/install.sh sets up.
 * The fixtures are copied to a temporary workspace so the tests may edit them.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<number> {
  const root = path.resolve(__dirname, '..', '..', '..');
  // `--screenshots` runs the README screenshot script instead of the tests (npm run screenshots).
  const screenshots = process.argv.includes('--screenshots');
  if (screenshots) process.env.VSCODE_HOST_SCREENSHOT_DIR = path.join(root, 'docs', 'screenshots');
  const workspace = mkdtempSync(path.join(tmpdir(), 'regal-vscode-'));
  cpSync(path.join(root, 'test', 'vscode', 'fixtures'), workspace, { recursive: true });
  try {
    return await runTests({
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE ?? path.join(root, 'test', 'vscode-host', 'code'),
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out', 'test', 'vscode', screenshots ? 'screenshots' : 'suite', 'index.js'),
      launchArgs: [workspace, '--disable-extensions'],
    });
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('VS Code tests failed to run:', error);
    process.exit(1);
  },
);
