/**
 * The `regal-webhook` CLI end to end: dist/cli.js run as a process from the repository root.
 * Run `npm run build` first.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MAX_DOCUMENT_BYTES } from '../../server/src/service/limits';
import { repoRoot } from '../support/service';

const cliPath = path.join(repoRoot, 'dist', 'cli.js');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  /** stdout lines without the trailing empty one. */
  lines: string[];
}

function cli(...args: string[]): Run {
  const result = spawnSync(process.execPath, [cliPath, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 20_000 });
  assert.equal(result.error, undefined, `could not run the CLI: ${String(result.error)}`);
  assert.equal(result.signal, null, `the CLI was killed by ${result.signal} (timeout?)\nstderr:\n${result.stderr}`);
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    lines: result.stdout.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1),
  };
}

const describeRun = (run: Run) => `exit ${run.status}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`;

const FINDING = /^(.+):(\d+):(\d+) (error|warning|information|hint) ([a-z-]+) (.+)$/;
const SUMMARY = /^(\d+) files? checked, (\d+) with findings: (\d+) errors, (\d+) warnings, (\d+) notes\.$/;

interface Finding {
  file: string;
  line: number;
  column: number;
  severity: string;
  code: string;
  message: string;
}

/** Splits text output into findings and the summary line, asserting the format of every line. */
function parseText(run: Run): { findings: Finding[]; summary: { files: number; withFindings: number; errors: number; warnings: number; notes: number } } {
  assert.ok(run.lines.length >= 1, describeRun(run));
  const summaryMatch = SUMMARY.exec(run.lines[run.lines.length - 1]);
  assert.ok(summaryMatch, `last line is not the summary:\n${describeRun(run)}`);
  const findings = run.lines.slice(0, -1).map((line) => {
    const m = FINDING.exec(line);
    assert.ok(m, `line not in the format "file:line:col severity code message": ${JSON.stringify(line)}`);
    return { file: m[1], line: Number(m[2]), column: Number(m[3]), severity: m[4], code: m[5], message: m[6] };
  });
  const [, files, withFindings, errors, warnings, notes] = summaryMatch.map(Number);
  return { findings, summary: { files, withFindings, errors, warnings, notes } };
}

/** Every *.regal.json below a folder of the repository, as the CLI names them. */
function regalFilesUnder(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(repoRoot, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.regal.json')) found.push(rel);
    }
  };
  walk(folder);
  return found.sort();
}

const GUIDE = 'examples/guide-originals';

describe('regal-webhook check: text output', () => {
  it('passes a clean file with only the summary line', () => {
    const run = cli('check', 'examples/create-contact.phones.regal.json');
    assert.equal(run.status, 0, describeRun(run));
    assert.deepEqual(run.lines, ['1 file checked, 0 with findings: 0 errors, 0 warnings, 0 notes.']);
    assert.equal(run.stderr, '');
  });

  it('fails on the guide originals, one line per finding', () => {
    const run = cli('check', 'examples');
    assert.equal(run.status, 1, describeRun(run));
    assert.equal(run.stderr, '');
    const { findings, summary } = parseText(run);

    assert.ok(
      run.lines.some((l) => l.startsWith(`${GUIDE}/create-contact.regal.json:2:39 error comment `)),
      `no comment finding at 2:39:\n${run.stdout}`,
    );
    const quoted = findings.filter((f) => f.file === `${GUIDE}/update-opt-in.regal.json` && f.code === 'quoted-boolean');
    assert.equal(quoted.length, 2, run.stdout);
    assert.ok(quoted.every((f) => f.severity === 'warning'));
    assert.ok(
      findings.some((f) => f.file === `${GUIDE}/send-event.regal.json` && f.code === 'missing-identifier' && f.severity === 'error'),
      run.stdout,
    );

    // The corrected examples are clean; legacy-shape hints are below the default minimum severity.
    assert.deepEqual(
      findings.filter((f) => !f.file.startsWith(`${GUIDE}/`)),
      [],
    );
    assert.deepEqual(
      findings.filter((f) => f.code === 'legacy-shape' || f.severity === 'hint'),
      [],
    );

    assert.equal(summary.files, regalFilesUnder('examples').length);
    assert.equal(summary.withFindings, new Set(findings.map((f) => f.file)).size);
    assert.equal(summary.errors, findings.filter((f) => f.severity === 'error').length);
    assert.equal(summary.warnings, findings.filter((f) => f.severity === 'warning').length);
    assert.equal(summary.notes, 0);
  });

  it('prints legacy-shape hints with --min-severity hint', () => {
    const run = cli('check', '--min-severity', 'hint', 'examples');
    assert.equal(run.status, 1, describeRun(run));
    const { findings, summary } = parseText(run);
    const hints = findings.filter((f) => f.code === 'legacy-shape');
    assert.ok(hints.length > 0, run.stdout);
    assert.ok(hints.every((f) => f.severity === 'hint'));
    assert.ok(
      hints.some((f) => f.file === `${GUIDE}/create-contact.regal.json`),
      run.stdout,
    );
    assert.equal(summary.notes, hints.length);
  });

  it('--fail-on never exits 0 with the same findings', () => {
    const failing = cli('check', 'examples');
    const run = cli('check', '--fail-on', 'never', 'examples');
    assert.equal(run.status, 0, describeRun(run));
    assert.equal(run.stdout, failing.stdout);
  });

  it('--fail-on warning fails a file with only warnings', () => {
    const file = `${GUIDE}/update-opt-in.regal.json`;
    const byDefault = cli('check', file);
    assert.equal(byDefault.status, 0, describeRun(byDefault));
    const { summary } = parseText(byDefault);
    assert.equal(summary.errors, 0);
    assert.ok(summary.warnings > 0);

    const run = cli('check', '--fail-on=warning', file);
    assert.equal(run.status, 1, describeRun(run));
    assert.equal(run.stdout, byDefault.stdout);
  });

  it('expands a glob given as one argument', () => {
    const run = cli('check', `${GUIDE}/*.regal.json`);
    assert.equal(run.status, 1, describeRun(run));
    const { findings, summary } = parseText(run);
    assert.equal(summary.files, regalFilesUnder(GUIDE).length);
    assert.ok(findings.some((f) => f.code === 'comment'));
    assert.ok(findings.every((f) => f.file.startsWith(`${GUIDE}/`)));
  });

  it('--severity comment=off removes the comment finding', () => {
    const file = `${GUIDE}/create-contact.regal.json`;
    const run = cli('check', '--severity', 'comment=off', file);
    const { findings } = parseText(run);
    assert.deepEqual(
      findings.filter((f) => f.code === 'comment'),
      [],
    );
    assert.equal(run.status, findings.some((f) => f.severity === 'error') ? 1 : 0, describeRun(run));
  });
});

describe('regal-webhook check --format json', () => {
  it('prints the findings and a summary as JSON', () => {
    const run = cli('check', '--format', 'json', 'examples');
    assert.equal(run.status, 1, describeRun(run));
    const report = JSON.parse(run.stdout) as {
      files: Array<{ file: string; diagnostics: Array<Record<string, unknown>> }>;
      summary: Record<string, number>;
    };
    assert.ok(Array.isArray(report.files));
    assert.deepEqual(report.files.map((f) => f.file).sort(), regalFilesUnder('examples'));
    const all = report.files.flatMap((f) => f.diagnostics);
    for (const d of all) {
      assert.deepEqual(Object.keys(d).sort(), ['code', 'column', 'endColumn', 'endLine', 'line', 'message', 'severity']);
      for (const key of ['line', 'column', 'endLine', 'endColumn']) assert.ok(Number.isInteger(d[key]) && (d[key] as number) >= 1, `${key}: ${String(d[key])}`);
      assert.ok(['error', 'warning', 'information', 'hint'].includes(d.severity as string));
      assert.equal(typeof d.code, 'string');
      assert.equal(typeof d.message, 'string');
    }
    const comment = report.files.find((f) => f.file === `${GUIDE}/create-contact.regal.json`)?.diagnostics.find((d) => d.code === 'comment');
    assert.ok(comment, run.stdout);
    assert.deepEqual(
      { line: comment.line, column: comment.column, endLine: comment.endLine, endColumn: comment.endColumn, severity: comment.severity },
      { line: 2, column: 39, endLine: 2, endColumn: 39 + '//this is optional'.length, severity: 'error' },
    );
    const count = (severity: string) => all.filter((d) => d.severity === severity).length;
    assert.deepEqual(report.summary, {
      files: report.files.length,
      error: count('error'),
      warning: count('warning'),
      information: count('information'),
      hint: count('hint'),
    });

    // The same findings as the text output.
    const text = parseText(cli('check', 'examples')).findings;
    assert.deepEqual(
      report.files.flatMap((f) =>
        f.diagnostics.map((d) => `${f.file}:${String(d.line)}:${String(d.column)} ${String(d.severity)} ${String(d.code)} ${String(d.message)}`),
      ),
      text.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.code} ${f.message}`),
    );
  });
});

describe('regal-webhook usage', () => {
  const usageErrors: Array<[string, string[], RegExp]> = [
    ['options before the command', ['--format', 'json', 'examples'], /unknown command/i],
    ['an unknown command', ['lint', 'examples'], /unknown command/i],
    ['check without files', ['check'], /at least one file/i],
    ['an unknown option', ['check', '--bogus', 'examples'], /unknown option --bogus/i],
    ['an option without its value', ['check', 'examples', '--format'], /--format needs a value/],
    ['--format xml', ['check', '--format', 'xml', 'examples'], /--format must be one of/],
    ['a missing file', ['check', 'examples/no-such-file.regal.json'], /no-such-file\.regal\.json: no such file/],
    ['a glob that matches nothing', ['check', 'examples/**/*.nothing.regal.json'], /matches no \*\.regal\.json file/],
    ['--severity with an unknown code', ['check', '--severity', 'bogus=off', 'examples'], /unknown diagnostic code "bogus"/],
    ['--severity with an unknown level', ['check', '--severity', 'comment=loud', 'examples'], /--severity must be one of/],
  ];
  for (const [title, args, message] of usageErrors) {
    it(`exits 2 with a message on stderr for ${title}`, () => {
      const run = cli(...args);
      assert.equal(run.status, 2, describeRun(run));
      assert.match(run.stderr, message);
      assert.equal(run.stdout, '');
    });
  }

  it('exits 2 with usage on stderr when no command is given', () => {
    const run = cli();
    assert.equal(run.status, 2, describeRun(run));
    assert.match(run.stderr, /Usage: regal-webhook check/);
  });

  it('--help prints the usage and exits 0', () => {
    for (const args of [['--help'], ['-h'], ['check', '--help']]) {
      const run = cli(...args);
      assert.equal(run.status, 0, describeRun(run));
      assert.match(run.stdout, /^Usage: regal-webhook check \[options\]/);
      assert.match(run.stdout, /--fail-on/);
      assert.equal(run.stderr, '');
    }
  });

  it('--version prints the package version', () => {
    const { version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    for (const args of [['--version'], ['-v']]) {
      const run = cli(...args);
      assert.equal(run.status, 0, describeRun(run));
      assert.equal(run.stdout, `${version}\n`);
    }
  });
});

describe('regal-webhook check on a directory outside the repository', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'regal-cli-e2e-'));
    mkdirSync(path.join(dir, 'nested'));
    writeFileSync(path.join(dir, 'nested', 'bad.regal.json'), '{\n  "traits": { "phone": "{{phoneNumber}}", }, // note\n  "eventSource": "iterable"\n}\n');
    writeFileSync(path.join(dir, 'good.regal.json'), '{ "traits": { "phones": { "{{phoneNumber}}": {} } }, "eventSource": "iterable" }\n');
    writeFileSync(path.join(dir, 'ignored.json'), 'not json at all {{');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('checks every *.regal.json below the directory and fails on errors', () => {
    const run = cli('check', dir);
    assert.equal(run.status, 1, describeRun(run));
    const { findings, summary } = parseText(run);
    assert.equal(summary.files, 2);
    assert.equal(summary.withFindings, 1);
    const bad = path.join(dir, 'nested', 'bad.regal.json');
    assert.ok(findings.length > 0 && findings.every((f) => f.file === bad), run.stdout);
    assert.ok(
      findings.some((f) => f.code === 'trailing-comma' && f.severity === 'error' && f.line === 2),
      run.stdout,
    );
    assert.ok(
      findings.some((f) => f.code === 'comment' && f.line === 2),
      run.stdout,
    );
  });
});

describe('regal-webhook check with a field catalog and several files', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'regal-cli-catalog-'));
    writeFileSync(path.join(dir, 'iterable-fields.json'), JSON.stringify({ fields: { phoneNumber: 'string', voice_optin: 'boolean', age: 'long' } }));
    writeFileSync(path.join(dir, 'broken-fields.json'), '{ "fields": { "age": 1 } }');
    writeFileSync(path.join(dir, 'a.regal.json'), '{ "traits": { "phone": "{{phoneNumbr}}" }, "name": "Signup Completed", "properties": { "age": 23 } }\n');
    writeFileSync(
      path.join(dir, 'b.regal.json'),
      '{ "traits": { "phone": "{{phoneNumber}}" }, "name": "signup_completed", "properties": { "age": "{{age}}" } }\n',
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('checks merge fields against --fields, with the closest field suggested', () => {
    const run = cli('check', '--fields', path.join(dir, 'iterable-fields.json'), path.join(dir, 'a.regal.json'));
    const { findings, summary } = parseText(run);
    const unknown = findings.find((f) => f.code === 'unknown-merge-field');
    assert.ok(unknown && unknown.line === 1 && /phoneNumber/.test(unknown.message), run.stdout);
    assert.equal(summary.files, 1);
    assert.equal(
      parseText(cli('check', path.join(dir, 'a.regal.json'))).findings.filter((f) => f.code === 'unknown-merge-field').length,
      0,
      'no catalog, no check',
    );
  });

  it('compares the files checked together: types and event names', () => {
    const run = cli('check', dir);
    const { findings } = parseText(run);
    const a = path.join(dir, 'a.regal.json');
    const b = path.join(dir, 'b.regal.json');
    for (const file of [a, b]) {
      assert.ok(
        findings.some((f) => f.file === file && f.code === 'inconsistent-type'),
        `${file}: ${run.stdout}`,
      );
      assert.ok(
        findings.some((f) => f.file === file && f.code === 'similar-event-name'),
        `${file}: ${run.stdout}`,
      );
    }
  });

  it('reports an invalid catalog as an error at its token and ignores it', () => {
    const catalog = path.join(dir, 'broken-fields.json');
    const run = cli('check', '--fields', catalog, path.join(dir, 'a.regal.json'));
    assert.equal(run.status, 1, describeRun(run));
    const { findings, summary } = parseText(run);
    assert.ok(
      findings.some((f) => f.file === catalog && f.code === 'invalid-catalog' && f.severity === 'error' && f.column === 22),
      run.stdout,
    );
    assert.ok(!findings.some((f) => f.code === 'unknown-merge-field'), run.stdout);
    assert.equal(summary.files, 1);
  });

  it('exits 2 when the catalog cannot be read', () => {
    const run = cli('check', '--fields', path.join(dir, 'missing.json'), path.join(dir, 'a.regal.json'));
    assert.equal(run.status, 2, describeRun(run));
    assert.match(run.stderr, /missing\.json: cannot read the field catalog: no such file/);
  });
});

describe('regal-webhook check: inputs that must not hang, exhaust memory or change', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'regal-cli-inputs-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a FIFO named as a file or as --fields, instead of waiting for a writer', () => {
    const fifo = path.join(dir, 'pipe.regal.json');
    const made = spawnSync('mkfifo', [fifo]);
    if (made.status !== 0) return; // no mkfifo here: nothing to prove
    const asFile = cli('check', fifo);
    assert.equal(asFile.status, 2, describeRun(asFile));
    assert.match(asFile.stderr, /cannot read the file: not a regular file/);
    const asFields = cli('check', '--fields', fifo, path.join(repoRoot, 'examples', 'send-event.regal.json'));
    assert.equal(asFields.status, 2, describeRun(asFields));
    assert.match(asFields.stderr, /cannot read the field catalog: not a regular file/);
  });

  it("refuses a file over the size limit (10 MB, the editor's) with a clear message (no out-of-memory)", () => {
    const big = path.join(dir, 'big.regal.json');
    writeFileSync(big, `{"a":"${'x'.repeat(MAX_DOCUMENT_BYTES)}"}`);
    const run = cli('check', big);
    assert.equal(run.status, 2, describeRun(run));
    assert.match(run.stderr, /larger than 10 MB \(10485768 bytes\), the size above which neither this command nor the editor checks/);
  });

  it('checks a file of exactly the size limit, as the editor does', () => {
    const atLimit = path.join(dir, 'at-limit.regal.json');
    const head = '{ "traits": { "phones": { "+12225555555": {} } }, "padding": "';
    writeFileSync(atLimit, `${head}${'x'.repeat(MAX_DOCUMENT_BYTES - head.length - 3)}" }`);
    const run = cli('check', '--format', 'json', atLimit);
    assert.equal(run.status, 0, describeRun(run));
  });

  it('reports invalid UTF-8 as invalid-encoding at the first bad byte, instead of checking a repaired text', () => {
    const bad = path.join(dir, 'latin1.regal.json');
    writeFileSync(bad, Buffer.concat([Buffer.from('{\n  "userId": "Jos'), Buffer.from([0xe9]), Buffer.from('" }')]));
    const run = cli('check', bad);
    assert.equal(run.status, 1, describeRun(run));
    assert.match(run.stdout, /latin1\.regal\.json:2:17 error invalid-encoding Not valid UTF-8 at byte 18: save the file as UTF-8/);
    const asFields = cli('check', '--fields', bad, path.join(repoRoot, 'examples', 'send-event.regal.json'));
    assert.equal(asFields.status, 2, describeRun(asFields));
    assert.match(asFields.stderr, /cannot read the field catalog: not valid UTF-8/);
  });

  it('never writes control characters from a payload to the terminal', () => {
    const file = path.join(dir, 'escape.regal.json');
    writeFileSync(file, '{ "userId": "u", "\u001b[31mred": 1 }');
    const run = cli('check', file);
    assert.ok(!run.stdout.includes('\u001b'), JSON.stringify(run.stdout));
    assert.match(run.stdout, /\\u001b\[31mred/);
  });
});
