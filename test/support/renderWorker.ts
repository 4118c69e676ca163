/**
 * The render worker as a script, for tests that run the renderer from source: built once per test
 * process with the project's own esbuild configuration (`node esbuild.mjs --render-worker <file>`,
 * about half a second) into a temporary directory that is removed when the process exits. And the
 * issue's pathological payload.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from './service';

let built: string | undefined;

export function renderWorkerFile(): string {
  if (built) return built;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'regal-render-worker-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'renderWorker.js');
  execFileSync(process.execPath, ['esbuild.mjs', '--render-worker', file], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  built = file;
  return file;
}

/** `{{replace (replace … x 'a' 'aaaaaaaaaa') …}}`, `depth` calls deep: each multiplies the a's by ten. */
export function nestedReplace(depth: number, innermost = "'a'"): string {
  let expression = innermost;
  for (let i = 0; i < depth; i++) expression = `(replace ${expression} 'a' 'aaaaaaaaaa')`;
  return `{"a": "{{${expression.slice(1, -1)}}}"}`;
}
