/**
 * The renderer's SimpleDateFormat against Java's own output (outside truth): every case that
 * test/fixtures/java/IterableDates.java printed, and the locale data that DateLocales.java prints.
 * When a JDK is on the machine, both programs run again and must print what is committed.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { formatDate } from '../../server/src/rendering/dateFormat';
import { repoRoot } from '../support/service';

interface JavaCase {
  id: string;
  instant: string;
  pattern: string;
  timeZone: string;
  locale?: string;
  expected: string;
}

const committed = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');
const cases = (JSON.parse(committed('test/fixtures/iterable-date-formats.json')) as { cases: JavaCase[] }).cases;
const hasJava = spawnSync('java', ['-version']).status === 0;

describe('dateFormat against Java 17 SimpleDateFormat', () => {
  for (const c of cases) {
    it(`${c.id}: ${c.pattern} in ${c.timeZone} (${c.locale ?? 'en_US'})`, () => {
      const pattern = c.pattern.startsWith('style:') ? c.pattern.slice('style:'.length) : c.pattern;
      assert.equal(formatDate(new Date(c.instant), pattern, c.timeZone, c.locale), c.expected);
    });
  }

  it('the committed outputs are what the Java programs print', { skip: hasJava ? false : 'no java on this machine' }, () => {
    const run = (program: string) => execFileSync('java', [path.join(repoRoot, program)], { encoding: 'utf8', cwd: repoRoot });
    assert.deepEqual(JSON.parse(run('test/fixtures/java/DateLocales.java')), JSON.parse(committed('server/src/rendering/javaDateLocales.json')));
    assert.deepEqual(JSON.parse(run('test/fixtures/java/IterableDates.java')).cases, cases);
  });
});
