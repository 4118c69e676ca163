/**
 * A second real LSP client: Neovim's built-in one (Debian's Neovim 0.7.2 in CI), headless, driven by
 * test/neovim/lsp-check.lua against dist/server.js over stdio. The script opens a payload, waits for
 * the server's diagnostics to reach vim.diagnostic, asks for a completion and a hover, checks them
 * and writes what it saw as JSON; this test checks that record again.
 *
 * Neovim is a test dependency installed outside npm: `.ci/run` installs it with apt before `npm test`.
 * Without `nvim` on PATH the test fails and says how to install it (it never skips: `npm test` promises
 * a second client). Run `npm run build` first.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { serverPath } from '../support/lspClient';
import { repoRoot } from '../support/service';

const script = path.join(repoRoot, 'test', 'neovim', 'lsp-check.lua');
const INSTALL_HINT = 'Install Neovim 0.7 or later: `apt-get install -y neovim` on Debian/Ubuntu (what .ci/run does), `brew install neovim` on macOS.';
/** Bounds the whole nvim run; the script's own waits are 10 s each, so only a hang reaches this. */
const RUN_TIMEOUT_MS = 60_000;

interface NeovimRecord {
  ok: boolean;
  failures: string[];
  nvim_version: string;
  diagnostics: Array<{ code: string; severity: number; source: string; message: string; lnum: number; col: number; end_lnum: number; end_col: number }>;
  completion_labels?: string[];
  hover?: string;
  server_exit?: { code: number; signal: number };
}

/** Runs the Lua script in a headless Neovim on `payloadText`; resolves with its exit code and record. */
function runNeovim(folder: string, name: string, payloadText: string): Promise<{ status: number | null; record: NeovimRecord; output: string }> {
  const payload = path.join(folder, `${name}.regal.json`);
  const result = path.join(folder, `${name}.result.json`);
  writeFileSync(payload, payloadText);
  const env = {
    ...process.env,
    REGAL_NVIM_SERVER: JSON.stringify([process.execPath, serverPath, '--stdio']),
    REGAL_NVIM_PAYLOAD: payload,
    REGAL_NVIM_RESULT: result,
  };
  // -u NONE: no user config or plugins; -i NONE: no shada file; -n: no swap file.
  const child = spawn('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${script}`], {
    cwd: folder,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`nvim did not finish within ${RUN_TIMEOUT_MS / 1000} s\n${output}`));
    }, RUN_TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (status) => {
      clearTimeout(timer);
      try {
        resolve({ status, record: JSON.parse(readFileSync(result, 'utf8')) as NeovimRecord, output });
      } catch (error) {
        reject(new Error(`nvim exited ${status} without a readable ${result}: ${String(error)}\n${output}`));
      }
    });
  });
}

describe('Neovim as the LSP client (headless, vim.lsp)', () => {
  let folder: string;
  before(() => {
    const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    if (probe.error) throw new Error(`nvim is not on PATH (${probe.error.message}). ${INSTALL_HINT}`);
    const [, major, minor] = /NVIM v(\d+)\.(\d+)/.exec(probe.stdout) ?? [];
    if (!major || (Number(major) === 0 && Number(minor) < 7))
      throw new Error(`Neovim 0.7 or later is needed, found: ${probe.stdout.split('\n')[0]}. ${INSTALL_HINT}`);
    folder = mkdtempSync(path.join(os.tmpdir(), 'regal-neovim-'));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  const guideOriginal = readFileSync(path.join(repoRoot, 'examples', 'guide-originals', 'create-contact.regal.json'), 'utf8');

  it("shows the server's diagnostics, completes a channel and shows hover documentation", async () => {
    const { status, record, output } = await runNeovim(folder, 'create-contact', guideOriginal);
    assert.deepEqual(record.failures, [], `${JSON.stringify(record, null, 2)}\n${output}`);
    assert.equal(status, 0, output);
    assert.ok(record.ok);
    // The guide's `"userId": "{{uniqueIdentifier}}", //this is optional`: the comment, as an error.
    const comment = record.diagnostics.find((d) => d.code === 'comment');
    assert.deepEqual(
      comment && {
        severity: comment.severity,
        source: comment.source,
        lnum: comment.lnum,
        col: comment.col,
        end_lnum: comment.end_lnum,
        end_col: comment.end_col,
      },
      { severity: 1, source: 'regal', lnum: 1, col: 38, end_lnum: 1, end_col: 56 },
    );
    assert.match(comment?.message ?? '', /^Comment in the JSON/);
    assert.deepEqual(record.completion_labels?.slice().sort(), ['"email"', '"sms"', '"voice"']);
    assert.match(record.hover ?? '', /\*\*`eventSource`\*\*/);
    assert.deepEqual(record.server_exit, { code: 0, signal: 0 }, 'the server exits cleanly when Neovim stops it');
  });

  it('fails when the expected diagnostic is missing (the Lua checks are real)', async () => {
    // `//` inside a string is not a comment: the script must report the missing `comment` error.
    const { status, record } = await runNeovim(folder, 'no-comment', guideOriginal.replace('//this is optional', '"note": "//this is optional",'));
    assert.equal(status, 1);
    assert.equal(record.ok, false);
    assert.deepEqual(record.failures, ['no error "comment" at line 2, column 48']);
    assert.ok(
      record.diagnostics.some((d) => d.code === 'unknown-property'),
      JSON.stringify(record.diagnostics),
    );
  });
});
