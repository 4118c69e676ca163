/**
 * The web extension's platform pieces that run outside a browser too: fetchPost (the browser's send,
 * against a loopback server with Node's own fetch) and clientFiles (the browser server's workspace
 * files, over a stand-in for the client's requests). The browser itself is tested by npm run test:web.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Connection } from 'vscode-languageserver';
import { fetchPost } from '../../client/src/web/fetchPost';
import { BROWSER_BLOCKED_CODE, describeOutcome } from '../../client/src/send/sendMessages';
import { clientWorkspaceFiles } from '../../server/src/host/clientFiles';
import { FindPayloadFilesRequest, ReadWorkspaceFileRequest } from '../../server/src/protocol/contract';
import { MAX_PAYLOAD_FILES } from '../../server/src/host/workspaceFiles';

describe('fetchPost (send in the browser)', () => {
  let server: http.Server;
  let base: string;
  let handle: (res: http.ServerResponse, body: string, req: http.IncomingMessage) => void = () => {};

  before(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => handle(res, Buffer.concat(chunks).toString('utf8'), req));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  it('posts the body and headers as given and returns the answer', async () => {
    handle = (res, body, req) =>
      res.writeHead(202, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify({ body, auth: req.headers.authorization }));
    const outcome = await fetchPost({
      url: new URL(`${base}/events`),
      body: '{"name":"é"}',
      headers: { Authorization: 'k', 'Content-Type': 'application/json' },
      timeoutMs: 5000,
    });
    assert.equal(outcome.kind, 'response');
    assert.ok(outcome.kind === 'response');
    assert.equal(outcome.status, 202);
    assert.deepEqual(JSON.parse(outcome.body), { body: '{"name":"é"}', auth: 'k' });
    assert.equal(outcome.truncated, false);
  });

  it('keeps at most maxResponseBytes of the answer and says it cut it', async () => {
    handle = (res) => res.writeHead(200).end('x'.repeat(100));
    const outcome = await fetchPost({ url: new URL(`${base}/events`), body: '{}', headers: {}, timeoutMs: 5000, maxResponseBytes: 10 });
    assert.ok(outcome.kind === 'response');
    assert.equal(outcome.body, 'x'.repeat(10));
    assert.equal(outcome.truncated, true);
  });

  it('does not follow a redirect', async () => {
    handle = (res) => res.writeHead(307, { Location: 'http://elsewhere.example/' }).end();
    const outcome = await fetchPost({ url: new URL(`${base}/events`), body: '{}', headers: {}, timeoutMs: 5000 });
    assert.ok(outcome.kind === 'response');
    assert.equal(outcome.status, 307);
  });

  it('ends with timeout, or cancelled, whichever stopped it', async () => {
    handle = () => undefined; // never answers
    assert.equal((await fetchPost({ url: new URL(`${base}/slow`), body: '{}', headers: {}, timeoutMs: 50 })).kind, 'timeout');
    const controller = new AbortController();
    const pending = fetchPost({ url: new URL(`${base}/slow`), body: '{}', headers: {}, timeoutMs: 5000, signal: controller.signal });
    controller.abort();
    assert.equal((await pending).kind, 'cancelled');
  });

  it('reports a failed fetch (as a CORS refusal looks) as BROWSER_BLOCKED, with a message naming CORS and the desktop', async () => {
    const closed = http.createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const url = new URL(`http://127.0.0.1:${(closed.address() as AddressInfo).port}/events`);
    closed.close();
    await once(closed, 'close');
    const outcome = await fetchPost({ url, body: '{}', headers: {}, timeoutMs: 5000 });
    assert.ok(outcome.kind === 'network');
    assert.equal(outcome.code, BROWSER_BLOCKED_CODE);
    const { message } = describeOutcome(outcome, { endpoint: url, bytes: 2, timeoutSeconds: 5 });
    assert.match(message, /^Could not send the test event to 127\.0\.0\.1:\d+ from the browser: the request was blocked or did not get through\./);
    assert.match(message, /\(CORS\)/);
    assert.match(message, /Send from desktop VS Code/);
  });
});

describe('clientWorkspaceFiles (the browser server reads through the client)', () => {
  const requests: { method: string; params: unknown }[] = [];
  let answer: (method: string, params: unknown) => unknown = () => undefined;
  const connection = {
    sendRequest: async (method: string, params: unknown) => {
      requests.push({ method, params });
      return answer(method, params);
    },
  } as unknown as Connection;
  const files = clientWorkspaceFiles(connection);
  const folder = 'vscode-vfs://github/owner/repo';

  it('names files by canonical URIs and resolves settings against the folder', () => {
    assert.equal(files.fileOf('vscode-vfs://github/owner/repo/a%20b.regal.json'), 'vscode-vfs://github/owner/repo/a%20b.regal.json');
    assert.equal(files.fileOf('vscode-vfs://github/owner/repo/a b.regal.json'), 'vscode-vfs://github/owner/repo/a%20b.regal.json');
    assert.equal(files.resolve(folder, 'config\\iterable-fields.json'), 'vscode-vfs://github/owner/repo/config/iterable-fields.json');
    assert.equal(files.resolve(folder, '../team-catalog/fields.json'), 'vscode-vfs://github/owner/team-catalog/fields.json');
    assert.equal(files.resolve(folder, '/catalogs/fields.json'), 'vscode-vfs://github/catalogs/fields.json');
    assert.ok(files.contains(folder, `${folder}/x/y.regal.json`));
    assert.ok(!files.contains(folder, `${folder}-other/y.regal.json`));
    assert.equal(files.relative(folder, `${folder}/node_modules/a%20b.regal.json`), 'node_modules/a b.regal.json');
    assert.equal(files.basename(`${folder}/x/iterable-fields.json`), 'iterable-fields.json');
    assert.equal(files.dirname(`${folder}/x/iterable-fields.json`), `${folder}/x`);
    assert.equal(files.fileOf(42 as unknown as string), undefined);
  });

  it('lists payload files through the client, sorted, and says when there were more than it keeps', async () => {
    answer = () => ({ uris: [`${folder}/b.regal.json`, `${folder}/a.regal.json`] });
    assert.deepEqual(await files.findPayloadFiles(folder), { files: [`${folder}/a.regal.json`, `${folder}/b.regal.json`], truncated: false });
    const sent = requests.at(-1);
    assert.equal(sent?.method, FindPayloadFilesRequest);
    assert.deepEqual(sent?.params, { folderUri: folder, include: '**/*.regal.json', exclude: '**/{node_modules,.git}/**', maxResults: MAX_PAYLOAD_FILES + 1 });
    answer = () => ({ uris: Array.from({ length: MAX_PAYLOAD_FILES + 1 }, (_, i) => `${folder}/${String(i).padStart(5, '0')}.regal.json`) });
    const many = await files.findPayloadFiles(folder);
    assert.equal(many.files.length, MAX_PAYLOAD_FILES);
    assert.equal(many.truncated, true);
  });

  it('reads through the client, refusing symbolic links for the catalog, and turns failures into problems', async () => {
    answer = () => ({ text: '{}' });
    assert.deepEqual(await files.read(`${folder}/a.regal.json`), { text: '{}' });
    assert.deepEqual(requests.at(-1), {
      method: ReadWorkspaceFileRequest,
      params: { uri: `${folder}/a.regal.json`, maxBytes: 2 * 1024 * 1024, refuseSymbolicLinks: false },
    });
    await files.read(`${folder}/iterable-fields.json`, [folder]);
    assert.equal((requests.at(-1)?.params as { refuseSymbolicLinks: boolean }).refuseSymbolicLinks, true);
    answer = () => ({ tooLarge: 3 * 1024 * 1024 });
    assert.deepEqual(await files.read(`${folder}/huge.regal.json`), { problem: 'it is 3 MB, larger than the 2 MB the extension reads' });
    answer = () => ({ missing: true });
    assert.deepEqual(await files.read(`${folder}/gone.json`), { missing: true });
    answer = () => null;
    assert.deepEqual(await files.read(`${folder}/a.json`), { problem: 'the editor answered the read request with nothing usable' });
    answer = () => {
      throw new Error('connection closed');
    };
    assert.deepEqual(await files.read(`${folder}/a.json`), { problem: 'the editor could not read it (connection closed)' });
  });
});
