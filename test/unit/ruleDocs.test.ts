/**
 * The rule registry is the one place a rule is declared: the README's diagnostics table and the
 * severity setting in package.json are generated from it (`npm run generate:rules`), and must not
 * go stale. Every code's rule module is the one filed under it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { payloadRules, rules } from '../../server/src/service/rules/registry';
import { manifestWithSeveritySetting, readmeWithRuleTable } from '../../server/src/service/rules/ruleDocs';
import { repoRoot } from '../support/service';

describe('rule registry', () => {
  it('README.md diagnostics table is generated from the registry (run npm run generate:rules)', () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    assert.equal(readmeWithRuleTable(readme), readme);
  });

  it('package.json regal.diagnostics.severity is generated from the registry (run npm run generate:rules)', () => {
    const manifest = readFileSync(path.join(repoRoot, 'package.json'), 'utf8');
    assert.equal(manifestWithSeveritySetting(manifest), manifest);
  });

  it('files each rule under its own code', () => {
    for (const [code, rule] of Object.entries(rules)) assert.equal(rule.code, code);
  });

  it('gives every rule that checks the tree itself a fast-path trigger', () => {
    assert.ok(payloadRules.length >= 8);
    for (const rule of payloadRules) assert.equal(typeof rule.mayReport, 'function', rule.code);
  });

  it('notices a stale table: a changed meaning is rewritten', () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const stale = readme.replace(rules.comment.meaning, 'An outdated meaning.');
    assert.notEqual(stale, readme);
    assert.equal(readmeWithRuleTable(stale), readme);
  });
});
