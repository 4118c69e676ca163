/**
 * `regal-webhook check --format sarif|github` end to end: dist/cli.js run as a process. The SARIF log
 * is validated against the official OASIS SARIF 2.1.0 schema (test/fixtures/sarif/) with ajv.
 * Run `npm run build` first.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { ValidateFunction } from 'ajv';
import { diagnosticCodes } from '../../server/src/service/diagnosticCodes';
import { toSarif } from '../../server/src/cli/sarifOutput';
import { escapeData, escapeProperty } from '../../server/src/cli/githubOutput';
import { compileSarifSchema, describeErrors } from '../support/sarifSchema';
import { repoRoot } from '../support/service';

const cliPath = path.join(repoRoot, 'dist', 'cli.js');
const version = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
const CREATE_CONTACT = 'examples/guide-originals/create-contact.regal.json';

function cli(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [cliPath, ...args], { cwd, encoding: 'utf8', timeout: 20_000 });
  assert.equal(result.error, undefined, `could not run the CLI: ${String(result.error)}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, lines: result.stdout.split('\n').filter((line) => line !== '') };
}

interface SarifLog {
  $schema: string;
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; informationUri?: string; rules: Array<Record<string, any>> } };
    invocations: Array<{ executionSuccessful: boolean }>;
    originalUriBaseIds: Record<string, { uri: string }>;
    columnKind: string;
    results: Array<Record<string, any>>;
  }>;
}

describe('check --format sarif', () => {
  let validate: ValidateFunction;
  let temp: string;
  before(() => {
    validate = compileSarifSchema();
    temp = mkdtempSync(path.join(os.tmpdir(), 'regal-sarif-'));
  });
  after(() => rmSync(temp, { recursive: true, force: true }));

  const assertValid = (log: unknown) => assert.ok(validate(log), `not valid SARIF 2.1.0:\n${describeErrors(validate.errors)}`);

  it("writes a log that the official SARIF 2.1.0 schema accepts, for the guide's originals", () => {
    const run = cli(repoRoot, 'check', '--format', 'sarif', '--min-severity', 'hint', 'examples/guide-originals');
    assert.equal(run.status, 1, `errors fail the run as in text output\n${run.stderr}`);
    const log = JSON.parse(run.stdout) as SarifLog;
    assertValid(log);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.$schema, 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json');
    const codes = log.runs[0].results.map((r) => r.ruleId).sort();
    assert.deepEqual(codes, ['comment', 'legacy-shape', 'legacy-shape', 'missing-identifier', 'quoted-boolean', 'quoted-boolean']);
  });

  it('rejects a log that breaks the schema (the validation is real)', () => {
    const log = JSON.parse(cli(repoRoot, 'check', '--format', 'sarif', CREATE_CONTACT).stdout) as SarifLog;
    delete log.runs[0].results[0].message;
    assert.equal(validate(log), false);
    log.runs[0].results[0].message = { text: 'x' };
    log.runs[0].results[0].level = 'fatal';
    assert.equal(validate(log), false);
  });

  it('has one rule per diagnostic code, with the README meaning, example and default level', () => {
    const log = JSON.parse(cli(repoRoot, 'check', '--format', 'sarif', CREATE_CONTACT).stdout) as SarifLog;
    const { driver } = log.runs[0].tool;
    assert.equal(driver.name, 'regal-webhook');
    assert.equal(driver.version, version);
    assert.deepEqual(
      driver.rules.map((r) => r.id),
      Object.keys(diagnosticCodes),
    );
    const levels = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };
    for (const rule of driver.rules) {
      const info = diagnosticCodes[rule.id as keyof typeof diagnosticCodes];
      assert.equal(rule.fullDescription.markdown, info.meaning, rule.id);
      assert.ok(!rule.fullDescription.text.includes('`'), `${rule.id}: plain text has no code spans`);
      assert.ok(rule.help.markdown.includes(info.example), rule.id);
      assert.equal(rule.defaultConfiguration.level, levels[info.severity], rule.id);
      // The project has no public home yet (no `repository` in package.json), so no link is made up.
      assert.equal(rule.helpUri, undefined, rule.id);
    }
    const comment = driver.rules.find((r) => r.id === 'comment');
    assert.equal(comment?.shortDescription.text, 'A // or /* */ comment.');
  });

  it('locates each result by a path relative to the working directory and a 1-based region', () => {
    const log = JSON.parse(cli(repoRoot, 'check', '--format', 'sarif', CREATE_CONTACT).stdout) as SarifLog;
    const [run] = log.runs;
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: `${pathToFileURL(repoRoot).href}/` } });
    assert.deepEqual(run.invocations, [{ executionSuccessful: true }]);
    const [result] = run.results;
    assert.equal(result.ruleId, 'comment');
    assert.equal(run.tool.driver.rules[result.ruleIndex].id, 'comment');
    assert.equal(result.level, 'error');
    assert.match(result.message.text, /^Comment in the JSON/);
    // `"userId": "{{uniqueIdentifier}}", //this is optional` on line 2: the comment is columns 39-56.
    assert.deepEqual(result.locations, [
      {
        physicalLocation: {
          artifactLocation: { uri: CREATE_CONTACT, uriBaseId: '%SRCROOT%' },
          region: { startLine: 2, startColumn: 39, endLine: 2, endColumn: 57 },
        },
      },
    ]);
  });

  it('percent-encodes paths, points cross-file findings at the other file, and maps severities to levels', () => {
    const folder = path.join(temp, 'my payloads');
    mkdirSync(folder, { recursive: true });
    const event = (age: string) => `{\n  "userId": "{{userId}}",\n  "name": "Signup",\n  "properties": { "age": ${age} },\n  "eventSource": "iterable"\n}\n`;
    writeFileSync(path.join(folder, 'a #1.regal.json'), event('23'));
    writeFileSync(path.join(folder, 'b.regal.json'), event('"{{age}}"'));
    const run = cli(temp, 'check', '--format', 'sarif', 'my payloads');
    assert.equal(run.status, 0, run.stderr);
    const log = JSON.parse(run.stdout) as SarifLog;
    assertValid(log);
    const results = log.runs[0].results.filter((r) => r.ruleId === 'inconsistent-type');
    assert.equal(results.length, 2, JSON.stringify(log.runs[0].results, null, 2));
    const inA = results.find((r) => r.locations[0].physicalLocation.artifactLocation.uri === 'my%20payloads/a%20%231.regal.json');
    assert.ok(inA, JSON.stringify(results.map((r) => r.locations)));
    assert.equal(inA.level, 'warning');
    assert.equal(inA.relatedLocations[0].physicalLocation.artifactLocation.uri, 'my%20payloads/b.regal.json');
    assert.equal(inA.relatedLocations[0].physicalLocation.region.startLine, 4);
  });

  it('names a file outside the working directory by its absolute file URI', () => {
    const outside = path.join(temp, 'outside dir');
    mkdirSync(outside, { recursive: true });
    writeFileSync(path.join(outside, 'a.regal.json'), readFileSync(path.join(repoRoot, CREATE_CONTACT), 'utf8'));
    const cwd = path.join(temp, 'cwd');
    mkdirSync(cwd, { recursive: true });
    const log = JSON.parse(cli(cwd, 'check', '--format', 'sarif', path.join(outside, 'a.regal.json')).stdout) as SarifLog;
    assertValid(log);
    assert.deepEqual(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation, { uri: pathToFileURL(path.join(outside, 'a.regal.json')).href });
  });

  it('gives every rule a helpUri into the README once the project has a home, and the log stays valid', () => {
    const reports = [
      {
        file: 'a.regal.json',
        diagnostics: [
          { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: 4 as const, code: 'legacy-shape', message: 'm' },
        ],
      },
    ];
    const log = toSarif(reports, { cwd: temp, toolVersion: version, home: 'https://example.org/regal-webhook', complete: false });
    assertValid(log);
    const driver = log.runs[0].tool.driver;
    assert.equal(driver.informationUri, 'https://example.org/regal-webhook');
    for (const rule of driver.rules) assert.equal(rule.helpUri, 'https://example.org/regal-webhook#diagnostics-reference');
    assert.equal(log.runs[0].results[0].level, 'note');
    assert.deepEqual(log.runs[0].invocations, [{ executionSuccessful: false }]);
  });
});

describe('check --format github', () => {
  let temp: string;
  before(() => {
    temp = mkdtempSync(path.join(os.tmpdir(), 'regal-github-'));
  });
  after(() => rmSync(temp, { recursive: true, force: true }));

  it('prints one workflow command per finding, then the summary', () => {
    const run = cli(repoRoot, 'check', '--format', 'github', '--min-severity', 'hint', 'examples/guide-originals');
    assert.equal(run.status, 1);
    assert.equal(run.lines.length, 7, run.stdout);
    assert.equal(
      run.lines[0],
      '::error file=examples/guide-originals/create-contact.regal.json,line=2,endLine=2,col=39,endColumn=57,title=regal comment::' +
        'Comment in the JSON: remove it. JSON has no comments, and Iterable sends the body as written, so Regal receives invalid JSON.',
    );
    assert.ok(
      run.lines.some((l) =>
        l.startsWith('::warning file=examples/guide-originals/update-opt-in.regal.json,line=8,endLine=8,col=31,endColumn=59,title=regal quoted-boolean::'),
      ),
      run.stdout,
    );
    assert.ok(
      run.lines.some(
        (l) => l.startsWith('::notice file=examples/guide-originals/update-opt-in.regal.json,line=3,') && l.includes('title=regal legacy-shape::'),
      ),
      run.stdout,
    );
    assert.equal(run.lines.at(-1), '3 files checked, 3 with findings: 2 errors, 2 warnings, 2 notes.');
  });

  it('escapes commas and colons in the file property', () => {
    writeFileSync(path.join(temp, 'a,b:c.regal.json'), '{\n  "userId": "{{userId}}", // x\n  "name": "Signup",\n  "eventSource": "iterable"\n}\n');
    const run = cli(temp, 'check', '--format', 'github', 'a,b:c.regal.json');
    assert.match(run.lines[0], /^::error file=a%2Cb%3Ac\.regal\.json,line=2,endLine=2,col=27,endColumn=31,title=regal comment::Comment in the JSON: /);
  });

  it("escapes as GitHub's toolkit does: % and line breaks everywhere, and , and : in properties", () => {
    assert.equal(escapeData('100% done\r\nnext: a,b'), '100%25 done%0D%0Anext: a,b');
    assert.equal(escapeProperty('100% done\r\nnext: a,b'), '100%25 done%0D%0Anext%3A a%2Cb');
  });
});
