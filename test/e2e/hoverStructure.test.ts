/**
 * Hover and the structure features end to end: dist/server.js over stdio answers
 * textDocument/hover, documentSymbol, foldingRange, selectionRange, formatting and rangeFormatting
 * for a payload template. Run `node esbuild.mjs` first.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeKind,
  FoldingRangeRequest,
  HoverRequest,
  SelectionRangeRequest,
  SymbolKind,
  type DocumentSymbol,
  type MarkupContent,
  type SelectionRange,
} from 'vscode-languageserver-protocol/node';
import { forVersion, LspClient } from '../support/lspClient';

const uri = 'file:///tmp/e2e-structure/contact.regal.json';
const text = `{"traits": {
  "phone": "{{phoneNumber}}",
     {{#if email}}
  "email": "{{email}}",
        {{/if}}
  "optIn": [ { "channel": "sms", "subscribed": {{#ifEq sms_optin 'yes'}}true{{else}}false{{/ifEq}} } ]
}, "eventSource": "iterable"}`;

describe('hover and structure over stdio', () => {
  let client: LspClient;
  const document = TextDocument.create(uri, 'regal-webhook', 1, text);
  const at = (needle: string, delta = 1) => document.positionAt(text.indexOf(needle) + delta);
  const request = <T>(promise: Promise<T>, what: string) => client.bounded(promise, 10_000, what);

  before(async () => {
    client = LspClient.stdio();
    await client.initializeAndConfirm({ workspace: { configuration: true } });
    await client.openDocument(uri, text, 1);
    await client.waitForDiagnostics(uri, forVersion(1));
  });
  after(async () => {
    await client.stop();
  });

  it('hovers keys, values, merge fields and helpers with markdown and exact ranges', async () => {
    const hover = (needle: string, delta?: number) =>
      request(client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: at(needle, delta) }), `the hover on ${needle}`);
    const onKey = await hover('"phone"');
    assert.ok(onKey);
    assert.equal((onKey.contents as MarkupContent).kind, 'markdown');
    assert.match((onKey.contents as MarkupContent).value, /^\*\*`traits\.phone`\*\* · string/);
    assert.deepEqual(onKey.range, { start: at('"phone"', 0), end: at('"phone"', 7) });

    const onEnum = await hover('"sms"');
    assert.match((onEnum!.contents as MarkupContent).value, /Allowed values: `"sms"` \(current\) · `"voice"` · `"email"`/);

    const onField = await hover('phoneNumber');
    assert.match((onField!.contents as MarkupContent).value, /Iterable standard field/);
    assert.deepEqual(onField!.range, { start: at('phoneNumber', 0), end: at('phoneNumber', 'phoneNumber'.length) });

    const onHelper = await hover('ifEq');
    assert.match((onHelper!.contents as MarkupContent).value, /\{\{#ifEq field 'value'\}\}…\{\{\/ifEq\}\}/);
    const onClose = await hover('/ifEq', 2);
    assert.match((onClose!.contents as MarkupContent).value, /Closes `\{\{#ifEq sms_optin 'yes'\}\}` \(line 6\)/);

    const outside = await request(
      client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 40, character: 0 } }),
      'a hover past the end',
    );
    assert.equal(outside, null);
  });

  it('lists the outline with the block around the member it wraps', async () => {
    const symbols = (await request(
      client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }),
      'the document symbols',
    )) as DocumentSymbol[];
    assert.deepEqual(
      symbols.map((s) => [s.name, s.kind]),
      [
        ['traits', SymbolKind.Object],
        ['eventSource', SymbolKind.String],
      ],
    );
    const traits = symbols[0].children!;
    assert.deepEqual(
      traits.map((s) => [s.name, s.kind]),
      [
        ['phone', SymbolKind.Key],
        ['{{#if email}}', SymbolKind.Namespace],
        ['optIn', SymbolKind.Array],
      ],
    );
    assert.deepEqual(
      traits[1].children!.map((s) => s.name),
      ['email'],
    );
  });

  it('folds the object, the block and nothing on one line', async () => {
    const ranges = await request(client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } }), 'the folding ranges');
    assert.deepEqual(ranges, [
      { startLine: 0, endLine: 5 },
      { startLine: 2, endLine: 3, kind: FoldingRangeKind.Region },
    ]);
  });

  it('expands a selection from a merge field to the whole document', async () => {
    const selections = await request(
      client.connection.sendRequest(SelectionRangeRequest.type, { textDocument: { uri }, positions: [at('"{{email}}"', 4)] }),
      'the selection ranges',
    );
    assert.ok(selections && selections.length === 1);
    const [selection] = selections;
    const texts: string[] = [];
    for (let s: SelectionRange | undefined = selection; s; s = s.parent) texts.push(document.getText(s.range));
    assert.deepEqual(texts.slice(0, 4), ['email', '{{email}}', '"{{email}}"', '"email": "{{email}}"']);
    assert.equal(texts[texts.length - 1], text);
  });

  it('formats the whole document and a range, leaving strings and mustaches alone', async () => {
    const edits = await request(
      client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }),
      'the formatting edits',
    );
    assert.ok(edits && edits.length > 0);
    assert.equal(
      TextDocument.applyEdits(document, edits),
      `{
  "traits": {
    "phone": "{{phoneNumber}}",
    {{#if email}}
    "email": "{{email}}",
    {{/if}}
    "optIn": [
      {
        "channel": "sms",
        "subscribed": {{#ifEq sms_optin 'yes'}}true{{else}}false{{/ifEq}}
      }
    ]
  },
  "eventSource": "iterable"
}`,
    );
    const line = text.split('\n').findIndex((l) => l.includes('{{/if}}'));
    const rangeEdits = await request(
      client.connection.sendRequest(DocumentRangeFormattingRequest.type, {
        textDocument: { uri },
        range: { start: { line, character: 0 }, end: { line, character: 5 } },
        options: { tabSize: 2, insertSpaces: true },
      }),
      'the range formatting edits',
    );
    assert.deepEqual(rangeEdits, [{ range: { start: { line: line - 1, character: 23 }, end: { line, character: 8 } }, newText: '\n    ' }]);
  });
});
