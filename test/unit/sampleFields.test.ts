/**
 * Sample data for `Regal: Create Sample Data` and the preview's "Blank with this sample" line: which
 * fields a payload reads and their typed placeholders (the server's answer to `regal/mergeFieldsUsed`,
 * server/src/service/workspace/mergeFieldsUsed.ts), and adding the missing fields to an existing
 * sample without touching the user's values (client/src/sampleData/sampleFields.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blankFields, mergeSampleFields as mergeSampleFieldList, type SampleMerge } from '../../client/src/sampleData/sampleFields';
import { SAMPLE_DATE, mergeFieldsUsed, payloadFieldNames, sampleValueFor, sampleValueForType } from '../../server/src/service/workspace/mergeFieldsUsed';
import { parseSampleData } from '../../server/src/rendering/sampleData';
import type { FieldCatalog } from '../../server/src/service/workspace/workspaceContext';

const catalog: FieldCatalog = {
  uri: 'file:///w/iterable-fields.json',
  fields: new Map([
    ['voice_optin', 'boolean'],
    ['age', 'long'],
    ['score', 'double'],
    ['lastSeen', 'date'],
    ['prefs', 'object'],
    ['location', 'geo_location'],
    ['plan', 'string'],
  ]),
};

/** The client's merge, given the fields with the placeholders the server would send for them. */
const mergeSampleFields = (existing: string | undefined, names: readonly string[], withCatalog: FieldCatalog | undefined) =>
  mergeSampleFieldList(
    existing,
    names.map((name) => ({ name, sample: sampleValueFor(name, withCatalog) })),
  );

const merged = (result: ReturnType<typeof mergeSampleFields>): SampleMerge => {
  assert.ok(!('problem' in result), `no problem: ${'problem' in result ? result.problem : ''}`);
  return result;
};

describe('payloadFieldNames', () => {
  it('lists the profile and event fields a payload reads, once each, in document order', () => {
    const template = `{
  "userId": "{{userId}}",
  "traits": { "phone": "{{phoneNumber}}", "firstName": "{{profile.firstName}}", "city": "{{address.city}}", "n": "{{[First Name]}}" },
  "properties": {
    "items": [{{#each orders}}"{{sku}} {{@index}} {{this}}"{{/each}}],
    "first": "{{orders.[0].sku}}",
    "v": {{#if voice_optin}}true{{else}}false{{/if}},
    "src": "{{defaultIfEmpty leadSource 'web'}}",
    "since": "{{dateFormat signupDate 'yyyy'}}",
    "again": "{{userId}}"
  }
}`;
    assert.deepEqual(payloadFieldNames(template), [
      'userId',
      'phoneNumber',
      'profile.firstName',
      'address.city',
      'First Name',
      'orders.0.sku',
      'voice_optin',
      'leadSource',
      'signupDate',
    ]);
  });

  it('leaves out fields inside {{#each}}, `as |x|` names, {{#assign}} variables and liveData', () => {
    const template = `{ "a": "{{#each cart as |item|}}{{item.name}}{{price}}{{/each}}", "b": "{{#assign 'total'}}1{{/assign}}{{total}}", "c": "{{liveData.x.y}}", "d": "{{plan}}" }`;
    assert.deepEqual(payloadFieldNames(template), ['cart', 'plan']);
  });
});

describe('mergeFieldsUsed (the regal/mergeFieldsUsed answer)', () => {
  it('gives each field its catalog or standard type and its placeholder', () => {
    const template = '{ "a": "{{voice_optin}}", "b": "{{signupDate}}", "c": "{{unknown}}", "d": "{{profile.email}}" }';
    assert.deepEqual(mergeFieldsUsed(template, catalog), [
      { name: 'voice_optin', type: 'boolean', sample: false },
      { name: 'signupDate', type: 'date', sample: SAMPLE_DATE },
      { name: 'unknown', sample: '' },
      { name: 'profile.email', type: 'string', sample: 'ada.lovelace@example.com' },
    ]);
  });
});

describe('sample values', () => {
  it('are typed from the Iterable type', () => {
    assert.equal(sampleValueForType('string'), '');
    assert.equal(sampleValueForType('long'), 0);
    assert.equal(sampleValueForType('double'), 0);
    assert.equal(sampleValueForType('boolean'), false);
    assert.equal(sampleValueForType('date'), SAMPLE_DATE);
    assert.equal(SAMPLE_DATE, '2024-01-31 00:00:00 +00:00');
    assert.deepEqual(sampleValueForType('object'), {});
    assert.equal(sampleValueForType('nested'), '');
    assert.equal(sampleValueForType(undefined), '');
  });

  it('come from the catalog, else from Iterable standard fields; phone and email get plausible values', () => {
    assert.equal(sampleValueFor('voice_optin', catalog), false);
    assert.equal(sampleValueFor('profile.age', catalog), 0);
    assert.equal(sampleValueFor('lastSeen', catalog), SAMPLE_DATE);
    assert.equal(sampleValueFor('location.lat', catalog), 0);
    assert.equal(sampleValueFor('signupDate', undefined), SAMPLE_DATE, 'a standard field without a catalog');
    assert.equal(sampleValueFor('unknown', catalog), '');
    assert.equal(sampleValueFor('phoneNumber', undefined), '+16505551234');
    assert.equal(sampleValueFor('profile.email', catalog), 'ada.lovelace@example.com');
    assert.match(String(sampleValueFor('phoneNumber', catalog)), /^\+[1-9]\d{7,14}$/);
  });
});

describe('mergeSampleFields', () => {
  const fields = ['phoneNumber', 'email', 'voice_optin', 'age', 'prefs', 'address.city', 'orders.0.sku', 'profile.firstName'];

  it('writes a new sample with every field, typed, under profile', () => {
    const result = merged(mergeSampleFields(undefined, fields, catalog));
    assert.deepEqual(JSON.parse(result.text), {
      profile: {
        phoneNumber: '+16505551234',
        email: 'ada.lovelace@example.com',
        voice_optin: false,
        age: 0,
        prefs: {},
        address: { city: '' },
        orders: [{ sku: '' }],
        firstName: '',
      },
      event: {},
    });
    assert.deepEqual(result.added, fields);
    assert.ok(result.text.endsWith('}\n'));
    assert.equal(parseSampleData(result.text).problem, undefined, 'the renderer reads it');
  });

  it('adds only the missing fields and keeps every value and line of the existing file', () => {
    const existing =
      '{\n    "profile": {\n        "firstName": "Grace",\n        "voice_optin": true,\n        "address": { "zip": "02139" }\n    },\n    "event": { "age": 41 }\n}\n';
    const result = merged(mergeSampleFields(existing, fields, catalog));
    assert.deepEqual(result.added, ['phoneNumber', 'email', 'prefs', 'address.city', 'orders.0.sku']);
    assert.deepEqual(result.kept, ['voice_optin', 'age', 'profile.firstName']);
    const sample = JSON.parse(result.text);
    assert.equal(sample.profile.firstName, 'Grace');
    assert.equal(sample.profile.voice_optin, true);
    assert.deepEqual(sample.profile.address, { zip: '02139', city: '' });
    assert.deepEqual(sample.event, { age: 41 });
    assert.match(result.text, /^ {8}"phoneNumber": "\+16505551234",?$/m, "new lines use the file's indentation");
    // Running it again adds nothing and changes nothing.
    const again = merged(mergeSampleFields(result.text, fields, catalog));
    assert.deepEqual(again.added, []);
    assert.equal(again.text, result.text);
  });

  it('never replaces a value, even an empty one, nor one in the way of a path', () => {
    const existing = '{ "profile": { "email": "", "address": "none" } }';
    const result = merged(mergeSampleFields(existing, ['email', 'address.city'], catalog));
    assert.deepEqual(result.added, []);
    assert.deepEqual(result.kept, ['email']);
    assert.deepEqual(result.conflicts, ['address.city']);
    assert.equal(result.text, existing);
  });

  it("reads Iterable's API shape and bare profiles, and adds a missing profile section", () => {
    const api = merged(mergeSampleFields('{ "email": "a@example.com", "dataFields": { "age": 3 } }', ['email', 'age', 'plan'], catalog));
    assert.deepEqual(JSON.parse(api.text), { email: 'a@example.com', dataFields: { age: 3, plan: '' } });
    const bare = merged(mergeSampleFields('{ "plan": "gold" }', ['plan', 'age'], catalog));
    assert.deepEqual(JSON.parse(bare.text), { plan: 'gold', age: 0 });
    const eventOnly = merged(mergeSampleFields('{ "event": { "plan": "gold" } }', ['plan', 'profile.plan'], catalog));
    assert.deepEqual(JSON.parse(eventOnly.text), { profile: { plan: '' }, event: { plan: 'gold' } });
  });

  it('refuses a file it cannot read, so nothing is lost', () => {
    for (const broken of ['{ "profile": { "a": 1, } }', '{ // note\n "profile": {} }', '[1]', '{ "profile": [] }']) {
      const result = mergeSampleFields(broken, ['plan'], catalog);
      assert.ok('problem' in result, `refuses ${broken}`);
    }
  });
});

describe('blankFields', () => {
  it('lists the fields the sample lacks or has null or empty, reading the event first and profile. from the profile', () => {
    const sample = { profile: { firstName: '', age: 0, ok: false, address: { city: 'Austin' }, plan: 'gold' }, event: { phoneNumber: null, plan: '' } };
    assert.deepEqual(
      blankFields(['firstName', 'age', 'ok', 'address.city', 'address.zip', 'phoneNumber', 'email', 'plan', 'profile.plan'], sample),
      // The event's empty `plan` wins over the profile's, as in Iterable; `profile.plan` reads the profile.
      ['firstName', 'address.zip', 'phoneNumber', 'email', 'plan'],
    );
  });
});
