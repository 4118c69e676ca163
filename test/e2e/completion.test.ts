/**
 * Completion through the bundled language server (dist/server.js over stdio): the capability and
 * its trigger characters, then keys, values, merge fields and block helpers requested with
 * `textDocument/completion` and applied to the client's copy of the document. Run
 * `node esbuild.mjs` first.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionRequest, InitializedNotification, type CompletionItem, type CompletionList } from 'vscode-languageserver-protocol/node';
import { applyItem, cursorIn } from '../support/applyCompletion';
import { LspClient } from '../support/lspClient';

describe('completion over stdio', () => {
  let client: LspClient;
  let version = 0;

  before(async () => {
    client = LspClient.stdio();
    const result = await client.initialize({ textDocument: { completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } } } });
    const triggers = result.capabilities.completionProvider?.triggerCharacters ?? [];
    for (const trigger of ['"', '{', '#', '/', ':']) assert.ok(triggers.includes(trigger), `trigger character ${trigger} missing: ${JSON.stringify(triggers)}`);
    await client.connection.sendNotification(InitializedNotification.type, {});
  });
  after(() => client.dispose());

  /** Opens the payload (a new uri each time) and requests completion at its `|`. */
  const completeAt = async (withMarker: string): Promise<{ document: TextDocument; items: CompletionItem[] }> => {
    const { text, offset } = cursorIn(withMarker);
    const uri = `file:///tmp/e2e-completion/payload-${++version}.regal.json`;
    const document = TextDocument.create(uri, 'regal-webhook', 1, text);
    await client.openDocument(uri, text);
    const answer = await client.bounded(
      client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: document.positionAt(offset) }),
      10_000,
      'the completion response',
    );
    const items = answer === null ? [] : Array.isArray(answer) ? answer : (answer as CompletionList).items;
    return { document, items };
  };
  const pick = (items: CompletionItem[], label: string) => {
    const item = items.find((i) => i.label === label);
    assert.ok(item, `no ${label} in ${JSON.stringify(items.map((i) => i.label))}`);
    return item;
  };

  it('completes a trait key with its value skeleton, replacing the typed key', async () => {
    const { document, items } = await completeAt('{\n  "traits": {\n    "phone": "{{phoneNumber}}",\n    "o|\n  }\n}');
    assert.equal(
      applyItem(document, pick(items, 'optIn')),
      '{\n  "traits": {\n    "phone": "{{phoneNumber}}",\n    "optIn": [ { "channel": "voice", "subscribed": true } ]\n  }\n}',
    );
    assert.equal(typeof pick(items, 'optIn').documentation, 'object');
  });

  it('completes a channel value', async () => {
    const { document, items } = await completeAt('{ "traits": { "optIn": [ { "channel": "|", "subscribed": true } ] } }');
    assert.deepEqual(
      items.map((i) => i.label),
      ['"voice"', '"sms"', '"email"'],
    );
    assert.equal(applyItem(document, pick(items, '"email"')), '{ "traits": { "optIn": [ { "channel": "email", "subscribed": true } ] } }');
  });

  it('completes a merge field after {{ and closes it', async () => {
    const { document, items } = await completeAt('{ "traits": { "phone": "{{pho|" } }');
    assert.equal(pick(items, 'phoneNumber').detail, 'Iterable standard · string');
    assert.equal(applyItem(document, pick(items, 'phoneNumber')), '{ "traits": { "phone": "{{phoneNumber}}" } }');
  });

  it('completes a block helper after {{# with its closing tag, and the closer after {{/', async () => {
    const open = await completeAt('{ "subscribed": {{#| }');
    assert.equal(applyItem(open.document, pick(open.items, 'unless')), '{ "subscribed": {{#unless field}}{{/unless}} }');
    const close = await completeAt('{ "a": "{{#if x}}y{{/|" }');
    assert.equal(applyItem(close.document, pick(close.items, 'if')), '{ "a": "{{#if x}}y{{/if}}" }');
  });
});
