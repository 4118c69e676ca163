/**
 * `npm run screenshots`: drives the real VS Code of the tests into the states the README shows and
 * asks the runner (test/vscode-host/run-tests.js, VSCODE_HOST_SCREENSHOT_URL) to capture each one
 * once the workbench shows it. The pictures land in docs/screenshots/.
 */
import { takeReadmeScreenshots } from './readmeScreenshots';

export function run(): Promise<void> {
  return takeReadmeScreenshots();
}
