/**
 * The POST itself (Node http against a loopback server standing in for Regal) and the message the
 * user gets for every way it can end. Waits on the server's events, never on sleeps.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { postJson, type PostOutcome } from '../../client/src/send/httpPost';
import { describeOutcome, regalMessage } from '../../client/src/send/sendMessages';

interface Received {
  method?: string;
  url?: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

describe('send over http', () => {
  let server: http.Server;
  let base: string;
  // What each test wants the server to do with the next request.
  let handle: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void = () => {};
  const received: Received[] = [];

  before(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        received.push({ method: req.method, url: req.url, headers: req.headers, body });
        handle(req, res, body);
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(() => {
    server.closeAllConnections();
    server.close();
  });

  it('posts the body byte for byte with the given headers and reports the answer', async () => {
    handle = (_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"message":"ok"}');
    const body = '{\n  "name": "Zoë signed up",\n  "traits": { "phone": "+15551234567" }\n}';
    const outcome = await postJson({
      url: new URL(`${base}/events`),
      body,
      headers: { Authorization: 'k-1', 'Content-Type': 'application/json' },
      timeoutMs: 5000,
    });
    assert.equal(outcome.kind, 'response');
    assert.ok(outcome.kind === 'response');
    assert.equal(outcome.status, 200);
    assert.equal(outcome.statusText, 'OK');
    assert.equal(outcome.body, '{"message":"ok"}');
    assert.equal(outcome.contentType, 'application/json');
    const request = received.at(-1)!;
    assert.equal(request.method, 'POST');
    assert.equal(request.url, '/events');
    assert.equal(request.headers.authorization, 'k-1');
    assert.equal(request.headers['content-type'], 'application/json');
    assert.equal(request.headers['content-length'], String(Buffer.byteLength(body)));
    assert.equal(request.body, body);
  });

  it('keeps only the first bytes of a long response', async () => {
    handle = (_req, res) => res.writeHead(500).end('x'.repeat(5000));
    const outcome = await postJson({ url: new URL(base), body: '{}', headers: {}, timeoutMs: 5000, maxResponseBytes: 100 });
    assert.ok(outcome.kind === 'response');
    assert.equal(outcome.body.length, 100);
    assert.equal(outcome.truncated, true);
  });

  it('never follows a redirect (the key would go to another address), and reports where it pointed', async () => {
    const elsewhere: string[] = [];
    const other = http.createServer((req, res) => {
      elsewhere.push(String(req.headers.authorization));
      res.end('{}');
    });
    other.listen(0, '127.0.0.1');
    await once(other, 'listening');
    const target = `http://127.0.0.1:${(other.address() as AddressInfo).port}/collect`;
    try {
      for (const status of [301, 302, 307, 308]) {
        handle = (_req, res) => res.writeHead(status, { Location: target }).end();
        const outcome = await postJson({ url: new URL(`${base}/events`), body: '{}', headers: { Authorization: 'k-2' }, timeoutMs: 5000 });
        assert.ok(outcome.kind === 'response');
        assert.equal(outcome.status, status);
        assert.equal(outcome.location, target);
      }
      assert.deepEqual(elsewhere, [], 'nothing reached the redirect target');
    } finally {
      other.close();
    }
  });

  it('decodes the response in the charset it declares, UTF-8 otherwise', async () => {
    handle = (_req, res) => res.writeHead(400, { 'Content-Type': 'text/plain; charset=ISO-8859-1' }).end(Buffer.from([0x5a, 0x6f, 0xeb]));
    const latin1 = await postJson({ url: new URL(base), body: '{}', headers: {}, timeoutMs: 5000 });
    assert.ok(latin1.kind === 'response');
    assert.equal(latin1.body, 'Zoë');
    handle = (_req, res) => res.writeHead(200, { 'Content-Type': 'application/json; charset=no-such-charset' }).end('{"n":"Zoë"}');
    const unknown = await postJson({ url: new URL(base), body: '{}', headers: {}, timeoutMs: 5000 });
    assert.ok(unknown.kind === 'response');
    assert.equal(unknown.body, '{"n":"Zoë"}');
    handle = (_req, res) => res.writeHead(204).end();
    const empty = await postJson({ url: new URL(base), body: '{}', headers: {}, timeoutMs: 5000 });
    assert.ok(empty.kind === 'response');
    assert.deepEqual([empty.status, empty.body, empty.truncated], [204, '', false]);
  });

  it('times out when the server never answers', async () => {
    const arrived = new Promise<void>((resolve) => {
      handle = () => resolve(); // never responds
    });
    const outcome = await postJson({ url: new URL(base), body: '{}', headers: {}, timeoutMs: 300 });
    await arrived;
    assert.equal(outcome.kind, 'timeout');
    assert.ok(outcome.latencyMs >= 250, `latency ${outcome.latencyMs}`);
  });

  it("is cancelled by the caller's signal, before or during the request", async () => {
    const cancel = new AbortController();
    handle = () => cancel.abort();
    assert.equal((await postJson({ url: new URL(base), body: '{}', headers: {}, timeoutMs: 5000, signal: cancel.signal })).kind, 'cancelled');
    assert.equal((await postJson({ url: new URL(base), body: '{}', headers: {}, timeoutMs: 5000, signal: AbortSignal.abort() })).kind, 'cancelled');
  });

  it('reports refused connections with their code', async () => {
    const closed = http.createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    await once(closed, 'close');
    const outcome = await postJson({ url: new URL(`http://127.0.0.1:${port}/events`), body: '{}', headers: {}, timeoutMs: 5000 });
    assert.ok(outcome.kind === 'network');
    assert.equal(outcome.code, 'ECONNREFUSED');
    const message = describeOutcome(outcome, { endpoint: new URL(`http://127.0.0.1:${port}/events`), bytes: 2, timeoutSeconds: 15 });
    assert.match(message.message, new RegExp(`Could not connect to 127\\.0\\.0\\.1:${port}: the connection was refused\\. Check "regal\\.endpoint"`));
  });
});

describe('send outcome messages', () => {
  const endpoint = new URL('https://events.regalvoice.com/events');
  const context = { endpoint, bytes: 321, timeoutSeconds: 15 };
  const response = (status: number, body = '', statusText = http.STATUS_CODES[status] ?? ''): PostOutcome => ({
    kind: 'response',
    status,
    statusText,
    body,
    truncated: false,
    latencyMs: 42,
  });

  it('tells the user what to do for each status', () => {
    const cases: [PostOutcome, string, RegExp, string[]][] = [
      [response(200, '{"message":"ok"}'), 'sent', /^Regal accepted the test event: 200 OK in 42 ms\.$/, ['showLog']],
      [
        response(400, '{"message":"traits.phone is invalid"}'),
        'rejected',
        /rejected the payload \(400 Bad Request\)\. Regal says: "traits\.phone is invalid"\. Check the payload/,
        ['showLog'],
      ],
      [
        response(401, '{"message":"API key missing or invalid"}'),
        'rejected',
        /refused the API key \(401 Unauthorized\).*"Regal: Set API Key"/,
        ['setApiKey', 'showLog'],
      ],
      [response(403), 'rejected', /refused the API key \(403 Forbidden\)/, ['setApiKey', 'showLog']],
      [
        response(404),
        'rejected',
        /Nothing at https:\/\/events\.regalvoice\.com\/events \(404 Not Found\)\. Check the "regal\.endpoint" setting/,
        ['openEndpointSetting', 'showLog'],
      ],
      [response(413), 'rejected', /too large for Regal \(413 Payload Too Large, 321 bytes\)/, ['showLog']],
      [response(429), 'rejected', /rate limiting requests \(429 Too Many Requests\)\. Wait a moment, then send again/, ['showLog']],
      [
        response(503, 'upstream down'),
        'rejected',
        /problem on its side \(503 Service Unavailable\)\. Regal says: "upstream down"\. .*try again later/,
        ['showLog'],
      ],
      [
        { ...response(302), location: 'https://evil.example/collect' } as PostOutcome,
        'rejected',
        /^Regal answered 302 Found, redirecting to https:\/\/evil\.example\/collect\. Test events never follow redirects, so your API key is not sent there: if Regal's address changed, put the new one in "regal\.endpoint"\.$/,
        ['openEndpointSetting', 'showLog'],
      ],
      [
        response(307),
        'rejected',
        /^Regal answered 307 Temporary Redirect, redirecting elsewhere\. Test events never follow redirects/,
        ['openEndpointSetting', 'showLog'],
      ],
      [response(418, '', ''), 'rejected', /^Regal answered 418\. See the response/, ['showLog']],
      [
        { kind: 'timeout', latencyMs: 15000 },
        'timeout',
        /events\.regalvoice\.com did not answer within 15 s.*raise "regal\.send\.timeoutSeconds"/,
        ['openTimeoutSetting', 'showLog'],
      ],
      [{ kind: 'cancelled', latencyMs: 10 }, 'cancelled', /^Test event cancelled after 10 ms/, ['showLog']],
      [
        { kind: 'network', code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND', latencyMs: 3 },
        'network',
        /Could not find the host events\.regalvoice\.com \(DNS lookup failed\)/,
        ['openEndpointSetting', 'showLog'],
      ],
      [
        { kind: 'network', code: 'CERT_HAS_EXPIRED', message: 'certificate has expired', latencyMs: 3 },
        'network',
        /TLS certificate of events\.regalvoice\.com is not trusted \(CERT_HAS_EXPIRED\)/,
        ['openEndpointSetting', 'showLog'],
      ],
      [
        { kind: 'network', code: 'ECONNRESET', message: 'socket hang up', latencyMs: 3 },
        'network',
        /connection to events\.regalvoice\.com was closed/,
        ['openEndpointSetting', 'showLog'],
      ],
      [
        { kind: 'network', code: 'EWHATEVER', message: 'odd', latencyMs: 3 },
        'network',
        /Could not send the test event to events\.regalvoice\.com: EWHATEVER: odd\./,
        ['openEndpointSetting', 'showLog'],
      ],
    ];
    for (const [outcome, kind, message, actions] of cases) {
      const described = describeOutcome(outcome, context);
      assert.equal(described.kind, kind, JSON.stringify(outcome));
      assert.match(described.message, message);
      assert.deepEqual(described.actions, actions, JSON.stringify(outcome));
    }
  });

  it("extracts Regal's own message from JSON or text bodies", () => {
    assert.equal(regalMessage('{"message":"bad"}'), 'bad');
    assert.equal(regalMessage('{"error":"nope"}'), 'nope');
    assert.equal(regalMessage('  plain\n text '), 'plain text');
    assert.equal(regalMessage(''), undefined);
    assert.equal(regalMessage('{"other":1}'), '{"other":1}');
    assert.equal(regalMessage('y'.repeat(500))!.length, 200);
  });
});
