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
      client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range,
        context: { diagnostics: context, only: [CodeActionKind.QuickFix] },
      }),
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
    assert.deepEqual(result.capabilities.codeActionProvider, { codeActionKinds: [CodeActionKind.QuickFix, 'source.fixAll.regal'] });
    await client.openDocument(uri, text, version);
    diagnostics = (await client.waitForDiagnostics(uri, forVersion(version))).diagnostics;
  });
  after(() => client.dispose());

  it('fixes a quoted boolean with the diagnostic the client sends back', async () => {
    const quoted = diagnostics.filter((d) => d.code === 'quoted-boolean');
    assert.equal(quoted.length, 2, JSON.stringify(diagnostics.map((d) => d.code)));
    const actions = await requestActions(quoted[0].range, [quoted[0]]);
    // Without a field catalog the field's type is unknown: both forms, neither preferred.
    assert.deepEqual(
      actions.map((a) => a.isPreferred ?? false),
      [false, false],
    );
    const chosen = actions.find((a) => a.title === 'Render a real boolean: `{{#if voice_optin_subscribed}}true{{else}}false{{/if}}`');
    assert.ok(chosen, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(chosen.kind, CodeActionKind.QuickFix);
    assert.deepEqual(chosen.diagnostics, [quoted[0]]);
    await apply(chosen);
    assert.ok(text.includes('"subscribed": {{#if voice_optin_subscribed}}true{{else}}false{{/if}}'), text);
    assert.equal(diagnostics.filter((d) => d.code === 'quoted-boolean').length, 1);
  });

  it('offers nothing for a diagnostic from an older version of the text', async () => {
    const stale = {
      range: { start: { line: 7, character: 30 }, end: { line: 7, character: 56 } },
      message: 'old',
      code: 'quoted-boolean',
      source: 'regal',
      data: { code: 'quoted-boolean', field: 'voice_optin_subscribed' },
    };
    const actions = await requestActions(stale.range, [stale]);
    assert.deepEqual(
      actions.filter((a) => a.diagnostics?.length),
      [],
    );
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
    assert.ok(
      text.includes('"smsOptIn": {\n                    "subscribed": "{{voice_optin_subscribed}}",\n                    "source": "{{leadSource}}"'),
      text,
    );
  });

  it('answers an empty list for a range without regal diagnostics', async () => {
    assert.deepEqual(await requestActions({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, []), []);
  });
});

describe('source.fixAll.regal over stdio', () => {
  const fixAllUri = 'file:///tmp/e2e-code-actions/fix-all.regal.json';
  let client: LspClient;
  let text = [
    '{',
    '  "name": "Signup" // the event',
    '  "userId": "{{userId}}",',
    '  "traits": {',
    '    "phones": {',
    '      "(650) 392-6753": { "isPrimary": "true", "smsOptIn": { "subscribed": true } },',
    '    },',
    '  },',
    '}',
  ].join('\n');
  let version = 1;
  let diagnostics: Diagnostic[] = [];

  const request = async (range: Range, context: Diagnostic[], only: string[]): Promise<CodeAction[]> => {
    const result = await client.bounded(
      client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: fixAllUri }, range, context: { diagnostics: context, only } }),
      10_000,
      'the code actions',
    );
    return (result ?? []).filter((a: CodeAction | Command): a is CodeAction => 'kind' in a || 'edit' in a);
  };

  before(async () => {
    client = LspClient.stdio();
    await client.initializeAndConfirm({ workspace: { configuration: true } });
    await client.openDocument(fixAllUri, text, version);
    diagnostics = (await client.waitForDiagnostics(fixAllUri, forVersion(version))).diagnostics;
  });
  after(() => client.dispose());

  it('answers one source.fixAll.regal action when asked for source.fixAll, and applying it leaves no fixable diagnostic', async () => {
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['comment', 'invalid-json', 'phone-format', 'type', 'trailing-comma', 'trailing-comma', 'trailing-comma'],
    );
    const actions = await request(wholeDocument(text), diagnostics, [CodeActionKind.SourceFixAll]);
    assert.deepEqual(
      actions.map((a) => a.kind),
      ['source.fixAll.regal'],
      JSON.stringify(actions.map((a) => a.title)),
    );
    const edits = actions[0].edit?.changes?.[fixAllUri] ?? [];
    assert.ok(edits.length >= diagnostics.length, 'one WorkspaceEdit holding every fix');
    const range = wholeDocument(text);
    text = applyAction(text, actions[0], fixAllUri);
    version++;
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: fixAllUri, version },
      contentChanges: [{ range, text }],
    });
    diagnostics = (await client.waitForDiagnostics(fixAllUri, forVersion(version))).diagnostics;
    assert.equal(
      text,
      [
        '{',
        '  "name": "Signup",',
        '  "userId": "{{userId}}",',
        '  "traits": {',
        '    "phones": {',
        '      "+16503926753": { "isPrimary": true, "smsOptIn": { "subscribed": true } }',
        '    }',
        '  }',
        '}',
      ].join('\n'),
    );
    assert.deepEqual(diagnostics, []);
    // Nothing left to fix: no quick fix, and no whole-file action.
    assert.deepEqual(await request(wholeDocument(text), diagnostics, [CodeActionKind.SourceFixAll]), []);
  });

  it('answers only quick fixes when asked for quick fixes, and nothing for other kinds', async () => {
    const replaced = wholeDocument(text);
    text = '{ "userId": "{{userId}}", "name": "Signup", }';
    const range = wholeDocument(text);
    version++;
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: fixAllUri, version },
      contentChanges: [{ range: replaced, text }],
    });
    diagnostics = (await client.waitForDiagnostics(fixAllUri, forVersion(version))).diagnostics;
    const trailing = diagnostics.filter((d) => d.code === 'trailing-comma');
    assert.equal(trailing.length, 1, JSON.stringify(diagnostics));
    assert.deepEqual(
      (await request(trailing[0].range, trailing, [CodeActionKind.QuickFix])).map((a) => a.kind),
      ['quickfix'],
    );
    assert.deepEqual(await request(trailing[0].range, trailing, [CodeActionKind.Refactor]), []);
    assert.deepEqual(
      (await request(range, trailing, [CodeActionKind.Source])).map((a) => a.kind),
      ['source.fixAll.regal'],
    );
  });
});
