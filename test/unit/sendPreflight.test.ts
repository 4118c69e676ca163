/**
 * What stops a send before any request: rendering problems and the language server's errors, each
 * with a specific message.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkRendered, checkStoredPayload } from '../../client/src/send/preflight';

const clean = { count: 0 };

describe('send preflight', () => {
  it('passes the rendered text through unchanged when nothing is wrong', () => {
    const text = '{ "name": "Signup" }\n';
    assert.deepEqual(checkRendered('a.regal.json', { text }, clean), { ok: true, payload: text });
  });

  it('refuses invalid JSON with the line and column in the rendered payload', () => {
    const result = checkRendered('a.regal.json', { text: '{ "a": }', jsonError: { message: 'Value expected', line: 1, column: 8, offset: 7 } }, clean);
    assert.ok(!result.ok);
    assert.equal(
      result.message,
      'Not sent: a.regal.json renders to invalid JSON (Value expected at line 1:8 of the rendered payload). Open "Regal: Preview Rendered Payload" to see it.',
    );
    assert.equal(result.action, 'openPreview');
  });

  it('refuses template errors and skipped renders, at their place in the file', () => {
    const template = checkRendered('a.regal.json', { templateError: { message: 'Parse error', offset: 10 } }, clean, { line: 2, column: 5 });
    assert.ok(!template.ok);
    assert.equal(template.message, 'Not sent: the Handlebars in a.regal.json cannot be rendered at line 2:5: Parse error');
    const skipped = checkRendered('a.regal.json', { skipped: { reason: 'uses {{#each}} over an unknown list' } }, clean);
    assert.ok(!skipped.ok);
    assert.equal(skipped.message, 'Not sent: a.regal.json was not rendered: uses {{#each}} over an unknown list');
  });

  it('refuses files with errors, counting them and quoting the first', () => {
    const errors = { count: 3, first: { position: { line: 2, column: 34 }, message: 'Comments are not allowed' } };
    const result = checkRendered('a.regal.json', { text: '{}' }, errors);
    assert.ok(!result.ok);
    assert.equal(
      result.message,
      'Not sent: a.regal.json has 3 errors. The first, at line 2:34: Comments are not allowed. Fix them first (see the Problems view).',
    );
    const one = checkRendered('a.regal.json', { text: '{}' }, { count: 1, first: errors.first });
    assert.ok(!one.ok);
    assert.match(one.message, /has 1 error\. .* Fix it first/);
  });

  it('checks a stored payload is still JSON before a resend', () => {
    assert.deepEqual(checkStoredPayload('{"a":1}'), { ok: true, payload: '{"a":1}' });
    const bad = checkStoredPayload('{');
    assert.ok(!bad.ok);
    assert.match(bad.message, /^Not sent: the stored payload is not valid JSON/);
  });
});
