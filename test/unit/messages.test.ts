/**
 * Diagnostic messages are read on one line (the Problems panel, the CLI): each starts with a clause
 * that says the problem and its fix in at most 100 characters, the text before the first ". " (or the
 * whole message), with the explanation after it, and each is plain text, without backticks (hovers,
 * completion documentation and code action titles keep their markdown). Checked on every raise case
 * of test/support/diagnosticCases.ts, their near misses, the examples, payloads in other branches,
 * with a field catalog, and with the workspace codes raised by other files and a broken catalog.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { diagnosticCodes } from '../../server/src/service/diagnosticCodes';
import type { WorkspaceContext } from '../../server/src/service/workspace/workspaceContext';
import { diagnosticCases } from '../support/diagnosticCases';
import { documentOf, marked, repoRoot, service } from '../support/service';

const MAX_FIRST_CLAUSE = 100;

/** The text before the first ". " (the whole message when it has none). */
export function firstClause(message: string): string {
  const end = message.indexOf('. ');
  return end === -1 ? message : message.slice(0, end);
}

/** Problems with a message, for the assertion's text. */
function problemsOf(message: string): string[] {
  const problems: string[] = [];
  if (message.includes('`')) problems.push('has a backtick');
  const first = firstClause(message);
  if (first.length > MAX_FIRST_CLAUSE) problems.push(`first clause is ${first.length} characters`);
  return problems;
}

function payloadFiles(): Array<{ name: string; text: string }> {
  const folder = (dir: string) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => ({ name: path.relative(repoRoot, path.join(dir, f)), text: readFileSync(path.join(dir, f), 'utf8') }));
  return [...folder(path.join(repoRoot, 'examples')), ...folder(path.join(repoRoot, 'examples', 'guide-originals'))];
}

const here = 'file:///ws/here.regal.json';
const catalog = {
  uri: 'file:///ws/iterable-fields.json',
  fields: new Map([
    ['phoneNumber', 'string'],
    ['voice_optin', 'boolean'],
    ['sms_text', 'string'],
    ['score', 'long'],
  ]),
};
const other = service.summarize(
  documentOf(
    '{ "name": "signup_completed", "traits": { "phone": "{{phoneNumber}}", "plan": 3 }, "properties": { "age": "{{age}}" } }',
    'file:///ws/other.regal.json',
  ),
);
const workspace: WorkspaceContext = { catalog, files: [other] };

/** Payloads whose messages the raise cases do not reach: other branches, the catalog, the other file. */
const extraPayloads = [
  '{ "traits": { "phone": "{{phoneNumber}}" }, {{#if a}}"name": "A"{{else}}"name": ""{{/if}} }',
  '{ "traits": { "phone": "{{phoneNumber}}", "firstName": "x", {{#if a}}"lastName": "y"{{/if}} } }',
  '{ "name": "Signup Completed", "traits": { "phone": "{{phonenumber}}", "plan": "gold", "optIn": [ { "channel": "voice", "subscribed": "{{voice_optin}}" }, { "channel": "sms", "subscribed": "{{sms_text}}" }, { "channel": "email", "subscribed": "{{score}}" } ] }, "properties": { "age": 23 } }',
];

interface Seen {
  where: string;
  diagnostic: Diagnostic;
}

const messageOf = (diagnostic: Diagnostic): string => (typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value);

function allMessages(): Seen[] {
  const seen: Seen[] = [];
  const add = (where: string, text: string, context?: WorkspaceContext) => {
    for (const diagnostic of service.doValidation(documentOf(text, here), undefined, context)) seen.push({ where, diagnostic });
  };
  for (const [code, list] of Object.entries(diagnosticCases)) {
    for (const c of list) {
      add(`${code}: ${c.title}`, marked(c.raise).text);
      add(`${code}: near miss of ${c.title}`, c.nearMiss);
      add(`${code}: ${c.title}, with a catalog and another file`, marked(c.raise).text, workspace);
    }
  }
  for (const { name, text } of payloadFiles()) {
    add(name, text);
    add(`${name}, with a catalog and another file`, text, workspace);
  }
  extraPayloads.forEach((text, i) => add(`extra payload ${i + 1}`, text, workspace));
  for (const catalogText of ['{ "fields": { "age": 1 } }', '{ "fields": [] }', 'not json', '{ "fields": { "a": "string", "a": "long" } }']) {
    for (const diagnostic of service.loadFieldCatalog(documentOf(catalogText, 'file:///ws/iterable-fields.json')).diagnostics)
      seen.push({ where: `catalog ${catalogText}`, diagnostic });
  }
  return seen;
}

describe('diagnostic messages', () => {
  const seen = allMessages();

  it('reach every code but the schema fallback and the command line one', () => {
    const codes = new Set(seen.map((s) => String(s.diagnostic.code)));
    const missing = Object.keys(diagnosticCodes).filter((code) => !codes.has(code) && code !== 'schema' && code !== 'invalid-encoding');
    assert.deepEqual(missing, []);
  });

  it('are plain text with a first clause of at most 100 characters that says the problem and the fix', () => {
    const failures = seen
      .map(({ where, diagnostic }) => ({ where, code: String(diagnostic.code), message: messageOf(diagnostic), problems: problemsOf(messageOf(diagnostic)) }))
      .filter((f) => f.problems.length > 0);
    const distinct = [...new Map(failures.map((f) => [`${f.code}\n${f.message}`, f])).values()];
    assert.deepEqual(
      distinct.map((f) => `${f.code} (${f.where}): ${f.problems.join(', ')}: ${f.message}`),
      [],
    );
  });

  it('say what to do in the first clause: it holds a colon or a verb after the problem', () => {
    for (const { diagnostic } of seen) {
      const first = firstClause(messageOf(diagnostic));
      assert.ok(
        first.includes(':') || /\b(add|remove|use|write|put|rename|wrap|quote|close|send|change|drop|make|fix|check|give)\b/i.test(first),
        `${String(diagnostic.code)}: ${messageOf(diagnostic)}`,
      );
    }
  });
});
