/**
 * `npm run screenshots:extension-page`: packages the extension (scripts/package.mjs), installs the
 * .vsix as a user would, and runs test/vscode/screenshots/extensionPage.ts in the test VS Code, which
 * captures the extension's page and walkthrough into out/screenshots/ and checks its images.
 *
 * VS Code's extension page shows only https:// images (see scripts/package.mjs), so the README's
 * images must be published somewhere. With REGAL_README_IMAGES_URL set, the page loads them from
 * there (a check of the real location). Without it, a loopback HTTPS server with a throwaway
 * self-signed certificate (made with `openssl`) serves docs/screenshots/ in its place, and the browser
 * is told to accept that certificate. `--relative-images` packages with relative links instead, to
 * show what a package without an images URL looks like (the page keeps the alt text only).
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { installVsix } from './installVsix';
import { loopbackCertificate } from '../support/loopbackCertificate';

/** Serves `<root>/docs/screenshots/*.png` over HTTPS on 127.0.0.1, with a certificate made for the run. */
async function serveScreenshots(root: string, dir: string): Promise<{ url: string; close: () => void }> {
  const server = https.createServer(loopbackCertificate(dir), (request, response) => {
    const match = /^\/docs\/screenshots\/([\w.-]+\.png)$/.exec(new URL(request.url ?? '/', 'https://127.0.0.1').pathname);
    const file = match ? path.join(root, 'docs', 'screenshots', match[1] as string) : undefined;
    if (!file || !existsSync(file)) return void response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': 'image/png' });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

export async function runExtensionPage(root: string): Promise<number> {
  const relative = process.argv.includes('--relative-images');
  const temp = mkdtempSync(path.join(tmpdir(), 'regal-extension-page-'));
  let stand: { url: string; close: () => void } | undefined;
  try {
    let imagesUrl = relative ? undefined : process.env.REGAL_README_IMAGES_URL;
    if (!relative && !imagesUrl) {
      stand = await serveScreenshots(root, temp);
      imagesUrl = stand.url;
    }
    const vsix = path.join(temp, 'regal-webhook.vsix');
    const packaged = spawnSync(process.execPath, [path.join(root, 'scripts', 'package.mjs'), '--out', vsix], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, REGAL_README_IMAGES_URL: imagesUrl ?? '' },
    });
    if (packaged.status !== 0) throw new Error(`Packaging failed (exit ${packaged.status}).`);
    installVsix(root, vsix, temp);
    // The tests need a development extension to load them; this one contributes nothing, so the page
    // and the walkthrough are those of the installed package.
    const runner = path.join(temp, 'runner-extension');
    mkdirSync(runner);
    writeFileSync(
      path.join(runner, 'package.json'),
      JSON.stringify({ name: 'screenshot-runner', publisher: 'regal-tests', version: '0.0.0', engines: { vscode: '*' } }),
    );
    const workspace = path.join(temp, 'workspace');
    mkdirSync(workspace);
    const shots = path.join(root, 'out', 'screenshots');
    process.env.VSCODE_HOST_SCREENSHOT_DIR = shots;
    if (stand) process.env.VSCODE_HOST_IGNORE_CERTIFICATE_ERRORS = '1';
    const code = await runTests({
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE ?? path.join(root, 'test', 'vscode-host', 'code'),
      extensionDevelopmentPath: runner,
      extensionTestsPath: path.join(root, 'out', 'test', 'vscode', 'screenshots', 'extensionPage.js'),
      launchArgs: [workspace, `--extensions-dir=${path.join(temp, 'extensions')}`, `--user-data-dir=${path.join(temp, 'user-data')}`],
      extensionTestsEnv: {
        REGAL_EXPECT_README_IMAGES: relative ? 'missing' : 'loaded',
        REGAL_EXTENSION_PAGE_SHOT: relative ? 'extension-page-relative-images' : 'extension-page',
      },
    });
    if (code === 0) console.log(`Extension page screenshots in ${shots}; the .vsix was ${readFileSync(vsix).length} bytes.`);
    return code;
  } finally {
    stand?.close();
    rmSync(temp, { recursive: true, force: true });
  }
}
