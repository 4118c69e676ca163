/**
 * Which JSON files look like a Regal payload under another name, so the extension offers to rename
 * them to *.regal.json or associate them with regal-webhook: the client's filter by name and content
 * (client/src/detection/payloadLookalike.ts), then the server's reading of the text
 * (`regal/looksLikePayload`, server/src/service/workspace/payloadLookalike.ts).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { associationPattern, isLookalikeCandidate, regalFileName } from '../../client/src/detection/payloadLookalike';
import { readsAsRegalPayload } from '../../server/src/service/workspace/payloadLookalike';
import { repoRoot } from '../support/service';

/** The whole check: the client asks the server only about candidates. */
const looksLikeRegalPayload = (fileName: string, text: string) => isLookalikeCandidate(fileName, text) && readsAsRegalPayload(text).looksLike;

describe('looksLikeRegalPayload', () => {
  it('spots the examples and the guide originals when they are saved as .json', () => {
    for (const dir of ['examples', 'examples/guide-originals']) {
      for (const file of ['create-contact.regal.json', 'update-opt-in.regal.json', 'send-event.regal.json']) {
        const text = readFileSync(path.join(repoRoot, dir, file), 'utf8');
        assert.ok(looksLikeRegalPayload(file.replace('.regal.json', '.json'), text), `${dir}/${file} as .json`);
        assert.ok(!looksLikeRegalPayload(file, text), `${file} already is a payload file`);
      }
    }
  });

  it('reads the top level through Handlebars: blocks around members, booleans written with {{#if}}', () => {
    const text = '{ {{#if userId}}"userId": "{{userId}}",{{/if}} "optIn": {{#if v}}true{{else}}false{{/if}} }';
    assert.ok(looksLikeRegalPayload('a.json', text));
    assert.ok(looksLikeRegalPayload('event.json', '{ "name": "Signup", "properties": { "plan": "{{plan}}" } }'));
    assert.ok(looksLikeRegalPayload('e.json', '{ "eventSource": "iterable", "x": "{{y}}" }'));
    assert.ok(looksLikeRegalPayload('C:\\\\work\\\\contact.JSON', '{ "traits": { "phone": "{{phoneNumber}}" } }'));
  });

  it('leaves other JSON alone', () => {
    assert.ok(!looksLikeRegalPayload('a.json', '{ "traits": { "phone": "+16505551234" } }'), 'no Handlebars');
    assert.ok(!looksLikeRegalPayload('a.json', '{ "name": "{{x}}" }'), 'name alone');
    assert.ok(!looksLikeRegalPayload('a.json', '{ "data": { "traits": "{{x}}" } }'), 'not at the top level');
    assert.ok(!looksLikeRegalPayload('a.json', '[{ "traits": "{{x}}" }]'), 'an array');
    assert.ok(!looksLikeRegalPayload('a.jsonc', '{ "traits": "{{x}}" }'), 'not .json');
    assert.ok(!looksLikeRegalPayload('package.json', '{ "name": "x", "properties": "{{y}}" }'));
    assert.ok(!looksLikeRegalPayload('.vscode/settings.json', '{ "userId": "{{y}}" }'));
    assert.ok(!looksLikeRegalPayload('regal.sample.json', '{ "profile": { "userId": "{{y}}" } }'));
    assert.ok(!looksLikeRegalPayload('a.json', `{ "userId": "{{x}}", "pad": "${'x'.repeat(300_000)}" }`), 'too big to be a hand-written payload');
    assert.ok(!looksLikeRegalPayload('a.json', ''));
    assert.ok(!looksLikeRegalPayload('a.json', '{{'));
  });
});

describe('renaming and associating', () => {
  it('gives the .regal.json name and the files.associations pattern', () => {
    assert.equal(regalFileName('send-event.json'), 'send-event.regal.json');
    assert.equal(regalFileName('Send.JSON'), 'Send.regal.json');
    assert.equal(associationPattern('send-event.json'), 'send-event.json');
    assert.equal(associationPattern('payloads/send-event.json'), '**/payloads/send-event.json');
    assert.equal(associationPattern('payloads\\send-event.json'), '**/payloads/send-event.json');
  });
});

describe('readsAsRegalPayload (the regal/looksLikePayload answer)', () => {
  it('says which keys made it a payload, or why not', () => {
    assert.deepEqual(readsAsRegalPayload('{ "traits": { "phone": "{{phoneNumber}}" } }'), { looksLike: true, reason: 'top-level "traits"' });
    assert.deepEqual(readsAsRegalPayload('{ "name": "x", "properties": { "a": "{{b}}" } }'), { looksLike: true, reason: 'top-level "name" and "properties"' });
    assert.equal(readsAsRegalPayload('{ "traits": {} }').reason, 'no Handlebars');
    assert.equal(readsAsRegalPayload('[{ "traits": "{{x}}" }]').reason, 'no JSON object at the top level');
    assert.equal(readsAsRegalPayload('{ "data": "{{x}}" }').looksLike, false);
  });
});
