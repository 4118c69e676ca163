/**
 * The Iterable setup checklist of `Regal: Copy Body for Iterable` (client/src/iterable/setupChecklist.ts):
 * the workflow read from the payload (event, opt-in update, contact creation) and the trigger Regal's
 * guide gives for it, on the guide's own payloads; and the manifest's Iterable settings, which a
 * workspace must not be able to set.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { detectWorkflow, setupChecklist } from '../../client/src/iterable/setupChecklist';
import { repoRoot } from '../support/service';

const example = (name: string) => readFileSync(path.join(repoRoot, 'examples', name), 'utf8');

describe('Iterable setup checklist', () => {
  it("reads the workflow of each of the guide's payloads (examples/, both shapes)", () => {
    const expected: Record<string, string> = { 'create-contact': 'createContact', 'update-opt-in': 'optInUpdate', 'send-event': 'event' };
    const files = readdirSync(path.join(repoRoot, 'examples')).filter((name) => name.endsWith('.regal.json'));
    assert.equal(files.length, 6);
    for (const name of files) {
      const workflow = detectWorkflow(example(name));
      assert.equal(workflow.kind, expected[name.split('.')[0] as string], name);
      assert.match(setupChecklist({ fileName: name, text: example(name), endpoint: 'https://events.regalvoice.com/events' }), /- \[ \] Trigger \(this payload/);
    }
  });

  it('reads event names, opt-in fields and contacts', () => {
    assert.deepEqual(detectWorkflow('{"userId": "{{userId}}", "name": "Application Step 1 Completed", "properties": {}}'), {
      kind: 'event',
      eventName: 'Application Step 1 Completed',
    });
    assert.deepEqual(detectWorkflow('{"name": "{{eventName}}"}'), { kind: 'event' });
    assert.deepEqual(detectWorkflow('{"traits": {"optIn": [{"channel": "voice", "subscribed": "{{voice_optin_subscribed}}"}]}}'), {
      kind: 'optInUpdate',
      field: 'voice_optin_subscribed',
    });
    assert.deepEqual(detectWorkflow('{"traits": {"phones": {"+1": {"voice": {"subscribed": {{#if voice_ok}}true{{else}}false{{/if}}}}}}}'), {
      kind: 'optInUpdate',
      field: 'voice_ok',
    });
    assert.deepEqual(detectWorkflow('{"traits": {"phone": "{{phoneNumber}}", "optIn": [{"channel": "sms", "subscribed": true}]}}'), { kind: 'createContact' });
  });

  it('lists method, endpoint, the Authorization header without a key, the checkbox and the trigger', () => {
    const text = setupChecklist({
      fileName: 'event.regal.json',
      text: '{"name": "Signed Up", "properties": {}}',
      endpoint: 'https://events.regalvoice.com/events',
    });
    assert.match(text, /^# Iterable webhook setup for event\.regal\.json$/m);
    assert.match(text, /- \[ \] Method: \*\*POST\*\*/);
    assert.match(text, /- \[ \] Endpoint: `https:\/\/events\.regalvoice\.com\/events`/);
    assert.match(text, /- \[ \] Header: `Authorization` = your Regal API key/);
    assert.match(text, /Uncheck "send email and workflowId"/);
    assert.match(text, /\*\*Custom Event\*\* "Signed Up"/);
    const contact = setupChecklist({ fileName: 'c.regal.json', text: '{"traits": {"phone": "{{phoneNumber}}"}}', endpoint: 'https://e.example/events' });
    assert.match(contact, /\*\*User Profile Field Updated\*\* for the phone number field, with a filter that the phone number is set/);
  });
});

describe('Iterable settings in the manifest', () => {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { scope?: string; enum?: string[]; default?: unknown }> } };
  };
  it('region (us, eu) and the test base URL are read from user settings only', () => {
    const settings = manifest.contributes.configuration.properties;
    assert.deepEqual(settings['regal.iterable.region']?.enum, ['us', 'eu']);
    assert.equal(settings['regal.iterable.region']?.default, 'us');
    assert.equal(settings['regal.iterable.region']?.scope, 'application');
    assert.equal(settings['regal.iterable.apiBaseUrl']?.scope, 'application');
  });
});
