/**
 * Workspace files on disk (server/src/host/diskFiles.ts): finding the payload files of a folder, and
 * reading files with size limits and symbolic links.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findPayloadFiles, readTextFile } from '../../server/src/host/diskFiles';

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
    assert.ok(
      'text' in (await readTextFile(path.join(outside, 'secret.json'), undefined, [workspace])),
      "a setting that names an outside file is the user's choice",
    );
  });

  it('reports a missing file as missing', async () => {
    assert.deepEqual(await readTextFile(path.join(workspace, 'nope.json'), undefined, [workspace]), { missing: true });
  });
});

describe('finding the payload files of a folder', () => {
  let base: string;
  let folder: string;
  before(() => {
    base = mkdtempSync(path.join(os.tmpdir(), 'regal-find-'));
    folder = path.join(base, 'ws');
    const write = (relative: string) => {
      mkdirSync(path.dirname(path.join(base, relative)), { recursive: true });
      writeFileSync(path.join(base, relative), '{}');
    };
    for (const file of [
      'ws/b.regal.json',
      'ws/a.regal.json',
      'ws/payloads/deep/c.regal.json',
      'ws/.hidden/d.regal.json',
      'ws/plain.json',
      'ws/e.regal.json.bak',
    ])
      write(file);
    for (const file of ['ws/node_modules/pkg/x.regal.json', 'ws/.git/y.regal.json', 'ws/payloads/node_modules/z.regal.json', 'elsewhere/outside.regal.json'])
      write(file);
    symlinkSync(path.join(base, 'elsewhere'), path.join(folder, 'linked-folder'));
    symlinkSync(path.join(folder, 'a.regal.json'), path.join(folder, 'alias.regal.json'));
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  it('lists every *.regal.json, hidden folders included, sorted; skips node_modules, .git and linked folders', async () => {
    const { files, truncated } = await findPayloadFiles(folder);
    const relative = files.map((file) => path.relative(folder, file).split(path.sep).join('/'));
    assert.deepEqual(relative, ['.hidden/d.regal.json', 'a.regal.json', 'alias.regal.json', 'b.regal.json', 'payloads/deep/c.regal.json']);
    assert.ok(files.every((file) => path.isAbsolute(file)));
    assert.equal(truncated, false);
  });

  it('finds nothing in a folder that does not exist', async () => {
    assert.deepEqual(await findPayloadFiles(path.join(base, 'missing')), { files: [], truncated: false });
  });
});
