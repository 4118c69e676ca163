/**
 * The gate of the Iterable commands (client/src/iterable/iterableAccessPlan.ts): untrusted workspaces,
 * a missing or unusable key, the region and the test base URL read from user settings only; and a real
 * TLS failure (an https stand-in with a self-signed certificate made by openssl) worded in one line.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { planIterableAccess, UNTRUSTED_ITERABLE_MESSAGE } from '../../client/src/iterable/iterableAccessPlan';
import { IterableClient } from '../../server/src/iterableApi/iterableClient';
import { fetchFields } from '../../server/src/iterableApi/iterableRequests';
import { loopbackCertificate } from '../support/loopbackCertificate';

describe('Iterable access plan', () => {
  it('untrusted workspaces never call Iterable', () => {
    assert.deepEqual(planIterableAccess({ trusted: false, storedKey: 'k' }), { ok: false, message: UNTRUSTED_ITERABLE_MESSAGE });
  });
  it('no key, or a stored key that cannot be a header: set it again', () => {
    const none = planIterableAccess({ trusted: true, storedKey: undefined });
    assert.ok(!none.ok && none.action === 'setKey');
    const broken = planIterableAccess({ trusted: true, storedKey: 'a\nb' });
    assert.ok(!broken.ok && broken.action === 'setKey' && !broken.message.includes('a\nb'));
  });
  it('the region from user settings; a workspace value is ignored', () => {
    const eu = planIterableAccess({ trusted: true, storedKey: 'k', region: { globalValue: 'eu', defaultValue: 'us' } });
    assert.ok(eu.ok && eu.baseUrl.host === 'api.eu.iterable.com' && eu.region === 'eu');
    const fromWorkspace = planIterableAccess({ trusted: true, storedKey: 'k', region: { workspaceValue: 'eu', defaultValue: 'us' } });
    assert.ok(fromWorkspace.ok && fromWorkspace.baseUrl.host === 'api.iterable.com');
  });
  it('the test base URL: loopback http from user settings only', () => {
    const loopback = planIterableAccess({ trusted: true, storedKey: 'k', apiBaseUrl: { globalValue: 'http://127.0.0.1:8080', defaultValue: '' } });
    assert.ok(loopback.ok && loopback.baseUrl.href === 'http://127.0.0.1:8080/' && loopback.region === undefined);
    const workspace = planIterableAccess({ trusted: true, storedKey: 'k', apiBaseUrl: { workspaceValue: 'https://evil.example', defaultValue: '' } });
    assert.ok(workspace.ok && workspace.baseUrl.host === 'api.iterable.com');
    const plain = planIterableAccess({ trusted: true, storedKey: 'k', apiBaseUrl: { globalValue: 'http://proxy.example', defaultValue: '' } });
    assert.ok(!plain.ok && /^The "regal\.iterable\.apiBaseUrl" setting uses http:\/\/ for proxy\.example/.test(plain.message));
  });
});

describe('Iterable over TLS', () => {
  it('a certificate the client does not trust: one line naming the TLS error', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'regal-tls-'));
    const server = https.createServer(loopbackCertificate(dir), (_req, res) => res.end('{"fields": {}}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const client = new IterableClient({
        baseUrl: new URL(`https://127.0.0.1:${(server.address() as AddressInfo).port}`),
        apiKey: 'k',
        keySource: 'ITERABLE_API_KEY',
        regionSource: '--region',
      });
      const result = await fetchFields(client);
      assert.ok(!result.ok);
      assert.equal(result.failure.kind, 'tls');
      assert.match(result.failure.message, /^Could not open a secure connection to 127\.0\.0\.1:\d+ \(TLS: DEPTH_ZERO_SELF_SIGNED_CERT\)/);
      assert.equal(result.failure.message.includes('\n'), false);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
