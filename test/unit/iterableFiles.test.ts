/**
 * The files made from Iterable's answers: the field catalog (the shape the language server reads,
 * sorted, and what changed against the file there), and sample data from a user and their event,
 * which renders with the user's values; the renderer also reads Iterable's raw `{"user": …}` answer.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { catalogChanges, catalogText, describeChanges, hasChanges, replaceableAsCatalog } from '../../server/src/iterableApi/catalogUpdate';
import { parseEventsResponse, parseUserResponse } from '../../server/src/iterableApi/iterableResponses';
import { sampleFileName, sampleFileText, sampleFromIterable } from '../../server/src/iterableApi/iterableSample';
import { renderTemplate } from '../../server/src/rendering/renderTemplate';
import { parseSampleData } from '../../server/src/rendering/sampleData';
import { parseFieldCatalog } from '../../server/src/service/workspace/fieldCatalog';
import { MOCK_EVENTS, MOCK_USER } from '../support/mockIterable';

describe('field catalog from getFields', () => {
  const fields = new Map([
    ['phoneNumber', 'string'],
    ['age', 'long'],
    ['Lifetime Value', 'double'],
  ]);
  it('is the catalog the language server reads, names sorted', () => {
    const text = catalogText(fields);
    const parsed = parseFieldCatalog('file:///iterable-fields.json', text);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual([...(parsed.catalog?.fields.keys() ?? [])], ['Lifetime Value', 'age', 'phoneNumber']);
    assert.ok(text.endsWith('}\n'));
  });
  it('changes: added, removed, retyped; none when the same', () => {
    const before = catalogText(
      new Map([
        ['age', 'string'],
        ['gone', 'date'],
        ['phoneNumber', 'string'],
      ]),
    );
    const changes = catalogChanges(before, fields);
    assert.deepEqual(changes.added, ['Lifetime Value']);
    assert.deepEqual(changes.removed, ['gone']);
    assert.deepEqual(changes.retyped, [{ name: 'age', from: 'string', to: 'long' }]);
    assert.deepEqual(describeChanges(changes, 3), ['1 added: Lifetime Value', '1 removed: gone', '1 retyped: age (string → long)']);
    const same = catalogChanges(catalogText(fields), fields);
    assert.equal(hasChanges(same), false);
    assert.deepEqual(describeChanges(same, 3), ['No change: the same 3 fields.']);
  });
  it('a missing or unreadable file is replaced whole, and says so', () => {
    assert.deepEqual(describeChanges(catalogChanges(undefined, fields), 3), ['New catalog with 3 fields.']);
    const broken = catalogChanges('{"fields": [', fields);
    assert.equal(broken.previousUnreadable, true);
    assert.match(describeChanges(broken, 3)[0] ?? '', /^The current file is not a valid catalog/);
  });
  it('replaces only files that are catalogs, even broken ones, or empty', () => {
    for (const text of ['', '{"fields": {}}', '{"fields": {"a": 1}}', '{"fields": { "a": "string", }']) assert.equal(replaceableAsCatalog(text), true, text);
    for (const text of ['{"name": "x"}', '[]', 'export default 1;']) assert.equal(replaceableAsCatalog(text), false, text);
    // Files that only mention fields: a form definition, a source line, a note.
    for (const text of ['{"fields": [{"name": "email"}]}', 'const x = { "fields": {} };', '# Notes\n\nThe "fields" we fetch.'])
      assert.equal(replaceableAsCatalog(text), false, text);
  });
  it('long lists are cut with a count', () => {
    const many = new Map(Array.from({ length: 15 }, (_, i) => [`f${String(i).padStart(2, '0')}`, 'string'] as [string, string]));
    assert.match(describeChanges(catalogChanges('{"fields": {}}', many), 15, 3)[0] ?? '', /^15 added: f00, f01, f02 and 12 more$/);
  });
});

describe('sample data from an Iterable user', () => {
  const user = parseUserResponse({ user: MOCK_USER });
  const events = parseEventsResponse({ events: MOCK_EVENTS });
  assert.ok(user.ok && user.value && events.ok);
  const ada = user.value;
  const event = events.value[1];

  it('profile fields at the top level, the event\'s data fields in "event"', () => {
    const sample = sampleFromIterable(ada, event);
    assert.equal(sample.profile.firstName, 'Ada');
    assert.equal(sample.profile.email, 'ada@example.com');
    assert.equal('dataFields' in sample.profile, false);
    assert.equal(sample.event.educationalLevel, "Master's");
    assert.equal(sample.event.eventName, 'Application Step 1 Completed');
  });
  it("renders with the user's and the event's values", () => {
    const parsed = parseSampleData(sampleFileText(ada, event));
    assert.equal(parsed.problem, undefined);
    const rendered = renderTemplate(
      '{"traits": {"firstName": "{{firstName}}", "phone": "{{phoneNumber}}"}, "properties": {"level": "{{educationalLevel}}"}}',
      parsed.sample,
    );
    assert.deepEqual(rendered.json, { traits: { firstName: 'Ada', phone: '+16505551234' }, properties: { level: 'Master&#x27;s' } });
  });
  it('the raw {"user": …} answer pasted as the sample renders the user\'s values, not blanks', () => {
    const parsed = parseSampleData(JSON.stringify({ user: MOCK_USER }));
    assert.equal(parsed.problem, undefined);
    assert.equal(parsed.sample.profile.firstName, 'Ada');
    assert.equal(parsed.sample.profile.userId, 'u-1001');
    assert.equal(renderTemplate('{"name": "{{firstName}} {{lastName}}"}', parsed.sample).text, '{"name": "Ada Lovelace"}');
    // Anything else beside "user" keeps the old reading (a bare profile that happens to have a "user" field).
    assert.deepEqual(parseSampleData('{"user": {"a": 1}, "plan": "p"}').sample.profile, { user: { a: 1 }, plan: 'p' });
  });
  it('file names: no personal data, safe characters only', () => {
    assert.equal(sampleFileName(), 'iterable-user.json');
    assert.equal(sampleFileName('Application Step 1 Completed'), 'iterable-user.Application_Step_1_Completed.json');
    assert.equal(sampleFileName('../../etc/passwd'), 'iterable-user.etc_passwd.json');
    assert.equal(sampleFileName('...'), 'iterable-user.json');
  });
});
