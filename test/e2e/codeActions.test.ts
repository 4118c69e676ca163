/**
 * Quick fixes through the bundled server (dist/server.js over stdio): the client sends back the
 * published diagnostics (with their `data`) in `textDocument/codeAction`, applies the chosen edit
 * with `didChange`, and the next publish no longer has the diagnostic. Run `node esbuild.mjs` first.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CodeActionKind,
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  type CodeAction,
  type Command,
  type Diagnostic,
  type Range,
} from 'vscode-languageserver-protocol/node';
import { applyAction } from '../support/applyEdits';
import { forVersion, LspClient } from '../support/lspClient';
import { repoRoot } from '../support/service';

const uri = 'file:///tmp/e2e-code-actions/update-opt-in.regal.json';
const guideOriginal = readFileSync(path.join(repoRoot, 'examples', 'guide-originals', 'update-opt-in.regal.json'), 'utf8');
const wholeDocument = (text: string): Range => {
  const lines = text.split('\n');
  return { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1].length } };
};

describe('quick fixes over stdio', () => {
  let client: LspClient;
  let text = guideOriginal;
  let version = 1;
  let diagnostics: Diagnostic[] = [];

  const requestActions = async (range: Range, context: Diagnostic[]): Promise<CodeAction[]> => {
    const result = await client.bounded(
      client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics: context, only: [CodeActionKind.QuickFix] } }),
      10_000,
      'the code actions',
    );
    return (result ?? []).filter((a: CodeAction | Command): a is CodeAction => 'kind' in a || 'edit' in a);
  };

  /** Applies the action locally, sends the whole new text and waits for its diagnostics. */
  const apply = async (action: CodeAction): Promise<void> => {
    const range = wholeDocument(text);
    text = applyAction(text, action, uri);
    version++;
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    diagnostics = (await client.waitForDiagnostics(uri, forVersion(version))).diagnostics;
  };

  before(async () => {
    client = LspClient.stdio();
    const result = await client.initializeAndConfirm({ workspace: { configuration: true } });
    assert.deepEqual(result.capabilities.codeActionProvider, { codeActionKinds: [CodeActionKind.QuickFix] });
    await client.openDocument(uri, text, version);
    diagnostics = (await client.waitForDiagnostics(uri, forVersion(version))).diagnostics;
  });
  after(() => client.dispose());

  it('fixes a quoted boolean with the diagnostic the client sends back', async () => {
    const quoted = diagnostics.filter((d) => d.code === 'quoted-boolean');
    assert.equal(quoted.length, 2, JSON.stringify(diagnostics.map((d) => d.code)));
    const actions = await requestActions(quoted[0].range, [quoted[0]]);
    // Without a field catalog the field's type is unknown: both forms, neither preferred.
    assert.deepEqual(actions.map((a) => a.isPreferred ?? false), [false, false]);
    const chosen = actions.find((a) => a.title === 'Render a real boolean: `{{#if voice_optin_subscribed}}true{{else}}false{{/if}}`');
    assert.ok(chosen, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(chosen.kind, CodeActionKind.QuickFix);
    assert.deepEqual(chosen.diagnostics, [quoted[0]]);
    await apply(chosen);
    assert.ok(text.includes('"subscribed": {{#if voice_optin_subscribed}}true{{else}}false{{/if}}'), text);
    assert.equal(diagnostics.filter((d) => d.code === 'quoted-boolean').length, 1);
  });

  it('offers nothing for a diagnostic from an older version of the text', async () => {
    const stale = { range: { start: { line: 7, character: 30 }, end: { line: 7, character: 56 } }, message: 'old', code: 'quoted-boolean', source: 'regal', data: { code: 'quoted-boolean', field: 'voice_optin_subscribed' } };
    const actions = await requestActions(stale.range, [stale]);
    assert.deepEqual(actions.filter((a) => a.diagnostics?.length), []);
  });

  it('converts the legacy shape into traits.phones in one edit', async () => {
    const legacy = diagnostics.find((d) => d.code === 'legacy-shape');
    assert.ok(legacy, JSON.stringify(diagnostics.map((d) => d.code)));
    const actions = await requestActions(legacy.range, [legacy]);
    const conversion = actions.find((a) => a.title === 'Convert to the `traits.phones` shape (opt-ins move under the number)');
    assert.ok(conversion, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(conversion.edit?.changes?.[uri]?.length, 1);
    await apply(conversion);
    assert.ok(!diagnostics.some((d) => d.code === 'legacy-shape'), JSON.stringify(diagnostics.map((d) => d.code)));
    assert.ok(text.includes('"smsOptIn": {\n                    "subscribed": "{{voice_optin_subscribed}}",\n                    "source": "{{leadSource}}"'), text);
  });

  it('answers an empty list for a range without regal diagnostics', async () => {
    assert.deepEqual(await requestActions({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, []), []);
  });
});
