/**
 * The README stays true: the two commands, and one table row per diagnostic code with its real
 * default severity.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { diagnosticCodes } from '../../server/src/service/diagnosticCodes';
import { repoRoot } from '../support/service';

const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));

describe('README', () => {
  it('gives the two commands, and package.json defines them', () => {
    assert.match(readme, /npm ci && npm start/);
    assert.match(readme, /npm test/);
    assert.ok(manifest.scripts.start && manifest.scripts.test);
  });

  it('lists every diagnostic code with its default severity in the diagnostics reference', () => {
    const reference = readme.slice(readme.indexOf('\n## Diagnostics reference'));
    const table = reference.slice(0, reference.indexOf('\n## ', 1));
    for (const [code, info] of Object.entries(diagnosticCodes)) {
      const row = table.split('\n').find((line) => line.startsWith(`| \`${code}\` |`));
      assert.ok(row, `README has no row for ${code}`);
      assert.equal(row.split('|')[2].trim(), info.severity, `severity of ${code} in the README`);
    }
  });

  it('documents every setting the extension contributes', () => {
    for (const setting of Object.keys(manifest.contributes.configuration.properties)) {
      assert.ok(readme.includes(`\`${setting}\``), `README does not mention ${setting}`);
    }
  });
});
