/**
 * docs/architecture.md matches the code: every file or folder it names exists, every request it names is in the contract, and every diagnostic
 * rule module it points newcomers to is in the registry.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { rules } from '../../server/src/service/rules/registry';
import { repoRoot } from '../support/service';

const doc = readFileSync(path.join(repoRoot, 'docs', 'architecture.md'), 'utf8');

describe('docs/architecture.md', () => {
  it('names only files and folders that exist', () => {
    const named = new Set<string>();
    for (const [, token] of doc.matchAll(/`([\w./-]+\/[\w./-]*|[\w-]+\.(?:ts|json|mjs|md))`/g)) named.add(token);
    assert.ok(named.size > 20, `${named.size} paths found`);
    const roots = ['', 'server/src/', 'server/src/service/', 'client/src/'];
    // LSP and custom request methods (`textDocument/didChange`, `regal/check`) are names, not paths.
    const methods = /^(?:regal|textDocument|workspace)\/[a-zA-Z]+$/;
    const missing = [...named].filter((name) => !methods.test(name) && !roots.some((root) => existsSync(path.join(repoRoot, root, name))));
    assert.deepEqual(missing, []);
  });

  it('names only custom requests the contract defines', () => {
    const contract = readFileSync(path.join(repoRoot, 'server', 'src', 'protocol', 'contract.ts'), 'utf8');
    for (const [, method] of doc.matchAll(/`(regal\/[a-zA-Z]+)`/g)) assert.ok(contract.includes(`'${method}'`), `${method} is not in protocol/contract.ts`);
  });

  it('every module in server/src/service/rules/ that declares a rule is in the registry', () => {
    const registered = new Set<string>(Object.values(rules).map((rule) => rule.code));
    const folder = path.join(repoRoot, 'server', 'src', 'service', 'rules');
    for (const file of readdirSync(folder)) {
      const code = /^\s+code: '([a-z0-9-]+)',$/m.exec(readFileSync(path.join(folder, file), 'utf8'))?.[1];
      if (code) assert.ok(registered.has(code), `${file} declares ${code}, which rules/registry.ts does not list`);
    }
  });
});
