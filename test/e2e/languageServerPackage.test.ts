/**
 * The npm package regal-webhook-language-server as a user gets it: `npm run package:server`
 * (scripts/packServer.mjs) packs it, `npm install -g` installs it (into a temporary prefix, offline:
 * the package has no dependencies), and its bins run: the language server over stdio answers an
 * LSP client with diagnostics, and the CLI checks a payload. `npx --package <tarball>` runs it too.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LspClient } from '../support/lspClient';
import { repoRoot } from '../support/service';

const version = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
const createContact = readFileSync(path.join(repoRoot, 'examples', 'guide-originals', 'create-contact.regal.json'), 'utf8');
// The installed bins start with `#!/usr/bin/env node`: the node running the tests comes first on PATH.
const env = { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}` };

describe('the regal-webhook-language-server package', () => {
  let temp: string;
  let tarball: string;
  let bin: string;

  before(() => {
    temp = mkdtempSync(path.join(os.tmpdir(), 'regal-server-package-test-'));
    tarball = execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'packServer.mjs'), '--out', temp], {
      cwd: repoRoot,
      encoding: 'utf8',
      env,
    }).trim();
    const prefix = path.join(temp, 'global');
    execFileSync('npm', ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], { cwd: temp, env, encoding: 'utf8' });
    bin = path.join(prefix, 'bin');
  });
  after(() => rmSync(temp, { recursive: true, force: true }));

  it('holds the manifest, README, LICENSE and the three bundles, and declares no dependencies', () => {
    assert.equal(path.basename(tarball), `regal-webhook-language-server-${version}.tgz`);
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean).sort();
    assert.deepEqual(files, [
      'package/LICENSE',
      'package/README.md',
      'package/dist/cli.js',
      'package/dist/renderWorker.js',
      'package/dist/server.js',
      'package/package.json',
    ]);
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'packages', 'language-server', 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(manifest.version, version, 'the package and the extension share a version');
    assert.equal(manifest.dependencies, undefined);
  });

  it('installs both bins as executable scripts', () => {
    for (const name of ['regal-webhook-language-server', 'regal-webhook']) {
      const file = path.join(bin, name);
      assert.ok(statSync(file).mode & 0o111, `${name} is executable`);
      assert.match(readFileSync(file, 'utf8').slice(0, 40), /^#!\/usr\/bin\/env node\n/);
    }
  });

  it('serves LSP over stdio from the installed bin: initialize, then diagnostics for an opened payload', async () => {
    const client = LspClient.command(path.join(bin, 'regal-webhook-language-server'), ['--stdio'], env);
    try {
      const init = await client.initializeAndConfirm();
      assert.ok(init.capabilities.completionProvider, 'offers completion');
      assert.equal(init.capabilities.hoverProvider, true);
      const uri = 'file:///tmp/regal-package/create-contact.regal.json';
      await client.openDocument(uri, createContact);
      const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'comment'));
      const comment = published.diagnostics.find((d) => d.code === 'comment');
      assert.deepEqual(comment?.range, { start: { line: 1, character: 38 }, end: { line: 1, character: 56 } });
      assert.equal(await client.stop(), 0, `the server exits cleanly after shutdown and exit\n${client.stderr}`);
    } finally {
      client.dispose();
    }
  });

  it('checks payloads with the installed regal-webhook bin', () => {
    const run = spawnSync(path.join(bin, 'regal-webhook'), ['check', 'examples/guide-originals/create-contact.regal.json'], {
      cwd: repoRoot,
      env,
      encoding: 'utf8',
    });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /^examples\/guide-originals\/create-contact\.regal\.json:2:39 error comment /m);
  });

  it('answers --version, and says how to start it when no transport is named', () => {
    const server = path.join(bin, 'regal-webhook-language-server');
    assert.equal(execFileSync(server, ['--version'], { env, encoding: 'utf8' }).trim(), version);
    const bare = spawnSync(server, [], { env, encoding: 'utf8' });
    assert.equal(bare.status, 2);
    assert.match(bare.stderr, /name a transport \(--stdio for most editors\)/);
  });

  it('runs with npx from the tarball', () => {
    const run = spawnSync('npx', ['--yes', '--offline', '--package', tarball, 'regal-webhook-language-server', '--version'], {
      cwd: temp,
      env,
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trim(), version);
  });
});
