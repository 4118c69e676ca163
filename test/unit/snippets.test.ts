/**
 * The payload snippets (snippets/regal-webhook.code-snippets), read the way `Regal: New Payload…`
 * reads them: each one, with its tab stops filled with their defaults (or any choice), is a payload
 * the language service finds nothing wrong with, and equals the corrected example of its workflow.
 * Also: the language configuration parses and its patterns do what the editor relies on.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { freePayloadFileName, withPayloadExtension } from '../../client/src/snippets/payloadFileName';
import {
  GUIDE_SHAPE_NOTE,
  PAYLOAD_SNIPPETS_PATH,
  findPayloadSnippet,
  parsePayloadSnippets,
  payloadPickItems,
  workflowSlug,
} from '../../client/src/snippets/payloadSnippets';
import { repoRoot, validate } from '../support/service';

const snippets = parsePayloadSnippets(readFileSync(path.join(repoRoot, PAYLOAD_SNIPPETS_PATH), 'utf8'));

/**
 * Expands VS Code snippet syntax the way accepting every tab stop unchanged does: placeholders
 * become their default text, choices their `choice`-th option, mirrors ($n) copy placeholder n.
 */
function expandSnippet(body: string, choice = 0): string {
  const defaults = new Map<string, string>();
  const mirrors: string[] = [];
  let i = 0;
  const parse = (inPlaceholder: boolean): string => {
    let out = '';
    while (i < body.length) {
      const ch = body[i] as string;
      if (ch === '\\' && i + 1 < body.length && '$}\\'.includes(body[i + 1] as string)) {
        out += body[i + 1];
        i += 2;
      } else if (inPlaceholder && ch === '}') {
        return out;
      } else if (ch === '$' && /\d/.test(body[i + 1] ?? '')) {
        const digits = /^\d+/.exec(body.slice(i + 1))?.[0] as string;
        i += 1 + digits.length;
        out += `\u0000${digits}\u0000`;
        mirrors.push(digits);
      } else if (ch === '$' && body[i + 1] === '{') {
        const head = /^\$\{(\d+)([:|}])/.exec(body.slice(i));
        assert.ok(head, `unsupported snippet syntax at ${body.slice(i, i + 20)}`);
        const [whole, index, kind] = head as unknown as [string, string, string];
        i += whole.length;
        if (kind === '}') {
          out += `\u0000${index}\u0000`;
          mirrors.push(index);
        } else if (kind === ':') {
          const text = parse(true);
          i += 1; // the closing }
          defaults.set(index, text);
          out += text;
        } else {
          const end = body.indexOf('|}', i);
          const options = body.slice(i, end).split(',');
          i = end + 2;
          const picked = options[Math.min(choice, options.length - 1)] as string;
          defaults.set(index, picked);
          out += picked;
        }
      } else {
        out += ch;
        i += 1;
      }
    }
    return out;
  };
  const text = parse(false);
  for (const index of mirrors) assert.ok(index === '0' || defaults.has(index), `$${index} mirrors no placeholder`);
  // eslint-disable-next-line no-control-regex -- NUL marks placeholders in this test's copy of the text
  return text.replace(/\u0000(\d+)\u0000/g, (_, index: string) => defaults.get(index) ?? '');
}

/** VS Code replaces each tab of a snippet with the editor's indentation: two spaces, as in examples/. */
const withTwoSpaceIndent = (text: string) => text.replace(/^\t+/gm, (tabs) => '  '.repeat(tabs.length));

const exampleFor: Record<string, string> = {
  'Create contact': 'create-contact.regal.json',
  'Update opt-in': 'update-opt-in.regal.json',
  'Send event': 'send-event.regal.json',
  'Create contact (traits.phones)': 'create-contact.phones.regal.json',
  'Update opt-in (traits.phones)': 'update-opt-in.phones.regal.json',
  'Send event (traits.phones)': 'send-event.phones.regal.json',
};

describe('payload snippets', () => {
  it("are the three workflows of Regal's guide, each in the legacy and the traits.phones shape", () => {
    assert.deepEqual(
      snippets.map((s) => s.name),
      Object.keys(exampleFor),
    );
    assert.deepEqual(
      snippets.map((s) => s.prefix),
      ['regal-contact', 'regal-optin', 'regal-event', 'regal-contact-phones', 'regal-optin-phones', 'regal-event-phones'],
    );
    for (const snippet of snippets) assert.ok(snippet.description.length > 20, `${snippet.name} has a description`);
  });

  it('are found by name or prefix, ignoring case', () => {
    assert.equal(findPayloadSnippet(snippets, 'send event')?.prefix, 'regal-event');
    assert.equal(findPayloadSnippet(snippets, 'regal-optin-phones')?.name, 'Update opt-in (traits.phones)');
    assert.equal(findPayloadSnippet(snippets, 'Delete contact'), undefined);
  });

  it("are offered in the New Payload picker with the current shape (traits.phones) first, the guide's shape marked, each saying what it sends", () => {
    const items = payloadPickItems(snippets);
    assert.deepEqual(
      items.map((i) => i.label),
      ['Create contact (traits.phones)', 'Update opt-in (traits.phones)', 'Send event (traits.phones)', 'Create contact', 'Update opt-in', 'Send event'],
    );
    for (const item of items.slice(0, 3)) assert.doesNotMatch(`${item.description} ${item.detail}`, new RegExp(GUIDE_SHAPE_NOTE));
    for (const item of items.slice(3)) assert.match(item.description, /as in Regal's Iterable guide/);
    for (const item of items) {
      assert.match(item.description, new RegExp(`^${item.snippet.prefix} `), 'the prefix, to type in a payload file');
      assert.match(item.detail, /^Sends /, `${item.label} says what it sends`);
    }
    assert.match(items[0]?.detail ?? '', /traits\.phones/);
    assert.match(items[3]?.detail ?? '', /traits\.phone\b/);
  });

  it('name new files after their workflow, with .regal.json, and the first free name', async () => {
    assert.deepEqual(snippets.map(workflowSlug), ['create-contact', 'update-opt-in', 'send-event', 'create-contact', 'update-opt-in', 'send-event']);
    assert.equal(await freePayloadFileName('send-event', () => false), 'send-event.regal.json');
    const taken = new Set(['send-event.regal.json', 'send-event-2.regal.json']);
    assert.equal(await freePayloadFileName('send-event', (n) => taken.has(n)), 'send-event-3.regal.json');
    assert.equal(await freePayloadFileName('send-event', async (n) => n === 'send-event.regal.json'), 'send-event-2.regal.json');
    assert.equal(withPayloadExtension('signup'), 'signup.regal.json');
    assert.equal(withPayloadExtension(' signup.regal.json '), 'signup.regal.json');
    assert.equal(withPayloadExtension('Signup.Regal.JSON'), 'Signup.Regal.JSON');
    assert.equal(withPayloadExtension('signup.json'), 'signup.regal.json');
    assert.equal(withPayloadExtension('payloads/signup'), 'payloads/signup.regal.json');
    assert.equal(withPayloadExtension(''), undefined);
    assert.equal(withPayloadExtension('payloads/'), undefined);
    assert.equal(withPayloadExtension('.json'), undefined);
  });

  for (const snippet of snippets) {
    describe(snippet.name, () => {
      it('with its defaults is the corrected example of its workflow', () => {
        const expected = readFileSync(path.join(repoRoot, 'examples', exampleFor[snippet.name] as string), 'utf8');
        assert.equal(withTwoSpaceIndent(expandSnippet(snippet.body)), expected);
      });

      for (const choice of [0, 1]) {
        it(`validates with no error, warning or information (choice ${choice + 1} of each boolean)`, () => {
          const problems = validate(expandSnippet(snippet.body, choice)).filter((f) => f.diagnostic.severity !== DiagnosticSeverity.Hint);
          assert.deepEqual(
            problems.map((f) => `${f.code}: ${f.message} (${f.covers})`),
            [],
          );
        });
      }

      it('has no comments, sends real booleans and takes the phone from a merge field', () => {
        const text = expandSnippet(snippet.body);
        assert.doesNotMatch(text, /\/\/|\/\*/);
        assert.doesNotMatch(text, /"(true|false)"|"subscribed":\s*"/);
        assert.match(text, /"\{\{phoneNumber\}\}"/);
      });

      it('starts at tab stop 1 and ends at $0', () => {
        assert.match(snippet.body, /\$\{1[:|]/);
        assert.match(snippet.body, /\$0/);
      });
    });
  }

  it('expandSnippet itself: escapes, mirrors, choices', () => {
    assert.equal(expandSnippet('a ${1:x} \\$ \\} $1 ${2|p,q|} ${2}$0'), 'a x $ } x p p');
    assert.equal(expandSnippet('${1|p,q|}', 1), 'q');
  });
});

describe('language configuration', () => {
  const configuration = JSON.parse(readFileSync(path.join(repoRoot, 'language-configuration.json'), 'utf8')) as {
    comments?: unknown;
    brackets: string[][];
    autoClosingPairs: Array<{ open: string; close: string; notIn?: string[] }>;
    surroundingPairs: string[][];
    wordPattern: string;
    indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
    folding: { markers: { start: string; end: string } };
  };

  it('has no comment syntax: JSON has none and Regal rejects them', () => {
    assert.equal(configuration.comments, undefined);
  });

  it('pairs braces and brackets, closes { everywhere (so {{ closes with }}), and quotes only outside strings', () => {
    assert.deepEqual(configuration.brackets, [
      ['{', '}'],
      ['[', ']'],
    ]);
    const pairs = new Map(configuration.autoClosingPairs.map((p) => [p.open, p]));
    // One-character pairs only: VS Code overtypes each auto-closed `}` on its own, so typing
    // `{{name}}` by hand gives exactly that. A `{{` → `}}` pair is overtyped once, and the second `}`
    // and the closing quote land wrong (test/vscode/suite/typing.test.ts types it).
    assert.equal(pairs.get('{{'), undefined);
    assert.equal(pairs.get('{')?.notIn, undefined);
    assert.deepEqual(pairs.get('"')?.notIn, ['string']);
    assert.ok(configuration.surroundingPairs.some(([open]) => open === '"'));
  });

  it('treats merge-field names, @data variables and E.164 numbers as words', () => {
    const words = (text: string) => text.match(new RegExp(configuration.wordPattern, 'g'));
    assert.deepEqual(words('"{{voice_optin_subscribed}}"'), ['voice_optin_subscribed']);
    assert.deepEqual(words('{{#each items}}{{@index}}'), ['each', 'items', '@index']);
    assert.deepEqual(words('"+15551234567": {'), ['+15551234567']);
    assert.deepEqual(words('{{profile.first-name}}'), ['profile', 'first-name']);
  });

  it('indents after { [ and block helpers, outdents at } ] {{/…}} and {{else}}', () => {
    const increase = new RegExp(configuration.indentationRules.increaseIndentPattern);
    const decrease = new RegExp(configuration.indentationRules.decreaseIndentPattern);
    for (const line of ['{', '  "traits": {', '  "optIn": [', '  {{#if email}}', '  {{~#each items as |item|~}}', '  {{else}}', '  {{else if sms}}']) {
      assert.ok(increase.test(line), `indents after ${line}`);
    }
    for (const line of ['  "subscribed": {{#if x}}true{{else}}false{{/if}},', '  "phone": "{{phoneNumber}}",', '  "a": { "b": 1 },', '  }']) {
      assert.ok(!increase.test(line), `does not indent after ${line}`);
    }
    for (const line of ['  }', '  ],', '  {{/if}}', '  {{~/each}}', '  {{else}}', '  {{^}}']) assert.ok(decrease.test(line), `outdents ${line}`);
    assert.ok(!decrease.test('  "a": 1,'));
  });

  it('folds from {{#…}} to {{/…}} lines', () => {
    const start = new RegExp(configuration.folding.markers.start);
    const end = new RegExp(configuration.folding.markers.end);
    assert.ok(start.test('    {{#if email}}'));
    assert.ok(!start.test('    "s": {{#if x}}true{{/if}}'));
    assert.ok(end.test('    {{/if}}'));
  });
});
