/**
 * Key handling and history, the parts of the send feature that keep the API key out of sight:
 * redaction, key validation, bounded history, and the confirmation summary.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkApiKey } from '../../client/src/send/apiKeyRules';
import { formatExchange, LOG_BODY_LIMIT } from '../../client/src/send/exchangeLog';
import { appendBounded, describeEntry, readEntries, type SendHistoryEntry } from '../../client/src/send/historyEntries';
import { describeSummary, summarizePayload } from '../../client/src/send/payloadSummary';
import { formatHeadersForLog, redactSecret } from '../../server/src/security/redact';

const entry = (n: number): SendHistoryEntry => ({
  time: new Date(Date.UTC(2025, 0, 1, 0, n)).toISOString(),
  endpoint: 'https://events.regalvoice.com/events',
  status: 200,
  latencyMs: n,
  payload: `{"n":${n}}`,
  source: `p${n}.regal.json`,
});

describe('send safety', () => {
  it('redacts every occurrence of the key, and never the Authorization header value', () => {
    assert.equal(redactSecret('a KEY b KEYKEY', 'KEY'), 'a <redacted> b <redacted><redacted>');
    assert.equal(redactSecret('nothing', undefined), 'nothing');
    assert.equal(redactSecret('nothing', ''), 'nothing');
    assert.deepEqual(formatHeadersForLog({ Authorization: 'sk_live_123', 'Content-Type': 'application/json', 'Content-Length': 12 }), [
      'Authorization: <redacted>',
      'Content-Type: application/json',
      'Content-Length: 12',
    ]);
    assert.deepEqual(formatHeadersForLog({ authorization: 'x' }), ['authorization: <redacted>']);
  });

  it('also redacts the key as a JSON string would carry it (a server echoing it in a JSON body)', () => {
    const key = 'k"ey\\1';
    const echoed = JSON.stringify({ message: `bad key ${key}` });
    assert.ok(!echoed.includes(key), 'JSON escapes the quote and the backslash');
    assert.equal(redactSecret(echoed, key), '{"message":"bad key <redacted>"}');
    assert.equal(redactSecret(`raw ${key}`, key), 'raw <redacted>');
  });

  it('stores a trimmed key and explains rejected input without repeating it', () => {
    assert.deepEqual(checkApiKey('  abc123  '), { ok: true, key: 'abc123' });
    for (const [input, message] of [
      ['   ', /empty/],
      ['abc\n123', /line break/],
      ['abc\u20ac', /cannot carry/],
      // Latin-1 letters pass Node's header check but reach the server as other bytes (and escape redaction when echoed).
      ['abc\u00e9', /cannot carry/],
      ['ab\u00a0c', /cannot carry/],
      ['Bearer abc', /Leave out "Bearer "/],
    ] as const) {
      const result = checkApiKey(input);
      assert.ok(!result.ok);
      assert.match(result.message, message);
      assert.ok(!result.message.includes('abc'), 'the message never echoes the key');
    }
  });

  it('logs an exchange with the key redacted everywhere and long bodies cut', () => {
    const key = 'sk_test_"42"';
    const exchange = {
      time: '2025-01-01T00:00:00.000Z',
      url: new URL('http://127.0.0.1:8080/events'),
      headers: { Authorization: key, 'Content-Type': 'application/json' },
      payload: '{"name":"Zoë"}',
      source: 'p.regal.json',
    };
    const echoed = formatExchange(
      {
        ...exchange,
        outcome: { kind: 'response', status: 401, statusText: 'Unauthorized', body: JSON.stringify({ message: `bad ${key}` }), truncated: false, latencyMs: 5 },
      },
      key,
    );
    assert.equal(
      echoed,
      [
        '[2025-01-01T00:00:00.000Z] POST http://127.0.0.1:8080/events (from p.regal.json)',
        'Authorization: <redacted>',
        'Content-Type: application/json',
        'Content-Length: 15',
        '',
        '{"name":"Zoë"}',
        '',
        '← 401 Unauthorized in 5 ms',
        '{"message":"bad <redacted>"}',
        '',
      ].join('\n'),
    );
    const redirect = formatExchange(
      {
        ...exchange,
        outcome: { kind: 'response', status: 302, statusText: 'Found', location: 'https://x.example/', body: '', truncated: false, latencyMs: 1 },
      },
      key,
    );
    assert.match(redirect, /^← 302 Found in 1 ms → Location: https:\/\/x\.example\/ \(not followed\)$/m);
    const huge = formatExchange(
      {
        ...exchange,
        outcome: { kind: 'response', status: 500, statusText: 'Internal Server Error', body: 'x'.repeat(1024 * 1024), truncated: true, latencyMs: 9 },
      },
      key,
    );
    assert.ok(huge.length < LOG_BODY_LIMIT + 1000, `log entry of ${huge.length} characters`);
    assert.match(huge, /… \(response, itself cut at 1 MB, cut after 64 KB of 1048576 characters\)\n$/);
    const failed = formatExchange(
      {
        ...exchange,
        outcome: { kind: 'network', code: 'ERR_INVALID_CHAR', message: `Invalid character in header content ["Authorization"] ${key}`, latencyMs: 0 },
      },
      key,
    );
    assert.ok(!failed.includes(key) && !failed.includes('sk_test'), 'an error message echoing the key is redacted too');
    assert.match(formatExchange({ ...exchange, outcome: { kind: 'timeout', latencyMs: 15000 } }, key), /^← no response: timeout after 15000 ms$/m);
  });

  it('keeps the history newest first and bounded by the setting', () => {
    let list: SendHistoryEntry[] = [];
    for (let n = 1; n <= 5; n++) list = appendBounded(list, entry(n), 3);
    assert.deepEqual(
      list.map((e) => e.latencyMs),
      [5, 4, 3],
    );
    assert.deepEqual(appendBounded(list, entry(6), 0), []);
    assert.deepEqual(
      appendBounded(list, entry(6), 1).map((e) => e.latencyMs),
      [6],
    );
    assert.deepEqual(appendBounded([], entry(1), Number.NaN), []);
    assert.equal(appendBounded(list, entry(6), 2.7).length, 2);
  });

  it('reads only well-formed entries back from globalState', () => {
    assert.deepEqual(readEntries(undefined), []);
    assert.deepEqual(readEntries({}), []);
    assert.deepEqual(readEntries([entry(1), null, { time: 1 }, 'x', entry(2)]), [entry(1), entry(2)]);
    const line = describeEntry({ ...entry(1), status: undefined, error: 'timeout' });
    assert.match(line.label, /^timeout · p1\.regal\.json$/);
    assert.equal(line.detail, 'https://events.regalvoice.com/events');
    assert.match(describeEntry(entry(2)).label, /^200 · p2/);
  });

  it('summarizes a rendered payload for the confirmation dialog', () => {
    const current = JSON.stringify({ userId: 'u1', name: 'Signup', traits: { phones: { '+15551234567': { isPrimary: true }, '+15557654321': {} } } });
    const summary = summarizePayload(current);
    assert.deepEqual(summary, { eventName: 'Signup', userId: 'u1', phones: ['+15551234567', '+15557654321'], bytes: Buffer.byteLength(current) });
    const text = describeSummary('https://events.regalvoice.com/events', summary);
    assert.match(text, /^Endpoint: https:\/\/events\.regalvoice\.com\/events$/m);
    assert.match(text, /^Event name: Signup$/m);
    assert.match(text, /^Phones: \+15551234567, \+15557654321$/m);
    assert.match(text, new RegExp(`^Size: ${Buffer.byteLength(current)} bytes$`, 'm'));
    const legacyText = '{"traits":{"phone":"+15550001111","firstName":"Zoë"}}';
    const legacy = summarizePayload(legacyText);
    assert.deepEqual(legacy.phones, ['+15550001111']);
    assert.equal(legacy.bytes, legacyText.length + 1, 'bytes (ë is two), not characters');
    assert.match(describeSummary('x', legacy), /Event name: \(none: contact update only\)\nuserId: \(none\)\nPhone: \+15550001111/);
    assert.deepEqual(summarizePayload('not json'), { phones: [], bytes: 8 });
  });
});

describe('an endpoint set where it is ignored', () => {
  it('names the workspace or folder value and where to set it instead', async () => {
    const { ignoredEndpointNote } = await import('../../client/src/send/endpoint');
    assert.equal(ignoredEndpointNote({ globalValue: 'https://a.example/events' }), undefined);
    assert.match(
      ignoredEndpointNote({ workspaceValue: 'http://127.0.0.1:9/events' }) ?? '',
      /^The workspace settings set regal\.endpoint to "http:\/\/127\.0\.0\.1:9\/events", which is ignored: set it in your User settings/,
    );
    assert.match(ignoredEndpointNote({ workspaceValue: 'x', workspaceFolderValue: 'y' }) ?? '', /^The folder settings set regal\.endpoint to "y"/);
  });
});

describe('redaction of an echoed key in any encoding', () => {
  const key = 'rk_live_Ab3+/x=Q"<&>';
  const forms: Array<[string, string]> = [
    ['base64', Buffer.from(key).toString('base64')],
    ['base64 without padding', Buffer.from(key).toString('base64').replace(/=+$/, '')],
    ['base64url', Buffer.from(key).toString('base64url')],
    ['URL-encoded', encodeURIComponent(key)],
    ['HTML-escaped', key.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')],
    ['hex', Buffer.from(key).toString('hex')],
    ['JSON-escaped', JSON.stringify(key).slice(1, -1)],
  ];
  for (const [name, form] of forms) {
    it(`redacts the key ${name}`, () => {
      const redacted = redactSecret(`{"echo":"${form}"}`, key);
      assert.ok(!redacted.includes(form), redacted);
      assert.match(redacted, /<redacted>/);
    });
  }
});

describe('send history bounds', () => {
  const big = (n: number): SendHistoryEntry => ({
    time: new Date(n).toISOString(),
    endpoint: 'https://e',
    payload: 'x'.repeat(300_000),
    response: 'y'.repeat(100_000),
    source: `f${n}`,
    latencyMs: n,
  });

  it('cuts each entry and marks a cut payload as not resendable', () => {
    const [stored] = appendBounded([], big(1), 20);
    assert.ok(stored && stored.payload.length < 70_000 && (stored.response?.length ?? 0) < 20_000);
    assert.equal(stored?.payloadTruncated, true);
  });

  it('keeps the whole history under 1 MB and at most 200 entries, whatever the setting', () => {
    let list: SendHistoryEntry[] = [];
    for (let n = 1; n <= 40; n++) list = appendBounded(list, big(n), 1000);
    const chars = list.reduce((sum, e) => sum + e.payload.length + (e.response?.length ?? 0), 0);
    assert.ok(chars <= 1024 * 1024, `${chars} characters kept`);
    assert.equal(list[0]?.latencyMs, 40, 'the newest is kept');
    let many: SendHistoryEntry[] = [];
    for (let n = 1; n <= 250; n++) many = appendBounded(many, { time: 't', endpoint: 'e', payload: '{}', source: 's', latencyMs: n }, 10_000);
    assert.equal(many.length, 200);
  });
});
