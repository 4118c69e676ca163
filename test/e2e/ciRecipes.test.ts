/**
 * The CI recipes (docs/ci/, linked from the README's "In CI"): each is quoted verbatim in docs/ci/README.md, and each runs here with
 * `regal-webhook` on PATH (a wrapper around dist/cli.js): the GitHub Actions job's two check steps,
 * the git pre-commit hook in a real repository, and the pre-commit framework hook's entry and file
 * pattern. GitHub and the pre-commit tool themselves are not run. Run `npm run build` first.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { compileSarifSchema, describeErrors } from '../support/sarifSchema';
import { repoRoot } from '../support/service';

const recipe = (name: string) => readFileSync(path.join(repoRoot, 'docs', 'ci', name), 'utf8');
const BAD = '{\n  "userId": "{{userId}}", // optional\n  "name": "Signup",\n  "eventSource": "iterable"\n}\n';
const GOOD = '{\n  "userId": "{{userId}}",\n  "name": "Signup",\n  "eventSource": "iterable"\n}\n';

describe("the README's CI recipes", () => {
  let temp: string;
  let env: NodeJS.ProcessEnv;

  before(() => {
    temp = mkdtempSync(path.join(os.tmpdir(), 'regal-ci-recipes-'));
    const bin = path.join(temp, 'bin');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'regal-webhook'), `#!/bin/sh\nexec "${process.execPath}" "${path.join(repoRoot, 'dist', 'cli.js')}" "$@"\n`);
    chmodSync(path.join(bin, 'regal-webhook'), 0o755);
    env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` };
  });
  after(() => rmSync(temp, { recursive: true, force: true }));

  const sh = (command: string, cwd: string) => spawnSync('sh', ['-c', command], { cwd, env, encoding: 'utf8' });

  it('are quoted in docs/ci/README.md exactly as in their files, and the README links there', () => {
    const guide = readFileSync(path.join(repoRoot, 'docs', 'ci', 'README.md'), 'utf8');
    for (const name of ['regal-payloads.yml', 'pre-commit-config.yaml', 'pre-commit'])
      assert.ok(guide.includes(recipe(name)), `docs/ci/README.md quotes docs/ci/${name}`);
    assert.ok(readFileSync(path.join(repoRoot, 'README.md'), 'utf8').includes('](docs/ci/README.md)'), 'the README links to docs/ci/README.md');
  });

  it('GitHub Actions job: the annotation step fails on an error, the SARIF step writes a valid log and passes', () => {
    const job = path.join(temp, 'job');
    mkdirSync(path.join(job, 'payloads'), { recursive: true });
    writeFileSync(path.join(job, 'payloads', 'signup.regal.json'), BAD);
    const runs = [...recipe('regal-payloads.yml').matchAll(/^\s+(?:- )?run: (regal-webhook .*)$/gm)].map((m) => m[1] as string);
    assert.equal(runs.length, 2, `the job's check steps: ${runs.join(' | ')}`);
    const annotations = sh(runs[0] as string, job);
    assert.equal(annotations.status, 1, annotations.stderr);
    assert.match(annotations.stdout, /^::error file=payloads\/signup\.regal\.json,line=2,endLine=2,col=27,endColumn=38,title=regal comment::/m);
    const sarif = sh(runs[1] as string, job);
    assert.equal(sarif.status, 0, sarif.stderr);
    const validate = compileSarifSchema();
    const log = JSON.parse(readFileSync(path.join(job, 'regal.sarif'), 'utf8')) as { runs: Array<{ results: Array<{ ruleId: string }> }> };
    assert.ok(validate(log), describeErrors(validate.errors));
    assert.deepEqual(
      log.runs[0]?.results.map((r) => r.ruleId),
      ['comment'],
    );
  });

  it('git pre-commit hook: blocks a commit with an error in a staged payload, lets a clean one through', () => {
    const repo = path.join(temp, 'repo');
    mkdirSync(repo);
    const git = (...args: string[]) =>
      spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', ...args], { cwd: repo, env, encoding: 'utf8' });
    assert.equal(git('init', '-q').status, 0);
    copyFileSync(path.join(repoRoot, 'docs', 'ci', 'pre-commit'), path.join(repo, '.git', 'hooks', 'pre-commit'));
    chmodSync(path.join(repo, '.git', 'hooks', 'pre-commit'), 0o755);
    writeFileSync(path.join(repo, 'my signup.regal.json'), BAD);
    writeFileSync(path.join(repo, 'notes.json'), '// not a payload\n');
    git('add', '.');
    const blocked = git('commit', '-q', '-m', 'bad');
    assert.notEqual(blocked.status, 0, 'the commit is refused');
    assert.match(blocked.stdout + blocked.stderr, /^my signup\.regal\.json:2:27 error comment /m);
    writeFileSync(path.join(repo, 'my signup.regal.json'), GOOD);
    git('add', '.');
    const committed = git('commit', '-q', '-m', 'good');
    assert.equal(committed.status, 0, committed.stdout + committed.stderr);
    assert.equal(execFileSync('git', ['rev-list', '--count', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim(), '1');
  });

  it('pre-commit framework hook: its file pattern picks payloads only, and its entry checks the files it is given', () => {
    const config = recipe('pre-commit-config.yaml');
    const files = new RegExp(/files: (.+)$/m.exec(config)?.[1] ?? '(missing)');
    assert.ok(files.test('payloads/signup.regal.json') && !files.test('package.json') && !files.test('a.regal.json.bak'));
    const entry = /entry: (.+)$/m.exec(config)?.[1];
    const folder = path.join(temp, 'pre-commit');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'a.regal.json'), BAD);
    writeFileSync(path.join(folder, 'b.regal.json'), GOOD);
    assert.equal(sh(`${entry} a.regal.json b.regal.json`, folder).status, 1);
    assert.equal(sh(`${entry} b.regal.json`, folder).status, 0);
  });
});
