/**
 * For every diagnostic code the service reports on its own (the workspace codes are in
 * test/unit/workspace.test.ts): payloads that must raise it (at the ⟦marked⟧ range) and near misses
 * that must not. test/unit/diagnostics.test.ts checks both; test/unit/messages.test.ts checks the
 * messages the raise cases get. Payloads carry a phone so that `missing-phone` stays out of the way
 * unless tested.
 */
import { MAX_DIAGNOSTICS, MAX_DOCUMENT_BYTES } from '../../server/src/service/limits';

const PHONES = '{ "traits": { "phones": { "+12225555555": {} } } }';

export interface Case {
  title: string;
  raise: string;
  nearMiss: string;
}

export const diagnosticCases: Record<string, Case[]> = {
  'invalid-json': [
    {
      title: 'missing comma between properties',
      raise: '{ "traits": { "phones": { "+12225555555": {} } }, "name": "A" ⟦"eventSource"⟧: "iterable" }',
      nearMiss: '{ "traits": { "phones": { "+12225555555": {} } }, "name": "A", "eventSource": "iterable" }',
    },
    {
      title: 'merge field outside quotes in key position',
      raise: '{ "traits": { "phones": { "+12225555555": {} }, ⟦{{key}}⟧: 1 } }',
      nearMiss: '{ "traits": { "phones": { "+12225555555": {} }, "{{key}}": 1 } }',
    },
    {
      title: 'empty payload',
      raise: '⟦⟧',
      nearMiss: '{ "traits": { "phones": { "+12225555555": {} } } }',
    },
  ],
  comment: [
    {
      title: "line comment as in Regal's guide",
      raise: '{\n  "userId": "{{uniqueIdentifier}}", ⟦//this is optional⟧\n  "traits": { "phone": "{{phoneNumber}}" }\n}',
      nearMiss: '{\n  "userId": "{{uniqueIdentifier}}",\n  "traits": { "phone": "{{phoneNumber}}" }\n}',
    },
    {
      title: 'block comment',
      raise: '{ ⟦/* contact */⟧ "traits": { "phone": "{{phoneNumber}}" } }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}", "note": "/* not a comment */ // nor this" } }',
    },
  ],
  'trailing-comma': [
    {
      title: 'comma before }',
      raise: '{ "traits": { "phone": "{{phoneNumber}}"⟦,⟧ } }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}" } }',
    },
    {
      title: 'comma that remains when {{#if}} renders nothing',
      raise: '{ "traits": { "phone": "{{phoneNumber}}"⟦,⟧ {{#if email}}"email": "{{email}}"{{/if}} } }',
      nearMiss: '{ "traits": { {{#if email}}"email": "{{email}}",{{/if}} "phone": "{{phoneNumber}}" } }',
    },
  ],
  'duplicate-key': [
    {
      title: 'same key twice',
      raise: '{ "traits": { "phone": "{{phoneNumber}}" }, "name": "A", ⟦"name"⟧: "B" }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}" }, {{#if a}}"name": "A"{{else}}"name": "B"{{/if}} }',
    },
    {
      title: 'two phones keyed by different merge fields are different keys',
      raise: '{ "traits": { "phones": { "{{phoneNumber}}": {}, ⟦"{{phoneNumber}}"⟧: {} } } }',
      nearMiss: '{ "traits": { "phones": { "{{phoneNumber}}": {}, "{{workPhone}}": {} } } }',
    },
  ],
  'missing-identifier': [
    {
      title: 'no userId, phone or email',
      raise: '{ "name": "Signup", ⟦"traits"⟧: { "firstName": "{{firstName}}" } }',
      nearMiss: '{ "name": "Signup", "userId": "{{userId}}", "traits": { "firstName": "{{firstName}}" } }',
    },
    {
      title: 'empty phones object and nothing else',
      raise: '{ "traits": { ⟦"phones"⟧: {} } }',
      nearMiss: '{ "traits": { "phones": { "{{phoneNumber}}": {} } } }',
    },
    {
      title: 'no traits at all',
      raise: '⟦{⟧ "name": "Signup" }',
      nearMiss: '{ "name": "Signup", "traits": { "phones": { "{{phoneNumber}}": {} } } }',
    },
  ],
  'missing-phone': [
    {
      title: 'a contact identified by email only',
      raise: '{ ⟦"traits"⟧: { "email": "{{email}}" } }',
      nearMiss: '{ "traits": { "email": "{{email}}", "phone": "{{phoneNumber}}" } }',
    },
    {
      title: 'a contact identified by userId only',
      raise: '{ "userId": "{{userId}}", ⟦"traits"⟧: { "firstName": "{{firstName}}" } }',
      nearMiss: '{ "userId": "{{userId}}", "name": "Signup", "traits": { "firstName": "{{firstName}}" } }',
    },
    {
      title: 'an event identified by email only (an event with userId only is fine)',
      raise: '{ "name": "Signup", ⟦"traits"⟧: { "emails": { "{{email}}": {} } } }',
      nearMiss: '{ "name": "Signup", "userId": "{{userId}}" }',
    },
  ],
  'optin-required': [
    {
      title: 'optIn item without subscribed',
      raise: '{ "traits": { "phone": "{{phoneNumber}}", "optIn": [ ⟦{⟧ "channel": "sms" } ] } }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}", "optIn": [ { "channel": "sms", "subscribed": true } ] } }',
    },
  ],
  'optin-channel': [
    {
      title: 'unsupported channel',
      raise: '{ "traits": { "phone": "{{phoneNumber}}", "optIn": [ { "channel": ⟦"Voice"⟧, "subscribed": true } ] } }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}", "optIn": [ { "channel": "email", "subscribed": true } ] } }',
    },
  ],
  'quoted-boolean': [
    {
      title: 'quoted merge field in subscribed',
      raise: '{ "traits": { "phone": "{{phoneNumber}}", "optIn": [ { "channel": "sms", "subscribed": ⟦"{{flag}}"⟧ } ] } }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}", "optIn": [ { "channel": "sms", "subscribed": {{#if flag}}true{{else}}false{{/if}} } ] } }',
    },
    {
      title: 'any boolean key, with a block inside the quotes',
      raise: '{ "traits": { "phones": { "{{phoneNumber}}": { "isPrimary": ⟦"{{#if p}}true{{else}}false{{/if}}"⟧ } } } }',
      nearMiss: '{ "traits": { "phones": { "{{phoneNumber}}": { "isPrimary": true, "label": "{{label}}" } } } }',
    },
  ],
  'unquoted-merge-field': [
    {
      title: 'bare merge field as a value',
      raise: '{ "traits": { "phone": "{{phoneNumber}}", "age": ⟦{{age}}⟧ } }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}", "age": {{#if age}}{{age}}{{else}}null{{/if}}, "score": {{defaultIfEmpty score 0}} } }',
    },
  ],
  type: [
    {
      title: 'string literal where a boolean belongs',
      raise: '{ "traits": { "phone": "{{phoneNumber}}", "optIn": [ { "channel": "sms", "subscribed": ⟦"yes"⟧ } ] } }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}", "optIn": [ { "channel": "sms", "subscribed": false } ] } }',
    },
    {
      title: 'array where an object belongs',
      raise: '{ "traits": { "phone": "{{phoneNumber}}" }, "name": "A", "properties": ⟦[]⟧ }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}" }, "name": "A", "properties": { "list": [] } }',
    },
    {
      title: 'a string that is one merge field never fails a type check',
      raise: '{ "traits": { "phone": "{{phoneNumber}}", "address": { "zipcode": ⟦33026⟧ } } }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}", "address": { "zipcode": "{{zip}}" } }, "properties": "{{toJson props}}" }',
    },
  ],
  'phone-format': [
    {
      title: 'literal phone value',
      raise: '{ "traits": { "phone": ⟦"(555) 123-4567"⟧ } }',
      nearMiss: '{ "traits": { "phone": "+15551234567" } }',
    },
    {
      title: 'literal phones key',
      raise: '{ "traits": { "phones": { ⟦"555-123-4567"⟧: {} } } }',
      nearMiss: '{ "traits": { "phones": { "{{phoneNumber}}": {}, "+442071234567": {} } } }',
    },
  ],
  'phone-not-e164': [
    {
      title: 'a number with a country code, written with spaces and brackets',
      raise: '{ "traits": { "phone": ⟦"+1 (954) 555-2399"⟧ } }',
      nearMiss: '{ "traits": { "phone": "+19545552399" } }',
    },
    {
      title: "Regal's own documented form, as a phones key",
      raise: '{ "traits": { "phones": { ⟦"+1 555 555 5555"⟧: {} } } }',
      nearMiss: '{ "traits": { "phones": { "+15555555555": {} } } }',
    },
  ],
  'helper-arguments': [
    {
      title: 'math with two arguments',
      raise: '{ "traits": { "phone": "{{phoneNumber}}", "n": "{{⟦math⟧ age 2}}" } }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}", "n": "{{math age \'+\' 2}}" } }',
    },
    {
      title: 'ifEq with one argument',
      raise: '{ "traits": { "phone": "{{phoneNumber}}", "n": "{{#⟦ifEq⟧ age}}x{{/ifEq}}" } }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}", "n": "{{#ifEq age 21}}x{{/ifEq}}" } }',
    },
    {
      title: 'dateFormat without a date',
      raise: '{ "traits": { "phone": "{{phoneNumber}}", "d": "{{⟦dateFormat⟧}}" } }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}", "d": "{{dateFormat signupDate format=\'yyyy\'}}" } }',
    },
    {
      title: 'an argument too many (the extra ones are marked)',
      raise: '{ "traits": { "phone": "{{phoneNumber}}", "u": "{{upper name ⟦last⟧}}" } }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}", "u": "{{upper name}}" } }',
    },
  ],
  'nested-double-quotes': [
    {
      title: 'double-quoted fallback inside a JSON string',
      raise: '{ "traits": { "phone": "{{phoneNumber}}", "leadSource": "{{defaultIfEmpty leadSource ⟦"web"⟧}}" } }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}", "leadSource": "{{defaultIfEmpty leadSource \'web\'}}" } }',
    },
  ],
  'triple-stash-in-string': [
    {
      title: 'raw free text inside a JSON string',
      raise: '{ "traits": { "phone": "{{phoneNumber}}", "bio": "⟦{{{bio}}}⟧" } }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}", "bio": "{{bio}}", "raw": {{{toJson bio}}} } }',
    },
  ],
  'comparison-on-missing-field': [
    {
      title: 'gt on a field some users lack',
      raise: '{ "traits": { "phone": "{{phoneNumber}}", "tier": "{{#gt ⟦spend⟧ 100}}gold{{else}}silver{{/gt}}" } }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}", "tier": "{{#if spend}}{{#gt spend 100}}gold{{else}}silver{{/gt}}{{/if}}" } }',
    },
  ],
  'unknown-property': [
    {
      title: 'misspelt key in an optIn item',
      raise: '{ "traits": { "phone": "{{phoneNumber}}", "optIn": [ { "channel": "sms", "subscribed": true, ⟦"sorce"⟧: "x" } ] } }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}", "optIn": [ { "channel": "sms", "subscribed": true, "source": "x" } ] } }',
    },
    {
      title: 'unknown top-level key (custom traits are fine)',
      raise: '{ "traits": { "phone": "{{phoneNumber}}" }, ⟦"userID"⟧: "{{userId}}" }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}", "favouriteColour": "{{colour}}" }, "userId": "{{userId}}" }',
    },
  ],
  'handlebars-syntax': [
    {
      title: 'unclosed mustache',
      raise: '{ "traits": { "phone": "⟦{{phoneNumber⟧" } }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}" } }',
    },
    {
      title: 'mismatched block close',
      raise: '{ "traits": { "phone": "{{phoneNumber}}" }, "name": "{{#if a}}A⟦{{/unless}}⟧" }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}" }, "name": "{{#unless a}}A{{/unless}}" }',
    },
    {
      title: 'unclosed block reported at its open tag',
      raise: '{ "traits": { "phone": "{{phoneNumber}}" }, "name": "⟦{{#if a}}⟧A" }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}" }, "name": "{{#if a}}A{{/if}}" }',
    },
  ],
  'unknown-helper': [
    {
      title: 'helper Iterable does not have',
      raise: '{ "traits": { "phone": "{{phoneNumber}}", "firstName": "{{⟦uppr⟧ firstName}}" } }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}", "firstName": "{{upper firstName}}" } }',
    },
  ],
  'reserved-event-name': [
    {
      title: 'name Regal emits itself',
      raise: '{ "traits": { "phone": "{{phoneNumber}}" }, "name": ⟦"sms.sent"⟧ }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}" }, "name": "SMS Sent From Iterable" }',
    },
  ],
  'empty-event-name': [
    {
      title: 'empty name',
      raise: '{ "traits": { "phone": "{{phoneNumber}}" }, "name": ⟦""⟧ }',
      nearMiss: '{ "traits": { "phone": "{{phoneNumber}}" }, "name": "{{eventName}}" }',
    },
  ],
  'properties-without-name': [
    {
      title: 'event properties, no event name',
      raise: '{ "traits": { "phones": { "+12225555555": {} } }, ⟦"properties"⟧: { "plan": "{{plan}}" } }',
      nearMiss: '{ "traits": { "phones": { "+12225555555": {} } }, "name": "Plan Chosen", "properties": { "plan": "{{plan}}" } }',
    },
    {
      title: 'properties in a branch, no event name',
      raise: '{ "traits": { "phones": { "+12225555555": {} } }{{#if plan}}, ⟦"properties"⟧: { "plan": "{{plan}}" }{{/if}} }',
      nearMiss:
        '{ "traits": { "phones": { "+12225555555": {} } }, "name": "{{#if plan}}Plan Chosen{{else}}Signup{{/if}}"{{#if plan}}, "properties": { "plan": "{{plan}}" }{{/if}} }',
    },
  ],
  'legacy-shape': [
    {
      title: 'traits.phone',
      raise: '{ "traits": { ⟦"phone"⟧: "{{phoneNumber}}" } }',
      nearMiss: '{ "traits": { "phones": { "{{phoneNumber}}": {} } } }',
    },
  ],
  'document-too-large': [
    {
      title: 'one byte over the size limit',
      raise: `⟦{⟧${bytesLong(MAX_DOCUMENT_BYTES + 1)}`,
      nearMiss: `{${bytesLong(MAX_DOCUMENT_BYTES)}`,
    },
  ],
  'too-many-problems': [
    {
      title: 'one problem more than shown',
      raise: `${PHONES}${'\n/* x */'.repeat(MAX_DIAGNOSTICS)}\n⟦/* x */⟧`,
      nearMiss: `${PHONES}${'\n/* x */'.repeat(MAX_DIAGNOSTICS)}`,
    },
  ],
};

/** The rest of a payload that starts with `{`, padded with a string so that the whole is `bytes` UTF-8 bytes. */
function bytesLong(bytes: number): string {
  const head = ' "traits": { "phones": { "+12225555555": {} } }, "padding": "';
  const tail = '" }';
  return head + 'x'.repeat(bytes - 1 - head.length - tail.length) + tail;
}
