/**
 * Test entry point loaded by VS Code's extension host (extensionTestsPath): runs the mocha suites
 * bundled next to it.
 */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  // REGAL_VSCODE_GREP runs only the matching tests (while working on one feature).
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, grep: process.env.REGAL_VSCODE_GREP || undefined });
  for (const file of readdirSync(__dirname)) if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} VS Code test(s) failed.`)) : resolve()));
  });
}
