/**
 * The shapes that once made the server hang or run out of memory, through every feature
 * (diagnostics, completion, hover, selection, outline, folding, formatting, code actions; the fuzz
 * invariants of test/support/fuzz/invariants.ts): 200,000 adjacent block tags (formatting was
 * quadratic in them), a 20 MB document (over the size limit: one diagnostic, no feature reads it),
 * and nesting far past what the parsers read (100,000 `[`, 10,000 nested `{{#if}}`).
 *
 * Each case runs in a child process (test/support/fuzz/pathological.ts) killed after a generous
 * timeout: a hang guard, not a timing assertion. A synchronous loop that never ended could not be
 * stopped by a timer in the test's own process.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { pathologicalCases } from '../support/fuzz/pathological';
import { repoRoot } from '../support/service';

/** Minutes, not seconds: the machine may be busy; only a hang (or something quadratic) comes near it. */
const HANG_GUARD_MS = 10 * 60_000;

function runCase(name: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test', 'support', 'fuzz', 'pathological.ts'), name], {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), HANG_GUARD_MS);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
}

describe('robustness at the limits (each case in a child process with a hang guard)', () => {
  for (const name of Object.keys(pathologicalCases)) {
    it(`answers every feature on: ${name}`, async () => {
      const run = await runCase(name);
      assert.equal(run.signal, null, `killed after ${HANG_GUARD_MS / 60_000} minutes (a hang, or work that grows too fast): ${name}`);
      assert.equal(run.code, 0, run.stderr);
    });
  }
});
