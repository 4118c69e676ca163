/**
 * The gate every send goes through before anything leaves the machine (client/src/send/sendPolicy.ts):
 * workspace trust, a usable stored key, and the settings only the user may set (endpoint, confirmation,
 * timeout). Plain Node: the VS Code wiring only passes `workspace.isTrusted`, the secret and `inspect()`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_ENDPOINT } from '../../client/src/send/endpoint';
import { UNTRUSTED_MESSAGE } from '../../client/src/send/preflight';
import { planSend, type SendPlanInput } from '../../client/src/send/sendPolicy';

const base: SendPlanInput = { trusted: true, storedKey: 'key-1', settings: { endpoint: { defaultValue: DEFAULT_ENDPOINT } } };

describe('send policy', () => {
  it('sends to the default endpoint with the stored key, confirming, after 15 s by default', () => {
    const plan = planSend(base);
    assert.ok(plan.ok);
    assert.equal(plan.url.href, DEFAULT_ENDPOINT);
    assert.equal(plan.key, 'key-1');
    assert.equal(plan.confirm, true);
    assert.equal(plan.timeoutSeconds, 15);
  });

  it('refuses in an untrusted workspace, whatever else is set', () => {
    const plan = planSend({ ...base, trusted: false, settings: { endpoint: { globalValue: 'http://127.0.0.1:1/e' }, confirm: { globalValue: false } } });
    assert.deepEqual(plan, { ok: false, message: UNTRUSTED_MESSAGE });
  });

  it('asks for a key when none is stored, and for a new one when the stored key cannot go in a header', () => {
    for (const storedKey of [undefined, '']) {
      const plan = planSend({ ...base, storedKey });
      assert.ok(!plan.ok);
      assert.equal(plan.action, 'setApiKey');
      assert.match(plan.message, /^Not sent: no Regal API key is set\. Set it with "Regal: Set API Key"/);
    }
    for (const storedKey of ['ab\r\nX-Injected: 1', 'caf\u00e9', 'Bearer abc']) {
      const plan = planSend({ ...base, storedKey });
      assert.ok(!plan.ok, storedKey);
      assert.equal(plan.action, 'setApiKey');
      assert.match(plan.message, /^Not sent: the stored Regal API key cannot be used: .* Set it again with "Regal: Set API Key"\.$/);
      assert.ok(!plan.message.includes('ab\r') && !plan.message.includes('caf') && !plan.message.includes('abc'), 'the message never repeats the key');
    }
  });

  it('takes the endpoint, the confirmation and the timeout from user settings only', () => {
    const plan = planSend({
      ...base,
      settings: {
        endpoint: { defaultValue: DEFAULT_ENDPOINT, workspaceValue: 'https://evil.example/e', workspaceFolderValue: 'https://evil.example/f' },
        confirm: { defaultValue: true, workspaceValue: false, workspaceFolderValue: false },
        timeoutSeconds: { defaultValue: 15, workspaceValue: 1 },
      },
    });
    assert.ok(plan.ok);
    assert.equal(plan.url.href, DEFAULT_ENDPOINT);
    assert.equal(plan.confirm, true, 'a workspace cannot turn the confirmation off');
    assert.equal(plan.timeoutSeconds, 15);
    const user = planSend({
      ...base,
      settings: { endpoint: { globalValue: 'http://[::1]:8080/events' }, confirm: { globalValue: false }, timeoutSeconds: { globalValue: 3 } },
    });
    assert.ok(user.ok);
    assert.deepEqual([user.url.href, user.confirm, user.timeoutSeconds], ['http://[::1]:8080/events', false, 3]);
  });

  it('refuses endpoints that would expose the key, pointing at the setting', () => {
    for (const endpoint of [
      'http://127.0.0.1.evil.com/e',
      'http://localhost@evil.com/e',
      'https://user:pass@events.regalvoice.com/events',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'http://events.regalvoice.com/events',
    ]) {
      const plan = planSend({ ...base, settings: { endpoint: { globalValue: endpoint } } });
      assert.ok(!plan.ok, endpoint);
      assert.equal(plan.action, 'openEndpointSetting');
      assert.match(plan.message, /^Not sent: The "regal\.endpoint" setting/);
    }
    const spaced = planSend({ ...base, settings: { endpoint: { globalValue: '  HTTPS://Events.RegalVoice.com/events  ' } } });
    assert.ok(spaced.ok);
    assert.equal(spaced.url.href, DEFAULT_ENDPOINT);
  });

  it('keeps the timeout between 1 and 120 s and ignores values of the wrong type', () => {
    const timeout = (value: unknown) => {
      const plan = planSend({ ...base, settings: { timeoutSeconds: { globalValue: value as number } } });
      assert.ok(plan.ok);
      return plan.timeoutSeconds;
    };
    assert.deepEqual([timeout(0), timeout(500), timeout('5'), timeout(Number.NaN), timeout(2.5)], [1, 120, 15, 15, 2.5]);
    const confirm = planSend({ ...base, settings: { confirm: { globalValue: 'no' as unknown as boolean } } });
    assert.ok(confirm.ok);
    assert.equal(confirm.confirm, true);
  });
});
