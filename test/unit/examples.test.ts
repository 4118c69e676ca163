/**
 * The bundled examples: the corrected workflows are clean, Regal's originals show the mistakes the
 * guide prints (comment, quoted booleans, no phone on the event).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { repoRoot, validate } from '../support/service';

const examples = path.join(repoRoot, 'examples');
const read = (...parts: string[]) => readFileSync(path.join(examples, ...parts), 'utf8');

describe('corrected examples', () => {
  const files = readdirSync(examples).filter((f) => f.endsWith('.regal.json'));
  it('include the three workflows in both shapes', () => {
    assert.deepEqual(files.sort(), [
      'create-contact.phones.regal.json',
      'create-contact.regal.json',
      'send-event.phones.regal.json',
      'send-event.regal.json',
      'update-opt-in.phones.regal.json',
      'update-opt-in.regal.json',
    ]);
  });
  for (const file of files) {
    it(`${file} has no error, warning or information`, () => {
      const problems = validate(read(file)).filter((f) => f.diagnostic.severity !== DiagnosticSeverity.Hint);
      assert.deepEqual(
        problems.map((f) => `${f.code}: ${f.message}`),
        [],
      );
    });
  }
});

describe("Regal's guide originals", () => {
  it('create-contact shows the comment', () => {
    const found = validate(read('guide-originals', 'create-contact.regal.json'));
    assert.deepEqual(
      found.filter((f) => f.code === 'comment').map((f) => f.covers),
      ['//this is optional'],
    );
  });
  it('update-opt-in shows both quoted booleans', () => {
    const found = validate(read('guide-originals', 'update-opt-in.regal.json'));
    assert.deepEqual(
      found.filter((f) => f.code === 'quoted-boolean').map((f) => f.covers),
      ['"{{voice_optin_subscribed}}"', '"{{voice_optin_subscribed}}"'],
    );
  });
  it('send-event identifies no contact (no userId, phone or email)', () => {
    const found = validate(read('guide-originals', 'send-event.regal.json'));
    assert.deepEqual(
      found.map((f) => f.code),
      ['missing-identifier'],
    );
  });
});
