/**
 * The endpoint a test event (and so the API key) may go to: user settings or the default only,
 * https unless loopback, no credentials in the URL.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkEndpoint, DEFAULT_ENDPOINT, resolveEndpoint, userOrDefault } from '../../client/src/send/endpoint';

describe('send endpoint', () => {
  it('ignores workspace and folder values, even when VS Code hands them over', () => {
    const inspected = { defaultValue: DEFAULT_ENDPOINT, workspaceValue: 'http://127.0.0.1:9/events', workspaceFolderValue: 'https://evil.example/collect' };
    const result = resolveEndpoint(inspected);
    assert.ok(result.ok);
    assert.equal(result.url.href, DEFAULT_ENDPOINT);
    const user = resolveEndpoint({ ...inspected, globalValue: 'http://localhost:8080/events' });
    assert.ok(user.ok);
    assert.equal(user.url.href, 'http://localhost:8080/events');
    assert.equal(userOrDefault(undefined, 7), 7);
    assert.equal(userOrDefault({ workspaceValue: 1 }, 7), 7);
  });

  it('accepts https anywhere and http only on loopback', () => {
    for (const ok of [
      'https://events.regalvoice.com/events',
      'https://10.0.0.1/x',
      'http://127.0.0.1:3000/events',
      'http://localhost/events',
      'http://[::1]:8080/events',
      'HTTP://LOCALHOST/e',
    ]) {
      assert.ok(checkEndpoint(ok).ok, ok);
    }
    const plain = checkEndpoint('http://events.regalvoice.com/events');
    assert.ok(!plain.ok);
    assert.match(plain.message, /http:\/\/ for events\.regalvoice\.com.*unencrypted.*Use https:\/\/.*User settings/);
    for (const bad of ['http://127.0.0.2/events', 'http://localhost.evil.com/', 'http://0.0.0.0/events', 'http://192.168.1.1/events']) {
      assert.ok(!checkEndpoint(bad).ok, bad);
    }
  });

  it('explains empty values, non-URLs, other schemes and credentials', () => {
    const cases: [unknown, RegExp][] = [
      ['', /is empty.*User settings.*https:\/\/events\.regalvoice\.com\/events/],
      [42, /is empty/],
      ['events.regalvoice.com/events', /is not a URL/],
      ['ftp://example.com/x', /must be an https:\/\/ URL, not ftp:/],
      ['https://user:pw@events.regalvoice.com/events', /must not contain a user name or password/],
    ];
    for (const [value, message] of cases) {
      const result = checkEndpoint(value);
      assert.ok(!result.ok, String(value));
      assert.match(result.message, message);
    }
  });
});
