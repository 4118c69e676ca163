/**
 * Every diagnostic code the service reports, with its default severity. The README's table and
 * the severity setting are checked against this list by the tests.
 */

import type { Range } from 'vscode-languageserver-types';

export type SeverityName = 'error' | 'warning' | 'information' | 'hint';

export interface CodeInfo {
  severity: SeverityName;
  meaning: string;
  example: string;
}

export const diagnosticCodes = {
  'invalid-json': {
    severity: 'error',
    meaning: 'The JSON that Iterable would send is malformed, so Regal rejects the request.',
    example: '`{ "name": "Signup" "eventSource": "iterable" }` (missing comma)',
  },
  comment: {
    severity: 'error',
    meaning: 'A `//` or `/* */` comment. Iterable sends the body verbatim and JSON has no comments.',
    example: '`"userId": "{{userId}}", //this is optional`',
  },
  'trailing-comma': {
    severity: 'error',
    meaning: 'A comma before `}` or `]` (possibly only when a `{{#if}}` renders nothing).',
    example: '`{ "name": "Signup", }`',
  },
  'duplicate-key': {
    severity: 'warning',
    meaning: 'The same key twice in one object; Regal keeps only the last.',
    example: '`{ "name": "A", "name": "B" }`',
  },
  'missing-identifier': {
    severity: 'error',
    meaning: 'Nothing identifies the contact: no `userId`, no phone (`traits.phone` or a number in `traits.phones`) and no email (`traits.email` or an address in `traits.emails`). Regal cannot match or create a contact.',
    example: '`{ "name": "Signup", "traits": { "firstName": "{{firstName}}" } }`',
  },
  'missing-phone': {
    severity: 'warning',
    meaning: "The contact is identified (by `userId` or email) but has no phone: Regal can call or text only contacts with a phone (the reason Regal's Iterable guide asks for one). Not reported for an event identified by `userId`, which refers to a contact Regal already has.",
    example: '`{ "traits": { "email": "{{email}}" } }`',
  },
  'optin-required': {
    severity: 'error',
    meaning: 'An `optIn` item without `channel` or `subscribed`.',
    example: '`"optIn": [ { "channel": "sms" } ]`',
  },
  'optin-channel': {
    severity: 'error',
    meaning: 'An `optIn` channel Regal does not support (`voice`, `sms`, `email`).',
    example: '`{ "channel": "text", "subscribed": true }`',
  },
  'quoted-boolean': {
    severity: 'warning',
    meaning: 'A boolean key whose value is a quoted template: it sends the string "true", not a boolean.',
    example: '`"subscribed": "{{voice_optin_subscribed}}"`',
  },
  'unquoted-merge-field': {
    severity: 'warning',
    meaning: 'A bare merge field as a JSON value renders invalid JSON when the field is blank.',
    example: '`"age": {{age}}`',
  },
  type: {
    severity: 'error',
    meaning: 'A literal of the wrong JSON type for the key.',
    example: '`"subscribed": "yes"`, `"properties": []`',
  },
  'phone-format': {
    severity: 'warning',
    meaning: 'A literal phone (value or `phones` key) that libphonenumber, which Regal validates with, cannot read without guessing its country, or at all: Regal drops it silently.',
    example: '`"phone": "(650) 392-6753"` (no country code)',
  },
  'phone-not-e164': {
    severity: 'hint',
    meaning: 'A literal phone that Regal reads (libphonenumber) but that is not written in E.164, the form its API documents; the fix writes it in E.164.',
    example: '`"+1 (954) 555-2399"` → `"+19545552399"`',
  },
  'unknown-property': {
    severity: 'warning',
    meaning: 'A key Regal does not define where custom keys are not allowed (top level, optIn items, opt-in objects, phone and email entries, address).',
    example: '`"optIn": [ { "chanel": "sms", … } ]`',
  },
  'handlebars-syntax': {
    severity: 'error',
    meaning: 'Broken Handlebars: an unclosed `{{`, unbalanced or mismatched blocks, an invalid expression, or syntax Iterable does not support.',
    example: '`{{#if voice}}true{{/unless}}`',
  },
  'helper-arguments': {
    severity: 'warning',
    meaning: "A helper called with the wrong number of arguments for Iterable's helper; the template fails or renders something else.",
    example: '`{{math age 2}}`, `{{#ifEq age}}`, `{{dateFormat}}`',
  },
  'nested-double-quotes': {
    severity: 'error',
    meaning: 'Double quotes inside a `{{ }}` that sits in a JSON string: Iterable calls this invalid, and the body is not JSON as written. Use single quotes.',
    example: '`"source": "{{defaultIfEmpty leadSource "web"}}"`',
  },
  'triple-stash-in-string': {
    severity: 'warning',
    meaning: 'A raw `{{{ }}}` inside a JSON string: a value holding `"`, a backslash or a line break breaks the JSON.',
    example: '`"bio": "{{{bio}}}"`',
  },
  'comparison-on-missing-field': {
    severity: 'information',
    meaning: 'A comparison helper (`gt`, `lt`, `gte`, `lte`, `ifContainsStr`) on a field some users may lack: Iterable then fails the template and does not send the webhook.',
    example: '`"tier": "{{#gt spend 100}}gold{{else}}silver{{/gt}}"`',
  },
  'unknown-helper': {
    severity: 'warning',
    meaning: 'A helper Iterable does not provide (Iterable has no custom helpers).',
    example: '`{{uppercase firstName}}`',
  },
  'reserved-event-name': {
    severity: 'warning',
    meaning: 'An event `name` that Regal emits itself (such as `contact.created` or `sms.sent`).',
    example: '`"name": "contact.created"`',
  },
  'empty-event-name': {
    severity: 'error',
    meaning: 'An empty event `name`: Regal records events by name.',
    example: '`"name": ""`',
  },
  'legacy-shape': {
    severity: 'hint',
    meaning: 'The payload uses `traits.phone` / `optIn[]`; Regal now recommends `traits.phones`.',
    example: '`"traits": { "phone": "{{phoneNumber}}" }`',
  },
  'unknown-merge-field': {
    severity: 'warning',
    meaning: 'With a field catalog (`regal.fieldsFile`): a merge field that is neither in the catalog nor an Iterable standard field; it renders blank.',
    example: '`"phone": "{{phonenumber}}"` (catalog has `phoneNumber`)',
  },
  'inconsistent-type': {
    severity: 'warning',
    meaning: 'The same event property or custom trait is sent as different JSON types in different payload files; Regal fixes its type the first time it sees it.',
    example: '`"age": 23` here, `"age": "{{age}}"` in another file',
  },
  'similar-event-name': {
    severity: 'warning',
    meaning: "Event names that differ only by case, spaces, `_` or `-` across payload files; Regal's event names are case-sensitive, so they are different events.",
    example: '`"name": "Signup Completed"` here, `"name": "signup_completed"` in another file',
  },
  'invalid-catalog': {
    severity: 'error',
    meaning: "The field catalog file is not the JSON Iterable's `GET /api/users/getFields` returns (`{\"fields\": {\"name\": \"type\"}}`); the catalog is ignored until it is fixed.",
    example: '`{ "fields": { "age": 1 } }` (a type must be a string such as `"long"`)',
  },
  'invalid-encoding': {
    severity: 'error',
    meaning: 'Reported by the command-line checker on a file that is not valid UTF-8, at the first bad byte; the file is not checked (an editor decodes files itself).',
    example: 'a payload saved as Latin-1 with `José` in it',
  },
  'document-too-large': {
    severity: 'warning',
    meaning: 'The document is larger than 10 MB: it is not checked, and completion, hover, quick fixes, outline, folding, selection and formatting are off for it. A payload template is a few KB.',
    example: 'a 20 MB file opened as a payload',
  },
  'too-many-problems': {
    severity: 'warning',
    meaning: 'The document has more than 1,000 problems: the 1,000 most severe are shown, and this one, on the first problem left out, counts the rest.',
    example: 'a file of 5,000 lines, each with a comment',
  },
  schema: {
    severity: 'error',
    meaning: 'Any other value the Regal schema does not allow.',
    example: '(reserved for schema rules without a dedicated code)',
  },
} satisfies Record<string, CodeInfo>;

export type DiagnosticCode = keyof typeof diagnosticCodes;

export function isDiagnosticCode(value: string): value is DiagnosticCode {
  return Object.prototype.hasOwnProperty.call(diagnosticCodes, value);
}

/** A problem found in a payload, in document offsets, before severities are applied. */
export interface Finding {
  code: DiagnosticCode;
  start: number;
  end: number;
  message: string;
  data?: Record<string, unknown>;
  related?: Array<{ start: number; end: number; message: string }>;
  /** Places in other files (cross-file checks), already as LSP locations. */
  relatedElsewhere?: Array<{ uri: string; range: Range; message: string }>;
}
