/**
 * What users download: the production bundles and the .vsix, built by `npm run package` exactly as
 * for a release.
 */
import { execSync } from 'node:child_process';
import { statSync } from 'node:fs';
import * as path from 'node:path';

export interface PackageSizes {
  /** dist/extension.js: the extension, its language server and its render worker (what the .vsix runs on the desktop). */
  extensionBundle: number;
  /** dist/server.js: the language server alone (other editors; not in the .vsix). */
  serverBundle: number;
  vsix: number;
}

/** Runs `npm run package` (leaving the production build in dist/) and measures its output. */
export function buildAndMeasurePackage(repoRoot: string): PackageSizes {
  execSync('npm run package', { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  const size = (file: string) => statSync(path.join(repoRoot, 'dist', file)).size;
  return { extensionBundle: size('extension.js'), serverBundle: size('server.js'), vsix: size('regal-webhook.vsix') };
}
