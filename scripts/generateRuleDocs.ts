/**
 * Rewrites the README's diagnostics table and package.json's `regal.diagnostics.severity` from the
 * rule registry (server/src/service/rules/registry.ts). Run after adding or changing a rule:
 * `npm run generate:rules`. test/unit/ruleDocs.test.ts fails while they are stale.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { manifestWithSeveritySetting, readmeWithRuleTable } from '../server/src/service/rules/ruleDocs';

const root = path.resolve(import.meta.dirname, '..');
for (const [file, generate] of [
  ['README.md', readmeWithRuleTable],
  ['package.json', manifestWithSeveritySetting],
] as const) {
  const target = path.join(root, file);
  const before = readFileSync(target, 'utf8');
  const after = generate(before);
  if (after === before) continue;
  // Written beside it and renamed: a failed write never leaves half a README or manifest.
  writeFileSync(`${target}.tmp`, after);
  renameSync(`${target}.tmp`, target);
  console.log(`updated ${file}`);
}
