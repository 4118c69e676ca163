/**
 * `regal-webhook fetch-fields` end to end: dist/cli.js run as a process against the loopback stand-in
 * for Iterable (test/support/mockIterable.ts). Run `npm run build` first. The CLI is spawned
 * asynchronously: the stand-in answers from this process's event loop.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { parseFieldCatalog } from '../../server/src/service/workspace/fieldCatalog';
import { MockIterable, MOCK_ITERABLE_KEY, RECORDED_FIELDS } from '../support/mockIterable';
import { repoRoot } from '../support/service';

const cliPath = path.join(repoRoot, 'dist', 'cli.js');
const mock = new MockIterable();
let base: string;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'regal-fetch-fields-'));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], key: string | null = MOCK_ITERABLE_KEY): Promise<Run> {
  const env = { ...process.env };
  delete env.ITERABLE_API_KEY;
  if (key !== null) env.ITERABLE_API_KEY = key;
  return new Promise((resolve) => {
    execFile(process.execPath, [cliPath, 'fetch-fields', ...args], { cwd: scratch, env, encoding: 'utf8', timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

const describeRun = (run: Run) => `exit ${run.status}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
const catalogPath = path.join(scratch, 'iterable-fields.json');
const catalog = () => readFileSync(catalogPath, 'utf8');

before(async () => {
  base = await mock.start();
});
after(async () => {
  await mock.stop();
  rmSync(scratch, { recursive: true, force: true });
});
beforeEach(() => mock.clearFailures());

describe('regal-webhook fetch-fields', () => {
  it('without ITERABLE_API_KEY: exit 2 and what to set', async () => {
    const run = await cli(['--api-base', base], null);
    assert.equal(run.status, 2, describeRun(run));
    assert.match(run.stderr, /set the ITERABLE_API_KEY environment variable/);
  });

  it('writes a new catalog the language server reads', async () => {
    const run = await cli(['--api-base', base]);
    assert.equal(run.status, 0, describeRun(run));
    assert.match(run.stdout, new RegExp(`^Fetched ${Object.keys(RECORDED_FIELDS).length} fields from 127\\.0\\.0\\.1:\\d+\\.\\nNew catalog with`));
    assert.match(run.stdout, /Wrote iterable-fields\.json\.\n$/);
    const parsed = parseFieldCatalog('catalog', catalog());
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.catalog?.fields.get('Lifetime Value'), 'double');
    assert.equal(mock.requests.at(-1)?.apiKey, MOCK_ITERABLE_KEY);
  });

  it('prints what changed, and leaves an unchanged catalog alone', async () => {
    mock.fields = { ...RECORDED_FIELDS, plan: 'string', signupDate: 'string' };
    delete mock.fields.emailListIds;
    const run = await cli(['--api-base', base]);
    assert.equal(run.status, 0, describeRun(run));
    assert.match(run.stdout, /\n1 added: plan\n1 removed: emailListIds\n1 retyped: signupDate \(date → string\)\n/);
    const again = await cli(['--api-base', base, '--out', 'iterable-fields.json']);
    assert.match(again.stdout, /No change: the same 10 fields\.\niterable-fields\.json is up to date\.\n$/, describeRun(again));
  });

  it('Iterable failures: exit 1, a specific message, the catalog untouched, no temporary file left', async () => {
    const before = catalog();
    const cases: [Parameters<MockIterable['failNext']>[0], RegExp][] = [
      [{ kind: 'status', status: 401 }, /Iterable refused the API key \(HTTP 401\): check the key in ITERABLE_API_KEY or the API base URL/],
      [{ kind: 'status', status: 503 }, /Iterable had a server error \(HTTP 503/],
      [{ kind: 'status', status: 429, headers: { 'Retry-After': '3600' } }, /rate limit.*try again in 60 minutes/],
      [{ kind: 'notJson' }, /not JSON/],
      [{ kind: 'drop' }, /Could not reach Iterable at 127\.0\.0\.1/],
    ];
    for (const [failure, message] of cases) {
      mock.failNext(failure);
      const run = await cli(['--api-base', base]);
      assert.equal(run.status, 1, describeRun(run));
      assert.match(run.stderr, message);
      assert.match(run.stderr, /iterable-fields\.json was not changed\.\n$/);
      assert.equal(catalog(), before);
    }
    assert.deepEqual(
      readdirSync(scratch).filter((name) => name.endsWith('.tmp')),
      [],
    );
  });

  it('a key echoed back by the server never reaches the output', async () => {
    mock.failNext({ kind: 'echoKey', status: 403 });
    const run = await cli(['--api-base', base]);
    assert.equal(run.status, 1);
    for (const form of [MOCK_ITERABLE_KEY, Buffer.from(MOCK_ITERABLE_KEY).toString('base64'), encodeURIComponent(MOCK_ITERABLE_KEY)]) {
      assert.equal(`${run.stdout}${run.stderr}`.includes(form), false);
    }
  });

  it('usage errors: exit 2 (http off loopback, a bad region, an unreadable catalog, a file that is not a catalog)', async () => {
    const http = await cli(['--api-base', 'http://api.iterable.com']);
    assert.equal(http.status, 2);
    assert.match(http.stderr, /--api-base uses http:\/\/ for api\.iterable\.com/);
    const region = await cli(['--region', 'asia']);
    assert.equal(region.status, 2);
    assert.match(region.stderr, /--region must be one of us, eu/);
    const requests = mock.requests.length;
    const folder = await cli(['--api-base', base, '--out', os.tmpdir()]);
    assert.equal(folder.status, 2, describeRun(folder));
    assert.match(folder.stderr, /cannot read the current catalog \(it is a directory\); nothing fetched/);
    assert.equal(mock.requests.length, requests);
    writeFileSync(path.join(scratch, 'package.json'), '{"name": "x"}\n');
    const notCatalog = await cli(['--api-base', base, '--out', 'package.json']);
    assert.equal(notCatalog.status, 2, describeRun(notCatalog));
    assert.match(notCatalog.stderr, /package\.json is not a field catalog .*, so it was not replaced/);
    assert.equal(readFileSync(path.join(scratch, 'package.json'), 'utf8'), '{"name": "x"}\n');
  });
});
