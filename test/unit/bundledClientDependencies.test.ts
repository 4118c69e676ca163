/**
 * What the extension's bundle carries in place of two of vscode-languageclient's dependencies
 * (esbuild.mjs, languageClientDependencies): semver's caret-range check, which must answer as semver
 * does, and no glob matcher, which holds only while the Regal server registers no file operations.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { createConnection } from 'vscode-languageserver/node';
import { createProtocolConnection, InitializeRequest, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { Minimatch } from '../../client/src/bundling/noFileOperationGlobs';
import { parse, satisfies } from '../../client/src/bundling/semverCaret';
import { diskWorkspaceFiles } from '../../server/src/host/diskFiles';
import { startLanguageServer } from '../../server/src/languageServer';
import { regalSchema, service } from '../support/service';

const semver = createRequire(__filename)('semver') as {
  parse(version: string): { major: number; minor: number; patch: number; prerelease: (string | number)[] } | null;
  satisfies(version: string, range: string): boolean;
};
const root = path.resolve(__dirname, '..', '..');

describe("the bundle's semver (client/src/bundling/semverCaret.ts)", () => {
  const versions = [
    '1.91.0',
    '1.91.1',
    '1.90.9',
    '1.139.1',
    '2.0.0',
    '0.9.0',
    '1.91.0-insider',
    '1.140.0-insider',
    'v1.95.2',
    ' 1.95.2 ',
    '1.95',
    '1.95.x',
    'abc',
    '1.95.2+build.7',
    '0.2.5',
    '0.2.3',
    '0.3.0',
    '0.0.4',
    '0.0.5',
    '01.2.3',
    '=1.2.3',
    '1.2.3-01',
    '1.2.3-rc.1',
    '1.2.3-0a.x-y',
  ];
  const ranges = ['^1.91.0', '^1.0.0', '^2.0.0', '^0.2.3', '^0.0.4'];

  it('parses versions as semver does', () => {
    for (const version of versions) {
      const ours = parse(version);
      const theirs = semver.parse(version);
      assert.equal(ours === null, theirs === null, `${JSON.stringify(version)} is ${theirs ? '' : 'not '}a version`);
      if (ours && theirs)
        assert.deepEqual(
          [ours.major, ours.minor, ours.patch, ours.prerelease.map(String)],
          [theirs.major, theirs.minor, theirs.patch, theirs.prerelease.map(String)],
          version,
        );
    }
  });

  it('answers caret ranges as semver does, for versions with and without a pre-release', () => {
    for (const version of versions.filter((v) => semver.parse(v))) {
      for (const range of ranges) assert.equal(satisfies(version, range), semver.satisfies(version, range), `${version} satisfies ${range}`);
    }
  });

  it('takes a parsed version whose pre-release the language client dropped (its checkVersion)', () => {
    const insider = parse('1.139.0-insider');
    assert.ok(insider);
    assert.equal(satisfies(insider, '^1.91.0'), false);
    insider.prerelease = [];
    assert.equal(satisfies(insider, '^1.91.0'), true);
  });

  it('refuses a range it does not implement rather than answer wrongly', () => {
    for (const range of ['>=1.91.0', '~1.91.0', '1.x', '^1.91.0 || ^2.0.0']) assert.throws(() => satisfies('1.95.0', range), /only caret version ranges/);
  });

  it('covers the range vscode-languageclient asks for', () => {
    const client = readFileSync(path.join(root, 'node_modules/vscode-languageclient/lib/node/main.js'), 'utf8');
    const required = /REQUIRED_VSCODE_VERSION = '([^']+)'/.exec(client)?.[1];
    assert.ok(required, 'vscode-languageclient still names its required VS Code version');
    assert.doesNotThrow(() => satisfies('1.139.1', required));
  });
});

describe("the bundle's missing glob matcher (client/src/bundling/noFileOperationGlobs.ts)", () => {
  it('says what is missing if a file-operation filter is ever registered', () => {
    assert.throws(() => new Minimatch('**/*.regal.json'), /no glob matcher for file-operation filters \(\*\*\/\*\.regal\.json\)/);
  });

  it('is never reached: the server announces no file operations', async () => {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const serverConnection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    startLanguageServer(serverConnection, { schema: regalSchema, files: diskWorkspaceFiles, service, debounceMs: 0 });
    const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    client.listen();
    const capabilities = {
      workspace: {
        fileOperations: { dynamicRegistration: true, didCreate: true, didRename: true, didDelete: true, willCreate: true, willRename: true, willDelete: true },
      },
    };
    const result = await client.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities, workspaceFolders: null });
    assert.equal(result.capabilities.workspace?.fileOperations, undefined);
    client.dispose();
    serverConnection.dispose();
  });

  it('is never reached: no server source registers a file operation later', () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? sources(path.join(dir, entry.name)) : entry.name.endsWith('.ts') ? [path.join(dir, entry.name)] : [],
      );
    for (const file of sources(path.join(root, 'server/src'))) {
      assert.doesNotMatch(
        readFileSync(file, 'utf8'),
        /fileOperations|(Did|Will)(Create|Rename|Delete)Files|workspace\/(did|will)(Create|Rename|Delete)Files/,
        path.relative(root, file),
      );
    }
  });
});
