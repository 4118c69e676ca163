/**
 * The Iterable API client (server/src/iterableApi) against the loopback stand-in for Iterable
 * (test/support/mockIterable.ts): the three lookups in their documented shapes, and every failure with
 * its message: 401/403 (key or region), 404 and the recorded 200 `{}` (no such user), 429 with
 * Retry-After (one retry when short, when to retry when long), 5xx, a timeout, a cancel, a dropped
 * connection, a refused one, TLS, an answer too large or not JSON, and a key echoed back in any encoding.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { IterableClient, type IterableClientOptions } from '../../server/src/iterableApi/iterableClient';
import { checkIterableKey, iterableBaseUrl, REGION_BASE_URLS } from '../../server/src/iterableApi/iterableBaseUrl';
import { retryAfterSeconds } from '../../server/src/iterableApi/iterableFailures';
import { fetchEvents, fetchFields, fetchUser, userLookup } from '../../server/src/iterableApi/iterableRequests';
import { eventNames, latestEventNamed, parseEventsResponse, parseFieldsResponse, parseUserResponse } from '../../server/src/iterableApi/iterableResponses';
import { MockIterable, MOCK_ITERABLE_KEY, RECORDED_FIELDS } from '../support/mockIterable';

const mock = new MockIterable();
let base: URL;

function client(options: Partial<IterableClientOptions> = {}): IterableClient {
  return new IterableClient({
    baseUrl: base,
    apiKey: MOCK_ITERABLE_KEY,
    keySource: 'ITERABLE_API_KEY',
    regionSource: '--region',
    region: 'us',
    wait: async () => undefined,
    ...options,
  });
}

before(async () => {
  base = new URL(await mock.start());
});
after(() => mock.stop());
beforeEach(() => {
  mock.clearFailures();
  mock.requests.length = 0;
});

describe('Iterable base URL and key', () => {
  it('region hosts, and an override only when https or http on loopback', () => {
    assert.equal(REGION_BASE_URLS.us, 'https://api.iterable.com');
    const eu = iterableBaseUrl('eu');
    assert.equal(eu.ok && eu.url.href, 'https://api.eu.iterable.com/');
    assert.equal(iterableBaseUrl('us', 'http://127.0.0.1:9000/').ok, true);
    assert.equal(iterableBaseUrl('us', 'https://gateway.example.com/iterable').ok, true);
    const http = iterableBaseUrl('us', 'http://api.iterable.com', '--api-base');
    assert.ok(!http.ok && /^--api-base uses http:\/\/ for api\.iterable\.com/.test(http.message));
    assert.equal(iterableBaseUrl('us', 'https://u:p@x.com').ok, false);
    assert.equal(iterableBaseUrl('us', 'ftp://x.com').ok, false);
    assert.equal(iterableBaseUrl('us', 'not a url').ok, false);
  });
  it('a key must be one line of printable ASCII; messages never repeat it', () => {
    assert.deepEqual(checkIterableKey('  abc  '), { ok: true, key: 'abc' });
    for (const bad of ['', 'ab\ncd', 'clé']) {
      const check = checkIterableKey(bad);
      assert.ok(!check.ok && !(bad && check.message.includes(bad)));
    }
  });
});

describe('Iterable lookups', () => {
  it('getFields: the fields, the key in the Api-Key header only', async () => {
    const result = await fetchFields(client());
    assert.ok(result.ok);
    assert.deepEqual(Object.fromEntries(result.value.fields), Object.fromEntries(Object.entries(RECORDED_FIELDS).sort(([a], [b]) => (a < b ? -1 : 1))));
    assert.deepEqual(mock.requests, [{ method: 'GET', url: '/api/users/getFields', apiKey: MOCK_ITERABLE_KEY }]);
  });
  it('a user by email and by userId (percent-encoded), with their events', async () => {
    const byEmail = await fetchUser(client(), userLookup('ada@example.com'));
    assert.ok(byEmail.ok && byEmail.value.userId === 'u-1001');
    mock.users.push({ email: 'b@example.com', userId: 'a/b?c', dataFields: {} });
    const byId = await fetchUser(client(), userLookup('a/b?c'));
    assert.ok(byId.ok && byId.value.email === 'b@example.com');
    assert.equal(mock.requests[1]?.url, '/api/users/byUserId/a%2Fb%3Fc');
    const events = await fetchEvents(client(), byEmail.value);
    assert.ok(events.ok);
    assert.equal(mock.requests[2]?.url, '/api/events/ada%40example.com?limit=200');
    assert.deepEqual(eventNames(events.value), ['emailOpen', 'Application Step 1 Completed']);
    assert.equal(latestEventNamed(events.value, 'Application Step 1 Completed')?.raw.createdAt, '2024-06-02 11:00:00 +00:00');
    assert.equal(latestEventNamed(events.value, 'application step 1 completed'), undefined);
  });
  it('no such user: the recorded 200 {} and a 404 both say so', async () => {
    const unknown = await fetchUser(client(), userLookup('nobody@example.com'));
    assert.ok(!unknown.ok && unknown.failure.kind === 'notFound');
    assert.match(unknown.failure.message, /^No Iterable user with email nobody@example\.com in this project\./);
    mock.failNext({ kind: 'status', status: 404 });
    const missing = await fetchUser(client(), userLookup('u-404'));
    assert.ok(!missing.ok && missing.failure.kind === 'notFound' && /userId u-404/.test(missing.failure.message));
  });
  it('a userId of . or .. asks nothing: the URL would resolve it to another endpoint', async () => {
    const before = mock.requests.length;
    for (const id of ['.', '..']) {
      const result = await fetchUser(client(), userLookup(id));
      assert.ok(!result.ok && result.failure.kind === 'notFound', id);
    }
    assert.equal(mock.requests.length, before);
  });
  it('any JSON at all is read without throwing (property test)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (value, inner) => {
        for (const answer of [value, { fields: value }, { user: value }, { user: { dataFields: value } }, { events: [value, inner] }]) {
          parseFieldsResponse(answer);
          parseUserResponse(answer);
          parseEventsResponse(answer);
        }
      }),
      { numRuns: 300 },
    );
  });
  it('odd answers are failures or dropped entries, never exceptions', () => {
    assert.equal(parseFieldsResponse({ fields: [] }).ok, false);
    assert.equal(parseFieldsResponse(null).ok, false);
    const mixed = parseFieldsResponse({ fields: { a: 'string', b: 3, '': 'long', c: ' ' } });
    assert.ok(mixed.ok);
    assert.deepEqual([...mixed.value.fields], [['a', 'string']]);
    assert.deepEqual(mixed.value.ignored.sort(), ['', 'b', 'c']);
    assert.equal(parseUserResponse({ user: 'x' }).ok, false);
    assert.equal(parseUserResponse({ user: { email: 'a', dataFields: [] } }).ok, false);
    assert.equal(parseUserResponse([]).ok, false);
  });
});

describe('Iterable failures', () => {
  const fails = async (failure: Parameters<MockIterable['failNext']>[0], options: Partial<IterableClientOptions> = {}) => {
    mock.failNext(failure);
    const result = await fetchFields(client(options));
    assert.ok(!result.ok);
    return result.failure;
  };
  it('401: check the key, or the region (the other data center named)', async () => {
    const failure = await fails({ kind: 'status', status: 401, body: '{"msg":"Invalid API key","code":"BadApiKey","params":null}' });
    assert.equal(failure.kind, 'auth');
    assert.match(
      failure.message,
      /^Iterable refused the API key \(HTTP 401\): check ITERABLE_API_KEY or the region: the request went to 127\.0\.0\.1:\d+ \(US\).*set --region to eu\..*BadApiKey: Invalid API key/,
    );
    const eu = await fails({ kind: 'status', status: 403 }, { region: 'eu', regionSource: 'the "regal.iterable.region" setting' });
    assert.match(eu.message, /HTTP 403.*set the "regal\.iterable\.region" setting to us\..*permission/);
  });
  it('a wrong key gets the same answer from the stand-in itself', async () => {
    const result = await fetchFields(client({ apiKey: 'wrong-key' }));
    assert.ok(!result.ok && result.failure.kind === 'auth');
  });
  it('429: a short Retry-After is waited for and retried once', async () => {
    const waits: number[] = [];
    mock.failNext({ kind: 'status', status: 429, headers: { 'Retry-After': '2' } });
    const result = await fetchFields(client({ wait: async (ms) => void waits.push(ms) }));
    assert.ok(result.ok);
    assert.deepEqual(waits, [2000]);
    assert.equal(mock.requests.length, 2);
  });
  it('429: a long Retry-After says when to retry, without retrying', async () => {
    const now = Date.parse('2026-01-01T10:00:00Z');
    const failure = await fails({ kind: 'status', status: 429, headers: { 'Retry-After': '600' } }, { now: () => now });
    assert.equal(failure.kind, 'rateLimited');
    assert.equal(failure.message, "Iterable's rate limit for this endpoint was reached (HTTP 429): try again in 10 minutes (after 10:10:00 UTC).");
    assert.equal(mock.requests.length, 1);
  });
  it('429 twice: reported after the one retry', async () => {
    mock.failNext({ kind: 'status', status: 429, headers: { 'Retry-After': '0' } });
    const failure = await fails({ kind: 'status', status: 429, headers: { 'Retry-After': '0' } });
    assert.match(failure.message, /already retried once/);
    assert.equal(mock.requests.length, 2);
  });
  it('Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-01-01T10:00:00Z');
    assert.equal(retryAfterSeconds('30', now), 30);
    assert.equal(retryAfterSeconds('Thu, 01 Jan 2026 10:01:00 GMT', now), 60);
    assert.equal(retryAfterSeconds('soon', now), undefined);
  });
  it('a redirect is not followed (the key would go elsewhere)', async () => {
    const failure = await fails({ kind: 'status', status: 302, headers: { Location: 'https://elsewhere.example/api/users/getFields' } });
    assert.equal(failure.kind, 'http');
    assert.match(failure.message, /^Iterable answered HTTP 302 Found for \/api\/users\/getFields\. Redirects are not followed/);
    assert.equal(mock.requests.length, 1);
  });
  it('5xx: a server error, nothing changed', async () => {
    const failure = await fails({ kind: 'status', status: 503 });
    assert.equal(failure.kind, 'server');
    assert.match(failure.message, /^Iterable had a server error \(HTTP 503 Service Unavailable\): nothing was changed/);
  });
  it('a hang ends in a timeout', async () => {
    const failure = await fails({ kind: 'hang' }, { timeoutMs: 300 });
    assert.equal(failure.kind, 'timeout');
    assert.match(failure.message, /^Iterable \(127\.0\.0\.1:\d+\) did not answer within 1 second:/);
  });
  it('cancel: the caller aborts while waiting', async () => {
    mock.failNext({ kind: 'hang' });
    const controller = new AbortController();
    const arrived = mock.nextRequest();
    const pending = fetchFields(client(), controller.signal);
    await arrived;
    controller.abort();
    const result = await pending;
    assert.ok(!result.ok && result.failure.kind === 'cancelled');
  });
  it('a dropped connection and a refused one: offline', async () => {
    const dropped = await fails({ kind: 'drop' });
    assert.equal(dropped.kind, 'offline');
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await fetchFields(client({ baseUrl: new URL(`http://127.0.0.1:${port}`) }));
    assert.ok(!refused.ok && refused.failure.kind === 'offline');
    assert.match(refused.failure.message, /^Could not reach Iterable at 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
  });
  it('TLS errors in one line', async () => {
    const tlsFetch = async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }) });
    };
    const result = await fetchFields(client({ fetch: tlsFetch as typeof fetch }));
    assert.ok(!result.ok && result.failure.kind === 'tls');
    assert.equal(result.failure.message.includes('\n'), false);
    assert.match(result.failure.message, /TLS: DEPTH_ZERO_SELF_SIGNED_CERT/);
  });
  it('an answer too large is refused, one that is not JSON is a bad answer', async () => {
    assert.equal((await fails({ kind: 'huge', bytes: 5000 }, { maxResponseBytes: 1000 })).kind, 'tooLarge');
    assert.equal((await fails({ kind: 'notJson' })).kind, 'badResponse');
  });
  it('a key echoed back (plain, base64, URL- and HTML-encoded) never reaches the message', async () => {
    const failure = await fails({ kind: 'echoKey', status: 401 });
    assert.match(failure.message, /<redacted>/);
    for (const form of [MOCK_ITERABLE_KEY, Buffer.from(MOCK_ITERABLE_KEY).toString('base64'), encodeURIComponent(MOCK_ITERABLE_KEY)]) {
      assert.equal(failure.message.includes(form), false, form);
    }
  });
});
