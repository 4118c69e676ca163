/**
 * `regal-webhook render` end to end: dist/cli.js (with dist/renderWorker.js beside it) run as a
 * process from the repository root, as test/e2e/cli.test.ts runs `check`. Run `npm run build` first.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { repoRoot } from '../support/service';
import { nestedReplace } from '../support/renderWorker';

const cliPath = path.join(repoRoot, 'dist', 'cli.js');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Run {
  const result = spawnSync(process.execPath, [cliPath, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 20_000 });
  assert.equal(result.error, undefined, `could not run the CLI: ${String(result.error)}`);
  assert.equal(result.signal, null, `the CLI was killed by ${result.signal} (timeout?)\nstderr:\n${result.stderr}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const describeRun = (run: Run) => `exit ${run.status}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`;

const scratch = mkdtempSync(path.join(os.tmpdir(), 'regal-cli-render-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
function scratchFile(name: string, text: string): string {
  const file = path.join(scratch, name);
  writeFileSync(file, text);
  return path.relative(repoRoot, file);
}

const examples = readdirSync(path.join(repoRoot, 'examples')).filter((name) => name.endsWith('.regal.json'));

describe('regal-webhook render', () => {
  it('renders every example with the example sample: exit 0, the body re-indented, nothing on stderr', () => {
    assert.ok(examples.length >= 6);
    for (const example of examples) {
      const run = cli('render', `examples/${example}`, '--sample', 'examples/regal.sample.json');
      assert.equal(run.status, 0, `${example}: ${describeRun(run)}`);
      assert.equal(run.stderr, '', example);
      const body = JSON.parse(run.stdout) as Record<string, unknown>;
      assert.equal(body.eventSource, 'iterable', example);
      assert.match(run.stdout, /^\{\n {2}"/, `${example} is re-indented with two spaces`);
    }
    const contact = JSON.parse(cli('render', 'examples/create-contact.phones.regal.json', '--sample', 'examples/regal.sample.json').stdout) as {
      userId: string;
      traits: { phones: Record<string, unknown> };
    };
    assert.equal(contact.userId, 'user-1815');
    assert.deepEqual(Object.keys(contact.traits.phones), ['+16505551234']);
  });

  it('without --sample every merge field renders blank', () => {
    const run = cli('render', 'examples/create-contact.phones.regal.json');
    assert.equal(run.status, 0, describeRun(run));
    assert.equal((JSON.parse(run.stdout) as { userId: string }).userId, '');
  });

  it('a broken template: exit 1, file:line:col: message on stderr, nothing on stdout', () => {
    const file = scratchFile('broken.regal.json', '{\n  "name": "x",\n  "subscribed": {{#if voice}}true{{else}}false\n}\n');
    const run = cli('render', file);
    assert.equal(run.status, 1, describeRun(run));
    assert.equal(run.stdout, '');
    assert.equal(run.stderr.trim(), `${file}:3:17: {{#if}} is never closed: add {{/if}}.`);
  });

  it('a send Iterable would skip: exit 1 with its position', () => {
    const file = scratchFile('skip.regal.json', '{\n  "vip": {{#gt score 10}}true{{else}}false{{/gt}}\n}\n');
    const run = cli('render', file);
    assert.equal(run.status, 1, describeRun(run));
    assert.match(run.stderr, new RegExp(`^${file.replace(/[.\\/]/g, '\\$&')}:2:10: Iterable would skip this send: .*gt`));
  });

  it('rendered text that is not JSON: exit 1, the raw text on stdout, the position in it on stderr', () => {
    const file = scratchFile('invalid.regal.json', '{\n  "age": {{age}}\n}\n');
    const run = cli('render', file);
    assert.equal(run.status, 1, describeRun(run));
    assert.equal(run.stdout, '{\n  "age": \n}\n\n');
    assert.match(run.stderr, new RegExp(`^${file.replace(/[.\\/]/g, '\\$&')} \\(rendered\\):3:1: not valid JSON: Value expected\\. Regal would reject it\\.`));
  });

  // The output budget stopped it, not the time limit ("took longer"); cli()'s 20 s timeout is the hang guard.
  it("the issue's 310-byte nested replace: exit 1, rendering stopped by the output budget", () => {
    const file = scratchFile('nested.regal.json', nestedReplace(14));
    const run = cli('render', file);
    assert.equal(run.status, 1, describeRun(run));
    assert.match(run.stderr, new RegExp(`^${file.replace(/[.\\/]/g, '\\$&')}: rendering stopped: the output grew past 1,000,000 characters`));
  });

  it('a missing payload or sample file, or a sample that is not JSON: exit 2', () => {
    const missing = cli('render', 'examples/nope.regal.json');
    assert.equal(missing.status, 2, describeRun(missing));
    assert.equal(missing.stderr.trim(), 'examples/nope.regal.json: cannot read the payload file: no such file.');
    const noSample = cli('render', 'examples/send-event.regal.json', '--sample', 'nope.json');
    assert.equal(noSample.status, 2, describeRun(noSample));
    assert.match(noSample.stderr, /^nope\.json: cannot read the sample file/);
    const badSample = cli('render', 'examples/send-event.regal.json', '--sample', scratchFile('bad.sample.json', '{ nope'));
    assert.equal(badSample.status, 2, describeRun(badSample));
    assert.match(badSample.stderr, /not valid JSON/);
  });

  it('usage errors: exit 2 with the usage text', () => {
    for (const args of [['render'], ['render', 'a.json', 'b.json'], ['render', 'a.json', '--format', 'xml'], ['render', 'a.json', '--fields', 'x']]) {
      const run = cli(...args);
      assert.equal(run.status, 2, `${args.join(' ')}: ${describeRun(run)}`);
      assert.match(run.stderr, /Usage: regal-webhook check/);
      assert.match(run.stderr, /regal-webhook render \[--sample FILE\]/);
    }
  });

  it('--format json prints the render result with the file and the position', () => {
    const ok = cli('render', 'examples/send-event.regal.json', '--sample', 'examples/regal.sample.json', '--format', 'json');
    assert.equal(ok.status, 0, describeRun(ok));
    const result = JSON.parse(ok.stdout) as { file: string; sample: string; ok: boolean; text: string; assumptions: string[] };
    assert.equal(result.file, 'examples/send-event.regal.json');
    assert.equal(result.sample, 'examples/regal.sample.json');
    assert.equal(result.ok, true);
    assert.equal((JSON.parse(result.text) as { eventSource: string }).eventSource, 'iterable');
    assert.ok(result.assumptions.includes('workflow-fields'));

    const broken = cli('render', scratchFile('broken2.regal.json', '{\n  "a": {{#if x}}1\n}'), '--format', 'json');
    assert.equal(broken.status, 1, describeRun(broken));
    const failed = JSON.parse(broken.stdout) as { ok: boolean; templateError: { message: string; offset: number }; position: { line: number; column: number } };
    assert.equal(failed.ok, false);
    assert.match(failed.templateError.message, /never closed/);
    assert.deepEqual(failed.position, { line: 2, column: 8 });
  });
});
