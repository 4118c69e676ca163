/**
 * Test entry point loaded by VS Code for the Web's extension host (a web worker; extensionTestsPath):
 * mocha's browser build, running the suites bundled into this file (esbuild.mjs --web-tests). The
 * counts are printed as one line the runner and .ci/run read: "web-extension: N passed, M failed".
 */
import { browserMocha } from './setupMocha';
import './language.test';
import './preview.test';
import './send.test';
import './scene.test';

export function run(): Promise<void> {
  return new Promise((resolve, reject) => {
    const runner = browserMocha.run((failures) => {
      console.log(`web-extension: ${runner.stats?.passes ?? 0} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} web extension test(s) failed.`));
      else resolve();
    });
  });
}
