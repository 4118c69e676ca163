/**
 * Reading workspace files from disk (server/src/host/diskFiles.ts): size limits and symbolic links.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readTextFile } from '../../server/src/host/diskFiles';

describe('reading the catalog from disk', () => {
  let base: string;
  let workspace: string;
  let outside: string;
  before(() => {
    base = mkdtempSync(path.join(os.tmpdir(), 'regal-disk-'));
    workspace = path.join(base, 'workspace');
    outside = path.join(base, 'outside');
    mkdirSync(workspace);
    mkdirSync(outside);
    writeFileSync(path.join(outside, 'secret.json'), '{"fields":{"token":"string"}}');
    writeFileSync(path.join(workspace, 'iterable-fields.json'), '{"fields":{"a":"string"}}');
    writeFileSync(path.join(workspace, 'real.json'), '{"fields":{"b":"string"}}');
    symlinkSync(path.join(outside, 'secret.json'), path.join(workspace, 'linked-out.json'));
    symlinkSync(path.join(workspace, 'real.json'), path.join(workspace, 'linked-in.json'));
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  it('does not follow a symbolic link out of the workspace', async () => {
    const read = await readTextFile(path.join(workspace, 'linked-out.json'), undefined, [workspace]);
    assert.deepEqual(read, { problem: 'it is a symbolic link to a file outside the workspace, which the extension does not follow' });
  });

  it('follows a link that stays inside, and reads a plain file or an outside path named directly', async () => {
    assert.ok('text' in (await readTextFile(path.join(workspace, 'linked-in.json'), undefined, [workspace])));
    assert.ok('text' in (await readTextFile(path.join(workspace, 'iterable-fields.json'), undefined, [workspace])));
    assert.ok('text' in (await readTextFile(path.join(outside, 'secret.json'), undefined, [workspace])), 'a setting that names an outside file is the user\'s choice');
  });

  it('reports a missing file as missing', async () => {
    assert.deepEqual(await readTextFile(path.join(workspace, 'nope.json'), undefined, [workspace]), { missing: true });
  });
});
