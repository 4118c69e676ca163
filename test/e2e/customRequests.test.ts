/**
 * The extension's own requests end to end (server/src/protocol/contract.ts): dist/server.js over
 * stdio with a workspace folder that has a merge-field catalog. `regal/looksLikePayload` reads a
 * JSON text the client never opened as a document; `regal/mergeFieldsUsed` types the fields from
 * the folder's catalog. Malformed parameters get InvalidParams, and the server stays up.
 * Run `npm run build` first.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { ErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node';
import { DidChangeTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import {
  CHECK_REQUEST,
  LOOKS_LIKE_PAYLOAD_REQUEST,
  type CheckResult,
  MERGE_FIELDS_USED_REQUEST,
  type LooksLikePayloadResult,
  type MergeFieldsUsedResult,
} from '../../server/src/protocol/contract';
import { LspClient } from '../support/lspClient';

describe('custom requests over stdio', () => {
  let folder: string;
  let client: LspClient;
  const payloadUri = () => pathToFileURL(path.join(folder, 'signup.regal.json')).href;
  const payload =
    '{ "userId": "{{userId}}", "traits": { "age": "{{age}}", "optIn": {{#if voice_optin}}true{{else}}false{{/if}}, "city": "{{address.city}}" } }';

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'regal-requests-'));
    writeFileSync(path.join(folder, 'iterable-fields.json'), JSON.stringify({ fields: { age: 'long', voice_optin: 'boolean' } }));
    writeFileSync(path.join(folder, 'signup.regal.json'), payload);
    client = LspClient.stdio();
    await client.initializeAndConfirm({ workspace: { configuration: true } }, [{ uri: pathToFileURL(folder).href, name: 'ws' }]);
    // Diagnostics of an open payload come once the folder (and its catalog) has been read.
    await client.openDocument(payloadUri(), payload);
    await client.waitForDiagnostics(payloadUri());
  });
  after(() => {
    client?.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  it('regal/looksLikePayload reads the text it is sent', async () => {
    const yes = await client.connection.sendRequest<LooksLikePayloadResult>(LOOKS_LIKE_PAYLOAD_REQUEST, {
      text: '{ {{#if x}}"userId": "{{x}}",{{/if}} "a": 1 }',
    });
    assert.deepEqual(yes, { looksLike: true, reason: 'top-level "userId"' });
    const no = await client.connection.sendRequest<LooksLikePayloadResult>(LOOKS_LIKE_PAYLOAD_REQUEST, { text: '{ "compilerOptions": { "x": "{{y}}" } }' });
    assert.equal(no.looksLike, false);
  });

  it("regal/mergeFieldsUsed lists the fields with types from the folder's catalog", async () => {
    const answer = await client.connection.sendRequest<MergeFieldsUsedResult>(MERGE_FIELDS_USED_REQUEST, { uri: payloadUri(), text: payload });
    assert.deepEqual(answer, {
      fields: [
        { name: 'userId', type: 'string', sample: '' },
        { name: 'age', type: 'long', sample: 0 },
        { name: 'voice_optin', type: 'boolean', sample: false },
        { name: 'address.city', sample: '' },
      ],
      catalogUri: pathToFileURL(path.join(folder, 'iterable-fields.json')).href,
    });
  });

  it('regal/check answers the errors of the text just typed, before the debounced diagnostics', async () => {
    const uri = pathToFileURL(path.join(folder, 'check.regal.json')).href;
    const clean = '{ "traits": { "phones": { "+12225555555": {} } }, "name": "Signup" }';
    await client.openDocument(uri, clean);
    await client.waitForDiagnostics(uri);
    assert.deepEqual(await client.connection.sendRequest<CheckResult>(CHECK_REQUEST, { uri, version: 1 }), { version: 1, errorCount: 0 });
    const broken = clean.replace('"Signup"', '""');
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: broken }] });
    const answer = await client.connection.sendRequest<CheckResult>(CHECK_REQUEST, { uri, version: 2 });
    // Asked right after the edit, while the published diagnostics still wait for a pause in typing.
    assert.equal(answer.version, 2);
    assert.equal(answer.errorCount, 1);
    assert.equal(answer.firstError?.code, 'empty-event-name');
    assert.deepEqual([answer.firstError?.line, answer.firstError?.character], [0, broken.indexOf('""')]);
    assert.deepEqual(await client.connection.sendRequest<CheckResult>(CHECK_REQUEST, { uri: 'file:///not-open.regal.json', version: 1 }), { errorCount: 0 });
  });

  it('answers malformed parameters with InvalidParams and keeps serving', async () => {
    for (const [method, params] of [
      [LOOKS_LIKE_PAYLOAD_REQUEST, { text: 42 }],
      [MERGE_FIELDS_USED_REQUEST, { text: '{}' }],
      [MERGE_FIELDS_USED_REQUEST, null],
    ] as const) {
      await assert.rejects(
        client.connection.sendRequest(method, params),
        (error: unknown) => error instanceof ResponseError && error.code === ErrorCodes.InvalidParams,
      );
    }
    const after = await client.connection.sendRequest<LooksLikePayloadResult>(LOOKS_LIKE_PAYLOAD_REQUEST, { text: '{ "traits": { "a": "{{b}}" } }' });
    assert.equal(after.looksLike, true);
    assert.equal(client.stderr, '');
  });
});
