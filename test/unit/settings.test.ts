/**
 * Settings: defaults for missing or malformed values, per-code severity overrides, and the
 * extension manifest's setting schema listing exactly the service's codes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { diagnosticCodes } from '../../server/src/service/diagnosticCodes';
import { defaultSettings, normalizeSettings } from '../../server/src/service/settings';
import { repoRoot, validate } from '../support/service';

const withComment = '{ "traits": { "phone": "{{phoneNumber}}" } // note\n}';

describe('settings', () => {
  it('falls back to defaults for null, wrong types and unknown values', () => {
    for (const raw of [null, undefined, 42, 'x', [], { diagnostics: 'x' }, { diagnostics: { severity: [] } }]) {
      assert.deepEqual(normalizeSettings(raw), raw && typeof raw === 'object' && !Array.isArray(raw) ? { ...defaultSettings, severity: {} } : defaultSettings);
    }
    const mixed = normalizeSettings({ validate: { enable: 'no' }, diagnostics: { severity: { comment: 'off', 'no-such-code': 'error', type: 'fatal' } } });
    assert.deepEqual(mixed, { enable: true, severity: { comment: 'off' } });
  });

  it('applies per-code severities, including off', () => {
    assert.equal(validate(withComment).find((f) => f.code === 'comment')?.diagnostic.severity, DiagnosticSeverity.Error);
    const warning = validate(withComment, normalizeSettings({ diagnostics: { severity: { comment: 'warning' } } }));
    assert.equal(warning.find((f) => f.code === 'comment')?.diagnostic.severity, DiagnosticSeverity.Warning);
    const off = validate(withComment, normalizeSettings({ diagnostics: { severity: { comment: 'off' } } }));
    assert.equal(
      off.find((f) => f.code === 'comment'),
      undefined,
    );
  });

  it("lets a catalog path leave the workspace only when the client says it is the user's (fieldsFileScope)", () => {
    assert.equal(normalizeSettings({ fieldsFile: '../c.json', fieldsFileScope: 'user' }).fieldsFileFromUser, true);
    for (const fieldsFileScope of ['workspace', undefined, 'USER', true, null]) {
      assert.equal(normalizeSettings({ fieldsFile: '../c.json', fieldsFileScope }).fieldsFileFromUser, undefined, String(fieldsFileScope));
    }
    assert.equal(normalizeSettings({ fieldsFileScope: 'user' }).fieldsFileFromUser, undefined, 'no path, nothing to allow');
  });

  it('can turn validation off', () => {
    assert.deepEqual(validate(withComment, normalizeSettings({ validate: { enable: false } })), []);
  });

  it('declares one severity setting per code in package.json', () => {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    const setting = manifest.contributes.configuration.properties['regal.diagnostics.severity'];
    assert.deepEqual(Object.keys(setting.properties).sort(), Object.keys(diagnosticCodes).sort());
    for (const [code, info] of Object.entries(diagnosticCodes)) {
      assert.equal(setting.properties[code].default, info.severity, `default severity of ${code}`);
    }
  });
});
