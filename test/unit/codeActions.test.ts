/**
 * Quick fixes: each one is requested for a real diagnostic of a validated payload, applied, and the
 * result compared exactly; the result must re-validate without the fixed diagnostic and without a
 * new error. A loop applies every offered fix to the examples and to a set of broken payloads.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DiagnosticSeverity, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import { unknownMergeFieldFixes } from '../../server/src/service/codeActions/renameFixes';
import { MAX_DIAGNOSTICS } from '../../server/src/service/limits';
import type { ValidationSettings } from '../../server/src/service/settings';
import type { WorkspaceContext } from '../../server/src/service/workspace/workspaceContext';
import { applyAction } from '../support/applyEdits';
import { documentOf, repoRoot, service } from '../support/service';

const PHONE = '"traits": { "phone": "+16503926753" }';

function diagnose(text: string, workspace?: WorkspaceContext, settings?: ValidationSettings): Diagnostic[] {
  return service.doValidation(documentOf(text), settings, workspace);
}

interface Requested {
  diagnostic: Diagnostic;
  actions: CodeAction[];
}

/** The actions offered for the `index`-th diagnostic with `code` (or the one covering `covering`). */
function request(text: string, code: string, options: { covering?: string; workspace?: WorkspaceContext; index?: number } = {}): Requested {
  const document = documentOf(text);
  const all = service.doValidation(document, undefined, options.workspace).filter((d) => d.code === code);
  const chosen = options.covering ? all.filter((d) => text.slice(document.offsetAt(d.range.start), document.offsetAt(d.range.end)) === options.covering) : all;
  const diagnostic = chosen[options.index ?? 0];
  assert.ok(
    diagnostic,
    `no ${code} diagnostic${options.covering ? ` on ${options.covering}` : ''} in:\n${text}\n(found ${JSON.stringify(all.map((d) => d.range))})`,
  );
  return { diagnostic, actions: service.doCodeActions(document, diagnostic.range, [diagnostic], options.workspace) };
}

const errorCounts = (diagnostics: readonly Diagnostic[]) => {
  const counts = new Map<string, number>();
  for (const d of diagnostics) if (d.severity === DiagnosticSeverity.Error) counts.set(String(d.code), (counts.get(String(d.code)) ?? 0) + 1);
  return counts;
};

/**
 * Applies `action` and checks the result: fewer diagnostics with the fixed code (by the number the
 * action attaches), and no code with more errors than before.
 */
function applyChecked(text: string, action: CodeAction, code: string, workspace?: WorkspaceContext): string {
  const before = diagnose(text, workspace);
  const after = applyAction(text, action, documentOf(text).uri);
  const afterDiagnostics = diagnose(after, workspace);
  const fixed = (action.diagnostics ?? []).filter((d) => d.code === code).length;
  const count = (list: readonly Diagnostic[]) => list.filter((d) => d.code === code).length;
  assert.ok(
    count(afterDiagnostics) <= count(before) - Math.max(fixed, 1),
    `"${action.title}" left the ${code} diagnostic:\n${after}\n${JSON.stringify(afterDiagnostics.map((d) => [d.code, d.message]))}`,
  );
  const errorsBefore = errorCounts(before);
  for (const [errorCode, n] of errorCounts(afterDiagnostics)) {
    assert.ok(
      n <= (errorsBefore.get(errorCode) ?? 0),
      `"${action.title}" introduced a ${errorCode} error:\n${after}\n${JSON.stringify(afterDiagnostics.map((d) => d.message))}`,
    );
  }
  return after;
}

/** Requests the fixes for one diagnostic, applies the one titled `title` (default: the preferred one) and returns the new text. */
function fix(text: string, code: string, options: { covering?: string; workspace?: WorkspaceContext; title?: string } = {}): string {
  const { actions, diagnostic } = request(text, code, options);
  const action = options.title ? actions.find((a) => a.title === options.title) : actions.find((a) => a.isPreferred);
  assert.ok(action, `no action ${options.title ?? '(preferred)'} among ${JSON.stringify(actions.map((a) => a.title))}`);
  assert.equal(action.kind, 'quickfix');
  assert.ok(action.diagnostics?.includes(diagnostic), 'the action is attached to its diagnostic');
  return applyChecked(text, action, code, options.workspace);
}

const titles = (actions: readonly CodeAction[]) => actions.map((a) => a.title);
const catalog = (fields: Record<string, string>): WorkspaceContext => ({
  files: [],
  catalog: { uri: 'file:///w/iterable-fields.json', fields: new Map(Object.entries(fields)) },
});

describe('quick fix: comment', () => {
  it('keeps the block tags a comment runs over (found by fuzzing)', () => {
    // `// note {{/if}}`: the tag closes the block whatever JSON makes of the line; deleting it breaks the template.
    const text = '{ ' + PHONE + ', {{#if a}}"userId": "{{userId}}" // note {{/if}}\n}';
    assert.equal(fix(text, 'comment'), '{ ' + PHONE + ', {{#if a}}"userId": "{{userId}}" {{/if}}\n}');
    const two = '{ ' + PHONE + ', /* x */ {{#if a}}"userId": "{{userId}}" // note {{/if}}\n}';
    const { actions } = request(two, 'comment');
    const all = actions.find((a) => a.title === 'Remove all comments in this file');
    assert.ok(all);
    assert.equal(applyChecked(two, all, 'comment'), '{ ' + PHONE + ', {{#if a}}"userId": "{{userId}}" {{/if}}\n}');
  });

  it('removes a comment at the end of a line, with the spaces before it', () => {
    const text = '{\n  "userId": "{{uniqueIdentifier}}", //this is optional\n  ' + PHONE + '\n}';
    assert.equal(fix(text, 'comment'), '{\n  "userId": "{{uniqueIdentifier}}",\n  ' + PHONE + '\n}');
  });

  it('removes a comment alone on its line with the line', () => {
    const text = '{\n  // the contact\n  ' + PHONE + '\n}';
    assert.equal(fix(text, 'comment'), '{\n  ' + PHONE + '\n}');
  });

  it('removes a block comment inside a line', () => {
    const text = '{ /* contact */ ' + PHONE + ' }';
    assert.equal(fix(text, 'comment', { title: 'Remove this block comment' }), '{ ' + PHONE + ' }');
  });

  it('removes every comment of the file with "Remove all comments in this file"', () => {
    const text = '{\n  // first\n  "userId": "{{userId}}", // second\n  /* third\n     over two lines */\n  ' + PHONE + '\n}';
    const { actions } = request(text, 'comment', { index: 1 });
    assert.deepEqual(titles(actions), ['Remove this comment', 'Remove all comments in this file']);
    const after = applyChecked(text, actions[1], 'comment');
    assert.equal(after, '{\n  "userId": "{{userId}}",\n  ' + PHONE + '\n}');
    assert.deepEqual(
      diagnose(after).map((d) => d.code),
      ['legacy-shape'],
    );
  });
});

describe('quick fix: trailing-comma', () => {
  it('removes the comma', () => {
    assert.equal(fix('{ ' + PHONE + ', }', 'trailing-comma'), '{ ' + PHONE + ' }');
  });

  it('removes every comma of a run, which would otherwise leave the one before trailing (found by fuzzing)', () => {
    assert.equal(fix('{ ' + PHONE + ',, }', 'trailing-comma'), '{ ' + PHONE + ' }');
    assert.equal(fix('{ ' + PHONE + ', ,\n , }', 'trailing-comma'), '{ ' + PHONE + ' \n  }');
    const { actions } = request('{ ' + PHONE + ',, }', 'trailing-comma');
    assert.deepEqual(titles(actions), ['Remove the trailing commas']);
  });

  it('removes the commas before a block whose branch brings its own comma, moving none in (found by fuzzing)', () => {
    assert.equal(fix('{ ' + PHONE + ', {{#if x}},"a": 1{{/if}} }', 'trailing-comma'), '{ ' + PHONE + ' {{#if x}},"a": 1{{/if}} }');
    assert.equal(fix('{ ' + PHONE + ',, {{#if x}},"a": 1{{/if}} }', 'trailing-comma'), '{ ' + PHONE + ' {{#if x}},"a": 1{{/if}} }');
  });

  it('removes a comma before a block that renders only a comment, instead of moving it in (found by fuzzing)', () => {
    // Moved in front of the comment, the comma would be trailing whenever the block renders.
    for (const comment of ['/* c */', '{{!-- c --}}']) {
      assert.equal(fix('{ ' + PHONE + ', {{#if x}}' + comment + '{{/if}} }', 'trailing-comma'), '{ ' + PHONE + ' {{#if x}}' + comment + '{{/if}} }');
    }
    assert.equal(fix('{ ' + PHONE + ', {{#if x}}/* c */{{/if}}, }', 'trailing-comma'), '{ ' + PHONE + ' {{#if x}}/* c */{{/if}} }');
    // A branch that holds a member gets the comma; one that holds only a comment does not.
    assert.equal(
      fix('{ ' + PHONE + ', {{#if x}}"a": 1{{else}}/* none */{{/if}} }', 'trailing-comma'),
      '{ ' + PHONE + ' {{#if x}},"a": 1{{else}}/* none */{{/if}} }',
    );
  });

  it('moves the comma before an optional block into it when the comma after it goes', () => {
    const text = '{ ' + PHONE + ', {{#if userId}}"userId": "{{userId}}"{{/if}}, }';
    assert.equal(fix(text, 'trailing-comma'), '{ ' + PHONE + ' {{#if userId}},"userId": "{{userId}}"{{/if}} }');
  });

  it('moves a comma that is trailing only when a block renders nothing into the block', () => {
    const text = '{ ' + PHONE + ', {{#if userId}}"userId": "{{userId}}"{{/if}} }';
    assert.equal(fix(text, 'trailing-comma'), '{ ' + PHONE + ' {{#if userId}},"userId": "{{userId}}"{{/if}} }');
  });
});

describe('quick fix: optin-channel', () => {
  const text = (channel: string) => `{ "traits": { "phone": "+16503926753", "optIn": [ { "channel": "${channel}", "subscribed": true } ] } }`;

  it('offers every allowed channel, the closest first and preferred', () => {
    const { actions } = request(text('vocie'), 'optin-channel');
    assert.deepEqual(titles(actions), ['Change the channel to `voice`', 'Change the channel to `email`', 'Change the channel to `sms`']);
    assert.deepEqual(
      actions.map((a) => a.isPreferred ?? false),
      [true, false, false],
    );
    assert.equal(applyChecked(text('vocie'), actions[0], 'optin-channel'), text('voice'));
  });

  it('ranks a channel contained in the value first', () => {
    const { actions } = request(text('sms-text'), 'optin-channel');
    assert.equal(actions[0].title, 'Change the channel to `sms`');
    assert.equal(applyChecked(text('sms-text'), actions[2], 'optin-channel'), text(actions[2].title.includes('voice') ? 'voice' : 'email'));
  });
});

describe('quick fix: optin-required', () => {
  it('adds "subscribed": true on its own line in a multi-line item', () => {
    const text = '{\n  "traits": {\n    "phone": "+16503926753",\n    "optIn": [\n      {\n        "channel": "sms"\n      }\n    ]\n  }\n}';
    assert.equal(
      fix(text, 'optin-required', { title: 'Add `"subscribed": true`' }),
      '{\n  "traits": {\n    "phone": "+16503926753",\n    "optIn": [\n      {\n        "subscribed": true,\n        "channel": "sms"\n      }\n    ]\n  }\n}',
    );
  });

  it('adds a channel the other items do not use yet, first', () => {
    const text = '{ "traits": { "phone": "+16503926753", "optIn": [ { "channel": "voice", "subscribed": true }, { "subscribed": false } ] } }';
    const { actions } = request(text, 'optin-required');
    assert.deepEqual(titles(actions), ['Add `"channel": "sms"`', 'Add `"channel": "email"`', 'Add `"channel": "voice"`']);
    assert.equal(
      applyChecked(text, actions[0], 'optin-required'),
      '{ "traits": { "phone": "+16503926753", "optIn": [ { "channel": "voice", "subscribed": true }, { "channel": "sms", "subscribed": false } ] } }',
    );
  });

  it('adds both properties to an empty item, clearing both diagnostics', () => {
    const text = '{ "traits": { "phone": "+16503926753", "optIn": [ {} ] } }';
    const document = documentOf(text);
    const diagnostics = service.doValidation(document).filter((d) => d.code === 'optin-required');
    assert.equal(diagnostics.length, 2);
    const actions = service.doCodeActions(document, diagnostics[0].range, diagnostics);
    const both = actions.find((a) => a.title === 'Add `"channel": "voice"` and `"subscribed": true`');
    assert.ok(both, JSON.stringify(titles(actions)));
    assert.equal(both.diagnostics?.length, 2);
    const after = applyChecked(text, both, 'optin-required');
    assert.equal(after, '{ "traits": { "phone": "+16503926753", "optIn": [ { "channel": "voice", "subscribed": true } ] } }');
    assert.ok(!diagnose(after).some((d) => d.code === 'optin-required'));
  });

  it('offers each fix once when both diagnostics of an empty item are sent, preferring only the one that needs no guess', () => {
    // VS Code sends every diagnostic under the cursor; the two share a range. A channel is the
    // author's choice (consent to calls, texts or emails), so Auto Fix must not pick one.
    const text = '{ "traits": { "phone": "+16503926753", "optIn": [ { "channel": "sms", "subscribed": true }, {} ] } }';
    const document = documentOf(text);
    const diagnostics = service.doValidation(document).filter((d) => d.code === 'optin-required');
    const actions = service.doCodeActions(document, diagnostics[0].range, diagnostics);
    assert.deepEqual(titles(actions), [
      'Add `"channel": "voice"` and `"subscribed": true`',
      'Add `"channel": "email"` and `"subscribed": true`',
      'Add `"channel": "sms"` and `"subscribed": true`',
      'Add `"subscribed": true`',
    ]);
    assert.deepEqual(
      actions.filter((a) => a.isPreferred).map((a) => a.title),
      ['Add `"subscribed": true`'],
    );
  });

  it('adds both properties to an item left open at the end of the file (found by fuzzing)', () => {
    // The item `{` has no `}`: the edit once ended before it started.
    const text = '{ "traits": { "phone": "+16503926753", "optIn": [ {';
    const document = documentOf(text);
    const diagnostics = service.doValidation(document).filter((d) => d.code === 'optin-required');
    const both = service
      .doCodeActions(document, diagnostics[0].range, diagnostics)
      .find((a) => a.title === 'Add `"channel": "voice"` and `"subscribed": true`');
    assert.ok(both);
    for (const edit of both.edit?.changes?.[document.uri] ?? [])
      assert.ok(document.offsetAt(edit.range.start) <= document.offsetAt(edit.range.end), JSON.stringify(edit.range));
    assert.equal(applyChecked(text, both, 'optin-required'), '{ "traits": { "phone": "+16503926753", "optIn": [ { "channel": "voice", "subscribed": true ');
  });
});

describe('quick fix: quoted-boolean', () => {
  const text = '{ "traits": { "phones": { "{{phoneNumber}}": { "smsOptIn": { "subscribed": "{{sms_optin}}" } } } } }';
  const withValue = (value: string) => text.replace('"{{sms_optin}}"', value);

  it('offers both forms without a catalog, neither preferred: the field type decides which is right', () => {
    // Auto Fix applies a preferred fix unseen: `{{#if f}}` on a text field holding "false" would
    // send `subscribed: true`, an opt-in the contact never gave.
    const { actions } = request(text, 'quoted-boolean');
    assert.deepEqual(titles(actions), [
      'Render a real boolean: `{{#if sms_optin}}true{{else}}false{{/if}}`',
      'Render a real boolean from the text "true": `{{#ifEq sms_optin \'true\'}}true{{else}}false{{/ifEq}}`',
    ]);
    assert.deepEqual(
      actions.map((a) => a.isPreferred ?? false),
      [false, false],
    );
    assert.equal(applyChecked(text, actions[0], 'quoted-boolean'), withValue('{{#if sms_optin}}true{{else}}false{{/if}}'));
    assert.equal(applyChecked(text, actions[1], 'quoted-boolean'), withValue("{{#ifEq sms_optin 'true'}}true{{else}}false{{/ifEq}}"));
  });

  it('uses {{#if}} alone for a boolean field of the catalog', () => {
    const workspace = catalog({ sms_optin: 'boolean' });
    const { actions } = request(text, 'quoted-boolean', { workspace });
    assert.equal(actions.length, 1);
    assert.equal(fix(text, 'quoted-boolean', { workspace }), withValue('{{#if sms_optin}}true{{else}}false{{/if}}'));
  });

  it("uses {{#ifEq f 'true'}} alone for a string field of the catalog", () => {
    const workspace = catalog({ sms_optin: 'string' });
    const { actions } = request(text, 'quoted-boolean', { workspace });
    assert.equal(actions.length, 1);
    assert.equal(fix(text, 'quoted-boolean', { workspace }), withValue("{{#ifEq sms_optin 'true'}}true{{else}}false{{/ifEq}}"));
  });

  it('keeps the field as written (brackets, dotted paths)', () => {
    const bracketed = text.replace('{{sms_optin}}', '{{[SMS Opt In]}}');
    const title = 'Render a real boolean: `{{#if [SMS Opt In]}}true{{else}}false{{/if}}`';
    assert.equal(fix(bracketed, 'quoted-boolean', { title }), withValue('{{#if [SMS Opt In]}}true{{else}}false{{/if}}'));
  });
});

describe('quick fix: fix all quoted booleans in this file', () => {
  const text =
    '{ "traits": { "phones": { "{{phoneNumber}}": { "isPrimary": "{{primary}}", "voiceOptIn": { "subscribed": "{{voice}}" }, "smsOptIn": { "subscribed": "{{sms}}" } } } }, "userId": "{{userId}}" }';

  it('applies the preferred form to each quoted boolean, in one edit', () => {
    const workspace = catalog({ primary: 'boolean', voice: 'boolean', sms: 'string' });
    const { actions } = request(text, 'quoted-boolean', { workspace, index: 1 });
    const all = actions.find((a) => a.title === 'Fix all quoted booleans in this file');
    assert.ok(all, JSON.stringify(titles(actions)));
    assert.equal(all.isPreferred, undefined);
    assert.equal(all.kind, 'quickfix');
    const after = applyAction(text, all, documentOf(text).uri);
    assert.equal(
      after,
      text
        .replace('"{{primary}}"', '{{#if primary}}true{{else}}false{{/if}}')
        .replace('"{{voice}}"', '{{#if voice}}true{{else}}false{{/if}}')
        .replace('"{{sms}}"', "{{#ifEq sms 'true'}}true{{else}}false{{/ifEq}}"),
    );
    assert.deepEqual(
      diagnose(after, workspace).filter((d) => d.code === 'quoted-boolean'),
      [],
    );
  });

  it('leaves out a field without a type, and says which', () => {
    const workspace = catalog({ primary: 'boolean', sms: 'boolean' });
    const { actions, diagnostic } = request(text, 'quoted-boolean', { workspace });
    const all = actions.find((a) => a.title.startsWith('Fix 2 of 3'));
    assert.ok(all, JSON.stringify(titles(actions)));
    assert.equal(all.title, 'Fix 2 of 3 quoted booleans (the 2nd needs a type)');
    assert.deepEqual(all.diagnostics, [diagnostic]);
    const after = applyAction(text, all, documentOf(text).uri);
    assert.ok(after.includes('"subscribed": "{{voice}}"'), after);
    assert.equal(diagnose(after, workspace).filter((d) => d.code === 'quoted-boolean').length, 1);
    // Asked on the one it leaves out, it names no diagnostic of the request.
    const second = request(text, 'quoted-boolean', { workspace, index: 1 });
    assert.deepEqual(second.actions.find((a) => a.title.startsWith('Fix 2 of 3'))?.diagnostics, undefined);
  });

  it('is not offered with one quoted boolean, or when no field has a type', () => {
    const one = '{ "traits": { "phones": { "{{phoneNumber}}": { "isPrimary": "{{primary}}" } } } }';
    assert.deepEqual(titles(request(one, 'quoted-boolean', { workspace: catalog({ primary: 'boolean' }) }).actions), [
      'Render a real boolean: `{{#if primary}}true{{else}}false{{/if}}`',
    ]);
    assert.ok(!titles(request(text, 'quoted-boolean').actions).some((t) => t.startsWith('Fix')));
  });
});

describe('quick fix: missing comma (invalid-json)', () => {
  const fixes = (text: string) => request(text, 'invalid-json').actions;

  it('inserts the comma right after the previous property, preferred', () => {
    const text = '{ "name": "Signup" "userId": "{{userId}}" }';
    const actions = fixes(text);
    assert.deepEqual(titles(actions), ['Insert the missing comma']);
    assert.equal(actions[0].isPreferred, true);
    assert.equal(fix(text, 'invalid-json'), '{ "name": "Signup", "userId": "{{userId}}" }');
  });

  it('inserts it between array items, before a comment, and on the line of the previous member', () => {
    const base = (members: string) => `{ "userId": "{{userId}}", "properties": { "ids": [${members}] } }`;
    assert.equal(fix(base('1 2'), 'invalid-json'), base('1, 2'));
    assert.equal(fix(base('{ "a": 1 } { "b": 2 }'), 'invalid-json'), base('{ "a": 1 }, { "b": 2 }'));
    assert.equal(fix('{\n  "name": "Signup"\n  "userId": "{{userId}}"\n}', 'invalid-json'), '{\n  "name": "Signup",\n  "userId": "{{userId}}"\n}');
    assert.equal(
      applyChecked(
        '{ "name": "Signup" /* c */ "userId": "x" }',
        request('{ "name": "Signup" /* c */ "userId": "x" }', 'invalid-json').actions[0],
        'invalid-json',
      ),
      '{ "name": "Signup", /* c */ "userId": "x" }',
    );
  });

  it('goes after the {{/if}} of a value written with a block, into the block of a member that may not render', () => {
    // A conditional member keeps its comma: after `{{/if}}` it would be left alone when `a` is false.
    assert.equal(
      fix('{ "userId": "x", {{#if a}}"name": "A"{{/if}} "email": "y" }', 'invalid-json'),
      '{ "userId": "x", {{#if a}}"name": "A",{{/if}} "email": "y" }',
    );
    assert.equal(fix('{ "s": {{#if a}}true{{else}}false{{/if}} "userId": "x" }', 'invalid-json'), '{ "s": {{#if a}}true{{else}}false{{/if}}, "userId": "x" }');
    assert.equal(
      fix('{ {{#if a}}"name": "A"{{else}}"name": "B"{{/if}} "userId": "x" }', 'invalid-json'),
      '{ {{#if a}}"name": "A"{{else}}"name": "B"{{/if}}, "userId": "x" }',
    );
    assert.equal(fix('{ "userId": "x" {{#if a}}"name": "A"{{/if}} }', 'invalid-json'), '{ "userId": "x" {{#if a}},"name": "A"{{/if}} }');
    assert.equal(fix('{ "age": {{age}} "userId": "x" }', 'invalid-json'), '{ "age": {{age}}, "userId": "x" }');
  });

  it('is offered only when a comma is all that is missing', () => {
    for (const text of [
      '{ "userId": "x" b: 2 }',
      '{ "userId": "x" "name" }',
      '{ "userId": "x" "name": }',
      '{ "userId": "x", "properties": { "a": [1 :] } }',
      '{ "userId": "x" } "name": 1',
      '{ "userId": "x", "name": }',
    ]) {
      const document = documentOf(text);
      for (const diagnostic of service.doValidation(document).filter((d) => d.code === 'invalid-json')) {
        assert.deepEqual(titles(service.doCodeActions(document, diagnostic.range, [diagnostic])), [], text);
      }
    }
  });
});

describe('source.fixAll.regal', () => {
  const text = [
    '{',
    '  "name": "Signup" // the event',
    '  "userId": "{{userId}}",',
    '  "traits": {',
    '    "phones": { "(650) 392-6753": { "isPrimary": "{{primary}}", "smsOptIn": { "subscribed": "true" } } },',
    '    "emails": { "{{email}}": {} },',
    '  },',
    '}',
  ].join('\n');
  const whole = (t: string) => ({ start: { line: 0, character: 0 }, end: documentOf(t).positionAt(t.length) });
  const fixAll = (t: string, only: string[] = ['source.fixAll'], workspace?: WorkspaceContext, settings?: ValidationSettings) =>
    service.doCodeActions(documentOf(t), whole(t), [], workspace, { only, settings });

  it('applies the preferred fix of every diagnostic in one edit, leaving nothing fixable', () => {
    const workspace = catalog({ primary: 'boolean' });
    const actions = fixAll(text, ['source.fixAll'], workspace);
    assert.equal(actions.length, 1);
    const [action] = actions;
    assert.equal(action.kind, 'source.fixAll.regal');
    const after = applyAction(text, action, documentOf(text).uri);
    assert.equal(
      after,
      [
        '{',
        '  "name": "Signup",',
        '  "userId": "{{userId}}",',
        '  "traits": {',
        '    "phones": { "+16503926753": { "isPrimary": {{#if primary}}true{{else}}false{{/if}}, "smsOptIn": { "subscribed": true } } },',
        '    "emails": { "{{email}}": {} }',
        '  }',
        '}',
      ].join('\n'),
    );
    const left = diagnose(after, workspace);
    assert.deepEqual(
      left.map((d) => d.code),
      [],
    );
    assert.equal(action.title, `Fix all auto-fixable Regal problems (${diagnose(text, workspace).length} problems)`);
    assert.deepEqual(fixAll(after, ['source.fixAll'], workspace), []);
  });

  it('is answered for `source`, `source.fixAll` and `source.fixAll.regal` only, and alone', () => {
    for (const only of [['source'], ['source.fixAll'], ['source.fixAll.regal'], ['quickfix', 'source.fixAll']]) {
      assert.deepEqual(
        fixAll(text, only).map((a) => a.kind),
        ['source.fixAll.regal'],
        JSON.stringify(only),
      );
    }
    for (const only of [['quickfix'], ['source.organizeImports'], ['source.fixAll.eslint'], ['refactor']])
      assert.deepEqual(fixAll(text, only), [], JSON.stringify(only));
    // Without `only`, quick fixes only: the whole-file action is computed when asked for.
    const document = documentOf(text);
    const diagnostics = service.doValidation(document);
    const actions = service.doCodeActions(document, whole(text), diagnostics);
    assert.ok(actions.length > 0 && actions.every((a) => a.kind === 'quickfix'));
    // Asked for quick fixes only, none of source.fixAll.
    assert.ok(service.doCodeActions(document, whole(text), diagnostics, undefined, { only: ['quickfix'] }).every((a) => a.kind === 'quickfix'));
    assert.deepEqual(
      service.doCodeActions(document, whole(text), diagnostics, undefined, { only: ['source.fixAll'] }).map((a) => a.kind),
      ['source.fixAll.regal'],
    );
  });

  it('skips a fix whose edits overlap one taken before it', () => {
    // Both the unknown key and the legacy conversion edit `traits`: the rename comes first, the conversion waits.
    const legacy = '{ "userId": "x", "traits": { "phone": "+16503926753", "optIn": [ { "chanel": "sms", "subscribed": true } ] } }';
    const [action] = fixAll(legacy);
    const after = applyAction(legacy, action, documentOf(legacy).uri);
    const edits = action.edit?.changes?.[documentOf(legacy).uri] ?? [];
    const spans = edits.map((e) => [documentOf(legacy).offsetAt(e.range.start), documentOf(legacy).offsetAt(e.range.end)]);
    for (let i = 1; i < spans.length; i++) assert.ok(spans[i][0] >= spans[i - 1][1], JSON.stringify(spans));
    assert.ok(after.includes('"channel": "sms"') || after.includes('"phones"'), after);
  });

  it('fixes nothing a setting turns off, and offers nothing when nothing has a preferred fix', () => {
    const off: ValidationSettings = {
      enable: true,
      severity: { 'trailing-comma': 'off', comment: 'off', 'invalid-json': 'off', 'legacy-shape': 'off', 'phone-format': 'off', type: 'off' },
    };
    const [action] = fixAll(text, ['source.fixAll'], catalog({ primary: 'boolean' }), off);
    const after = applyAction(text, action, documentOf(text).uri);
    assert.ok(after.includes('// the event') && after.includes('"(650) 392-6753"') && after.includes('{{#if primary}}'), after);
    assert.deepEqual(fixAll('{ "userId": "{{userId}}", "traits": { "phone": "{{phoneNumber}}" } }'.replace('phone"', 'phones"'), ['source.fixAll']), []);
  });
});

describe('quick fix: unquoted-merge-field', () => {
  const payload = (value: string, key = '"properties": { "age": VALUE }') => `{ ${PHONE}, ${key.replace('VALUE', value)} }`;

  it('offers nothing for a mustache written inside an unclosed one (found by fuzzing)', () => {
    // `{{[First` is cut at the next `{{`; quoted, `{{a.b}}` would become part of one long tag.
    for (const value of ['{{[First{{a.b}} Name]}}', '{{defaultIfEmpty {{a.b}}x 0}}']) {
      assert.deepEqual(titles(request(payload(value), 'unquoted-merge-field').actions), [], value);
    }
  });

  it('renders a real boolean for a boolean key, in the form the field type calls for', () => {
    const key = '"traits": { "phone": "+16503926753", "optIn": [ { "channel": "sms", "subscribed": VALUE } ] }';
    const text = `{ ${key.replace('VALUE', '{{sms_optin}}')} }`;
    const { actions } = request(text, 'unquoted-merge-field');
    assert.deepEqual(titles(actions), [
      'Render a real boolean: `{{#if sms_optin}}true{{else}}false{{/if}}`',
      'Render a real boolean from the text "true": `{{#ifEq sms_optin \'true\'}}true{{else}}false{{/ifEq}}`',
    ]);
    assert.deepEqual(
      actions.map((a) => a.isPreferred ?? false),
      [false, false],
    );
    assert.equal(applyChecked(text, actions[0], 'unquoted-merge-field'), `{ ${key.replace('VALUE', '{{#if sms_optin}}true{{else}}false{{/if}}')} }`);
    const workspace = catalog({ sms_optin: 'string' });
    assert.equal(fix(text, 'unquoted-merge-field', { workspace }), `{ ${key.replace('VALUE', "{{#ifEq sms_optin 'true'}}true{{else}}false{{/ifEq}}")} }`);
    assert.equal(
      fix(text, 'unquoted-merge-field', { workspace: catalog({ sms_optin: 'boolean' }) }),
      `{ ${key.replace('VALUE', '{{#if sms_optin}}true{{else}}false{{/if}}')} }`,
    );
  });

  it('quotes the field for a string key', () => {
    const text = `{ "userId": {{userId}}, ${PHONE} }`;
    const { actions } = request(text, 'unquoted-merge-field');
    assert.deepEqual(titles(actions), ['Put it in quotes: `"{{userId}}"`']);
    assert.equal(fix(text, 'unquoted-merge-field'), `{ "userId": "{{userId}}", ${PHONE} }`);
  });

  it('offers a number that always renders, then quotes, for a key of unknown type', () => {
    const text = payload('{{age}}');
    const { actions } = request(text, 'unquoted-merge-field');
    assert.deepEqual(titles(actions), ['Render 0 when `age` is blank: `{{defaultIfEmpty age 0}}`', 'Put it in quotes: `"{{age}}"`']);
    assert.deepEqual(
      actions.map((a) => a.isPreferred ?? false),
      [false, false],
      'a text field would render `"age": Austin`',
    );
    assert.equal(applyChecked(text, actions[0], 'unquoted-merge-field'), payload('{{defaultIfEmpty age 0}}'));
    assert.equal(applyChecked(text, actions[1], 'unquoted-merge-field'), payload('"{{age}}"'));
  });

  it('follows the catalog type of the field', () => {
    assert.deepEqual(titles(request(payload('{{age}}'), 'unquoted-merge-field', { workspace: catalog({ age: 'long' }) }).actions), [
      'Render 0 when `age` is blank: `{{defaultIfEmpty age 0}}`',
    ]);
    assert.equal(fix(payload('{{vip}}'), 'unquoted-merge-field', { workspace: catalog({ vip: 'boolean' }) }), payload('{{#if vip}}true{{else}}false{{/if}}'));
    assert.equal(fix(payload('{{city}}'), 'unquoted-merge-field', { workspace: catalog({ city: 'string' }) }), payload('"{{city}}"'));
  });

  it('quotes a bare helper that renders text', () => {
    assert.equal(fix(payload('{{now}}'), 'unquoted-merge-field'), payload('"{{now}}"'));
  });
});

describe('quick fix: rename', () => {
  it('renames an unknown property to the suggested key', () => {
    const text = '{ "traits": { "phone": "+16503926753", "optIn": [ { "chanel": "sms", "subscribed": true } ] } }';
    assert.equal(fix(text, 'unknown-property'), text.replace('"chanel"', '"channel"'));
  });

  it('offers nothing without a suggestion', () => {
    assert.deepEqual(request(`{ ${PHONE}, "zzzzzz": 1 }`, 'unknown-property').actions, []);
  });

  it('renames an unknown merge field inside its mustache to each suggestion', () => {
    const text = `{ "userId": "{{userid}}", ${PHONE} }`;
    const start = text.indexOf('userid');
    const document = documentOf(text);
    const finding = {
      code: 'unknown-merge-field',
      start: start - 2,
      end: start + 8,
      message: 'unknown',
      data: { field: 'userid', suggestions: ['userId', 'user id'] },
    };
    const diagnostic: Diagnostic = {
      range: { start: document.positionAt(finding.start), end: document.positionAt(finding.end) },
      message: 'unknown',
      code: finding.code,
      source: 'regal',
      data: { code: finding.code, ...finding.data },
    };
    const analysis = service.analyze(document);
    const actions = unknownMergeFieldFixes({ document, text, analysis, workspace: { files: [] }, diagnostic, finding: finding as never });
    assert.deepEqual(titles(actions), ['Rename the merge field to `userId`', 'Rename the merge field to `user id`']);
    assert.equal(applyAction(text, actions[0], document.uri), `{ "userId": "{{userId}}", ${PHONE} }`);
    assert.equal(applyAction(text, actions[1], document.uri), `{ "userId": "{{[user id]}}", ${PHONE} }`);
  });

  it('keeps a renamed field apart from the token written against it (found by fuzzing)', () => {
    // `[First Name]1e999` is two tokens to Handlebars; `firstName1e999` would be one unknown field.
    const text = `{ ${PHONE}, "a": "{{#each [First Name]1e999}}x{{/each}}" }`;
    const workspace = catalog({ firstName: 'string' });
    const after = fix(text, 'unknown-merge-field', { workspace, title: 'Rename the merge field to `firstName`' });
    assert.equal(after, text.replace('[First Name]', '[firstName]'));
  });

  it('renames an unknown merge field reported against the catalog', (t) => {
    const text = `{ "userId": "{{userId}}", "traits": { "phone": "{{phoneNumbr}}" } }`;
    const workspace = catalog({ phoneNumber: 'string', voice_optin: 'boolean' });
    if (!diagnose(text, workspace).some((d) => d.code === 'unknown-merge-field')) {
      t.skip('unknown-merge-field is not reported yet (the catalog checks land separately)');
      return;
    }
    assert.equal(fix(text, 'unknown-merge-field', { workspace }), text.replace('phoneNumbr', 'phoneNumber'));
  });

  it('renames each of thousands of unknown merge fields in its own mustache (found by fuzzing: was quadratic)', () => {
    // Each rename looked at every mustache of the file: 8,000 unknown fields took seconds.
    const text = `{ ${PHONE}, "name": "${'{{phoneNumbr}} '.repeat(8000)}" }`;
    const workspace = catalog({ phoneNumber: 'string' });
    const document = documentOf(text);
    // Published: the first MAX_DIAGNOSTICS of them (limits.ts), all in one request, as a client sends them back.
    const diagnostics = service.doValidation(document, undefined, workspace).filter((d) => d.code === 'unknown-merge-field');
    assert.equal(diagnostics.length, MAX_DIAGNOSTICS);
    const actions = service
      .doCodeActions(document, diagnostics[0].range, diagnostics, workspace)
      .filter((a) => a.title === 'Rename the merge field to `phoneNumber`');
    assert.equal(actions.length, MAX_DIAGNOSTICS);
    const last = actions[actions.length - 1].edit?.changes?.[document.uri] ?? [];
    assert.deepEqual(
      last.map((e) => document.offsetAt(e.range.start)),
      [document.offsetAt(diagnostics[MAX_DIAGNOSTICS - 1].range.start)],
    );
  });
});

describe('quick fix: phone-format', () => {
  const text = (phone: string) => `{ "traits": { "phone": ${JSON.stringify(phone)} } }`;
  // Without a country code libphonenumber cannot read the number (phone-format, a warning); with one
  // it can, and only the writing differs from E.164 (phone-not-e164, a hint). Both get the same fix.
  for (const [written, e164, code] of [
    ['(650) 392-6753', '+16503926753', 'phone-format'],
    ['650-392-6753', '+16503926753', 'phone-format'],
    ['650.392.6753', '+16503926753', 'phone-format'],
    ['16503926753', '+16503926753', 'phone-format'],
    ['1 (650) 392-6753', '+16503926753', 'phone-format'],
    ['0044 20 7946 0958', '+442079460958', 'phone-format'],
    ['+44 20 7946 0958', '+442079460958', 'phone-not-e164'],
    ['+1 (650) 392-6753', '+16503926753', 'phone-not-e164'],
    ['+1 (954) 555-2399', '+19545552399', 'phone-not-e164'],
  ]) {
    it(`writes ${written} as ${e164} (${code})`, () => {
      const { actions } = request(text(written), code);
      // The conversion to traits.phones is offered too, on traits.phone, without a diagnostic.
      assert.deepEqual(titles(actions), [`Write the phone in E.164: \`${e164}\``, 'Convert to the `traits.phones` shape']);
      assert.equal(fix(text(written), code), text(e164));
    });
  }

  for (const ambiguous of ['392-6753', '020 7946 0958', '12345', 'call me']) {
    it(`offers nothing for the ambiguous ${ambiguous}`, () => {
      assert.deepEqual(titles(request(text(ambiguous), 'phone-format').actions), ['Convert to the `traits.phones` shape']);
    });
  }

  it('rewrites a phones key', () => {
    const payload = '{ "traits": { "phones": { "(650) 392-6753": { "isPrimary": true } } } }';
    assert.equal(fix(payload, 'phone-format'), payload.replace('"(650) 392-6753"', '"+16503926753"'));
  });

  it('leaves a phones key alone when the E.164 key already exists', () => {
    const payload = '{ "traits": { "phones": { "+16503926753": {}, "650-392-6753": {} } } }';
    assert.deepEqual(request(payload, 'phone-format').actions, []);
  });
});

describe('quick fix: type', () => {
  it('removes the quotes around a boolean literal', () => {
    const text = '{ "traits": { "phone": "+16503926753", "optIn": [ { "channel": "sms", "subscribed": "false" } ] } }';
    assert.equal(fix(text, 'type'), text.replace('"false"', 'false'));
  });

  it('offers nothing for other type errors', () => {
    assert.deepEqual(request(`{ ${PHONE}, "properties": [] }`, 'type').actions, []);
  });
});

describe('quick fix: handlebars-syntax', () => {
  it('separates a mustache from the JSON brace that Handlebars would read as `}}}`', () => {
    const text = `{ ${PHONE}, "properties": { "plan": {{toJson plan}}} }`;
    const { diagnostic } = request(text, 'handlebars-syntax');
    assert.match(typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value, /a space between \}\} and the JSON \}/);
    assert.equal(fix(text, 'handlebars-syntax'), text.replace('plan}}}', 'plan}} }'));
  });
});

describe('quick fix: duplicate-key', () => {
  it('removes the earlier property with its line', () => {
    const text = '{\n  "name": "A",\n  "eventSource": "iterable",\n  "name": "B",\n  ' + PHONE + '\n}';
    assert.equal(fix(text, 'duplicate-key'), '{\n  "eventSource": "iterable",\n  "name": "B",\n  ' + PHONE + '\n}');
  });

  it('removes an earlier property written as a block in value position', () => {
    const text = '{ ' + PHONE.replace('}', ', "vip": {{#if vip}}true{{else}}false{{/if}}, "vip": false }') + ' }';
    assert.equal(fix(text, 'duplicate-key'), '{ ' + PHONE.replace('}', ', "vip": false }') + ' }');
  });

  it('removes every earlier property with the key, so that the last one is no duplicate any more (found by fuzzing)', () => {
    const text = '{ "name": "A", "name": "B", ' + PHONE + ', "name": "C" }';
    const { actions } = request(text, 'duplicate-key', { index: 1 });
    assert.deepEqual(titles(actions), ['Remove the 2 earlier `name`']);
    const after = applyChecked(text, actions[0], 'duplicate-key');
    assert.equal(after, '{ ' + PHONE + ', "name": "C" }');
    assert.deepEqual(
      diagnose(after).filter((d) => d.code === 'duplicate-key'),
      [],
    );
    // The second `name` has one earlier property only.
    assert.equal(fix(text, 'duplicate-key'), '{ "name": "B", ' + PHONE + ', "name": "C" }');
  });

  it('stays small on a key written thousands of times: no fix past 20 earlier copies', () => {
    // Each fix removes every copy before its own: unbounded, 10,000 copies made 50 million edits.
    const text = `{ ${PHONE}, ${'"a": 1, '.repeat(10000)}"b": 2 }`;
    const document = documentOf(text);
    const diagnostics = service.doValidation(document).filter((d) => d.code === 'duplicate-key');
    const actions = service.doCodeActions(document, diagnostics[0].range, diagnostics);
    assert.equal(actions.length, 20);
    assert.deepEqual(titles(actions).slice(0, 2), ['Remove the earlier `a`', 'Remove the 2 earlier `a`']);
    assert.equal(
      actions.reduce((n, a) => n + (a.edit?.changes?.[document.uri].length ?? 0), 0),
      20,
      'neighbouring removals merge into one edit each',
    );
  });

  it('offers no removal that would leave a copy another branch renders (found by fuzzing)', () => {
    // In the {{else}} branch the last `t` is a duplicate of the branch's own `t`, which removing the
    // second `t` would not change: the diagnostic would stay.
    const text = '{ ' + PHONE + ', {{#if a}}"x": 1{{else}}"t": 1{{/if}}, "t": 2, "t": 3 }';
    assert.deepEqual(request(text, 'duplicate-key', { index: 1 }).actions, []);
    // Where every rendered copy is in view 0's reach, the fix stays.
    assert.equal(
      fix('{ ' + PHONE + ', {{#if a}}"t": 1,{{else}}"x": 1,{{/if}} "t": 2 }', 'duplicate-key'),
      '{ ' + PHONE + ', {{#if a}}{{else}}"x": 1,{{/if}} "t": 2 }',
    );
  });

  it('leaves a property alone that is all a branch renders, its commas outside the block', () => {
    // Removed, `{{#if a}}` would render nothing between two commas.
    assert.deepEqual(request('{ ' + PHONE + ', {{#if a}}"t": 1{{else}}"x": 1{{/if}}, "t": 2 }', 'duplicate-key').actions, []);
  });
});

describe('quick fix: legacy-shape', () => {
  const original = (name: string) => readFileSync(path.join(repoRoot, 'examples', 'guide-originals', name), 'utf8');

  it("converts the guide's create-contact payload into traits.phones", () => {
    const text = fix(original('create-contact.regal.json'), 'comment');
    assert.equal(
      fix(text, 'legacy-shape'),
      `{
    "userId": "{{uniqueIdentifier}}",
    "traits": {
        "phones": {
            "{{phoneNumber}}": {
                "isPrimary": true,
                "voiceOptIn": {
                    "subscribed": true,
                    "source": "{{leadSource}}"
                },
                "smsOptIn": {
                    "subscribed": true,
                    "source": "{{leadSource}}"
                }
            }
        },
        "email": "{{email}}",
        "firstName": "{{firstName}}",
        "lastName": "{{lastName}}",
        "custom1": "{{custom1}}",
        "custom2": "{{custom2}}"
    },
    "eventSource": "iterable"
}
`,
    );
  });

  it('keeps blocks written inside one value verbatim', () => {
    const text = readFileSync(path.join(repoRoot, 'examples', 'update-opt-in.regal.json'), 'utf8');
    const after = fix(text, 'legacy-shape');
    assert.equal(
      after,
      `{
  "traits": {
    "phones": {
      "{{phoneNumber}}": {
        "isPrimary": true,
        "voiceOptIn": {
          "subscribed": {{#if voice_optin_subscribed}}true{{else}}false{{/if}},
          "source": "{{leadSource}}"
        },
        "smsOptIn": {
          "subscribed": {{#if sms_optin_subscribed}}true{{else}}false{{/if}},
          "source": "{{leadSource}}"
        }
      }
    }
  },
  "eventSource": "iterable"
}
`,
    );
    assert.deepEqual(diagnose(after), []);
  });

  it('moves an email opt-in under traits.emails and keeps ip, text and timestamp', () => {
    const text =
      '{\n\t"traits": {\n\t\t"phone": "{{phoneNumber}}",\n\t\t"email": "{{email}}",\n\t\t"optIn": [\n\t\t\t{ "channel": "email", "subscribed": true, "ip": "{{ip}}", "text": "I agree", "timestamp": "{{now}}" }\n\t\t]\n\t}\n}';
    assert.equal(
      fix(text, 'legacy-shape'),
      '{\n\t"traits": {\n\t\t"phones": {\n\t\t\t"{{phoneNumber}}": {\n\t\t\t\t"isPrimary": true\n\t\t\t}\n\t\t},\n' +
        '\t\t"emails": {\n\t\t\t"{{email}}": {\n\t\t\t\t"isPrimary": true,\n\t\t\t\t"emailOptIn": {\n' +
        '\t\t\t\t\t"subscribed": true,\n\t\t\t\t\t"ip": "{{ip}}",\n\t\t\t\t\t"text": "I agree",\n\t\t\t\t\t"timestamp": "{{now}}"\n\t\t\t\t}\n\t\t\t}\n\t\t}\n\t}\n}',
    );
  });

  it('converts a single-line traits with a bare phone mustache, on one line like the original', () => {
    const text = '{ "traits": { "phone": {{phoneNumber}}, "optIn": [ { "channel": "sms", "subscribed": false } ], "plan": "{{plan}}" } }';
    const { actions } = request(text, 'legacy-shape');
    assert.equal(
      applyAction(text, actions[0], documentOf(text).uri),
      '{ "traits": { "phones": { "{{phoneNumber}}": { "isPrimary": true, "smsOptIn": { "subscribed": false } } }, "plan": "{{plan}}" } }',
    );
  });

  for (const [title, text] of [
    ['a block wraps an opt-in item', '{ "traits": { "phone": "{{phoneNumber}}", "optIn": [ {{#if sms}}{ "channel": "sms", "subscribed": true }{{/if}} ] } }'],
    ['a block wraps a trait', '{ "traits": { "phone": "{{phoneNumber}}", {{#if vip}}"vip": true, {{/if}}"optIn": [] } }'],
    ['the channel is a merge field', '{ "traits": { "phone": "{{phoneNumber}}", "optIn": [ { "channel": "{{channel}}", "subscribed": true } ] } }'],
    [
      'a channel appears twice',
      '{ "traits": { "phone": "{{phoneNumber}}", "optIn": [ { "channel": "sms", "subscribed": true }, { "channel": "sms", "subscribed": false } ] } }',
    ],
    ['an email opt-in has no traits.email', '{ "traits": { "phone": "{{phoneNumber}}", "optIn": [ { "channel": "email", "subscribed": true } ] } }'],
    ['traits holds a comment', '{ "traits": { "phone": "{{phoneNumber}}", // cell\n "optIn": [] } }'],
  ]) {
    it(`refuses when ${title}`, () => {
      assert.deepEqual(
        request(text, 'legacy-shape').actions.filter((a) => a.title.startsWith('Convert')),
        [],
      );
    });
  }

  it('is offered on traits.phone without a diagnostic when the hint is off', () => {
    const text = '{ "traits": { "phone": "{{phoneNumber}}" } }';
    const document = documentOf(text);
    assert.deepEqual(service.doValidation(document, { enable: true, severity: { 'legacy-shape': 'off' } }), []);
    const at = document.positionAt(text.indexOf('phone'));
    const actions = service.doCodeActions(document, { start: at, end: at }, []);
    assert.deepEqual(titles(actions), ['Convert to the `traits.phones` shape']);
    assert.equal(actions[0].diagnostics, undefined);
    assert.equal(applyAction(text, actions[0], document.uri), '{ "traits": { "phones": { "{{phoneNumber}}": { "isPrimary": true } } } }');
    const elsewhere = document.positionAt(text.indexOf('traits'));
    assert.deepEqual(service.doCodeActions(document, { start: elsewhere, end: elsewhere }, []), []);
  });

  it('offers no conversion when `traits` repeats `phone`, `email` or `optIn` (found by fuzzing)', () => {
    // The earlier copy stayed behind as a trait, with its legacy-shape hint.
    for (const key of ['phone', 'email', 'optIn']) {
      const text = `{ "traits": { "${key}": "", "phone": "{{phoneNumber}}", "email": "{{email}}", "optIn": [] } }`;
      assert.deepEqual(titles(request(text, 'legacy-shape').actions), [], key);
    }
  });

  it("offers no conversion of the first `traits` for another branch's legacy `traits` (found by fuzzing)", () => {
    // The {{else}} branch sends its own `traits`; converting the first one left its hint in place.
    const text = '{ "traits": { "phone": "{{phoneNumber}}" }, {{#if a}}"name": "A"{{else}}"traits": { "phone": "{{p}}" }, "name": "B"{{/if}} }';
    assert.deepEqual(titles(request(text, 'legacy-shape', { index: 1 }).actions), []);
    assert.deepEqual(titles(request(text, 'legacy-shape', { index: 0 }).actions), ['Convert to the `traits.phones` shape']);
  });
});

describe('code actions: robustness', () => {
  const text = '{ "traits": { "phone": "(650) 392-6753" }, }';

  it('offers nothing for a stale diagnostic whose range no longer matches a finding', () => {
    const document = documentOf(text);
    const [diagnostic] = service.doValidation(document).filter((d) => d.code === 'phone-format');
    const edited = documentOf(text.replace('"(650)', '"(650)  '));
    // Only the conversion, offered on traits.phone itself, remains: nothing for the stale diagnostic.
    assert.deepEqual(titles(service.doCodeActions(edited, diagnostic.range, [diagnostic])), ['Convert to the `traits.phones` shape']);
    const [trailing] = service.doValidation(document).filter((d) => d.code === 'trailing-comma');
    assert.deepEqual(service.doCodeActions(documentOf(text.replace(', }', ' }')), trailing.range, [trailing]), []);
  });

  it('matches a diagnostic the client sent back without data, source or a string code', () => {
    const document = documentOf(text);
    const [diagnostic] = service.doValidation(document).filter((d) => d.code === 'phone-format');
    const expected = titles(service.doCodeActions(document, diagnostic.range, [diagnostic]));
    assert.deepEqual(expected, ['Write the phone in E.164: `+16503926753`', 'Convert to the `traits.phones` shape']);
    const { range, message } = diagnostic;
    const variants = [
      { range, message, code: 'phone-format' },
      { range, message, code: 'phone-format', source: 'regal', codeDescription: { href: 'https://example.com' } },
      // VS Code's own shape, from a client that forwards it unconverted.
      { range, message, code: { value: 'phone-format', target: 'https://example.com' }, source: 'regal' },
    ] as unknown as Diagnostic[];
    for (const sent of variants) {
      const actions = service.doCodeActions(document, range, [sent]);
      assert.deepEqual(titles(actions), expected, JSON.stringify(sent));
      assert.deepEqual(actions[0].diagnostics, [sent]);
    }
  });

  it('never throws on malformed diagnostics or ranges', () => {
    const document = documentOf(text);
    const junk = [
      { range: { start: { line: 99, character: 99 }, end: { line: -1, character: 0 } }, message: 'x', code: 'comment', source: 'regal' },
      { range: null, message: 'x', code: 'phone-format' },
      { message: 'x', data: { code: 'duplicate-key', firstOffset: 'nope' } },
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
        message: 'x',
        code: 'duplicate-key',
        data: { code: 'duplicate-key', firstOffset: 1e9, key: 'a' },
      },
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'x', code: 'unknown-code' },
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'x', code: 'comment', source: 'eslint' },
      null,
      42,
    ] as unknown as Diagnostic[];
    for (const range of [
      { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      null,
      { start: { line: 1e6, character: 1e6 }, end: { line: 1e6, character: 1e6 } },
    ]) {
      assert.doesNotThrow(() => service.doCodeActions(document, range as never, junk));
      assert.doesNotThrow(() => service.doCodeActions(document, range as never, null as never));
    }
  });
});

/** Payloads with one or more broken things each, for the every-fix loop. */
const brokenPayloads = [
  '{\n  "userId": "{{userId}}", // optional\n  /* block */\n  "traits": { "phone": "(650) 392-6753", "optIn": [ { "chanel": "sms" }, { "channel": "text", "subscribed": "{{sms}}" }, ], },\n}',
  '{ "name": "A", "name": "B", "traits": { "phones": { "650-392-6753": { "smsOptIn": { "subscribed": {{sms_flag}} } } } }, "properties": { "age": {{age}}, "at": {{now}} } }',
  '{ "traits": { "phone": {{phoneNumber}}, "email": "{{email}}", "optIn": [ { "channel": "email", "subscribed": "{{email_optin}}", "source": "{{src}}" }, {} ] } }',
  '{ "traits": { "phone": "+16503926753" }, {{#if userId}}"userId": "{{userId}}"{{/if}}, }',
  '{ "traits": { "phones": { "+44 20 7946 0958": { "isPrimary": "{{primary}}", "lable": "Home", "smsOptIn": { "subscribed": "true" } } } }, "eventSourse": "iterable" }',
  // Missing commas (one error per line is reported: each is on a line of its own).
  '{\n  "name": "Signup"\n  "userId": "{{userId}}",\n  {{#if a}}"properties": { "ids": [1 2] }{{/if}}\n  "traits": {\n    "phone": "+16503926753", "optIn": [\n      { "channel": "sms", "subscribed": "{{s}}" }\n      { "channel": "voice", "subscribed": "{{v}}" } ] }\n}',
];

function payloadFiles(): Array<{ name: string; text: string }> {
  const folder = (dir: string) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.regal.json'))
      .map((f) => ({ name: path.relative(repoRoot, path.join(dir, f)), text: readFileSync(path.join(dir, f), 'utf8') }));
  return [
    ...folder(path.join(repoRoot, 'examples')),
    ...folder(path.join(repoRoot, 'examples', 'guide-originals')),
    ...brokenPayloads.map((text, i) => ({ name: `broken payload ${i + 1}`, text })),
  ];
}

describe('every quick fix on every example and broken payload', () => {
  for (const { name, text } of payloadFiles()) {
    it(`${name}: each fix clears its diagnostic without a new error`, () => {
      const document = documentOf(text);
      let applied = 0;
      for (const diagnostic of service.doValidation(document)) {
        for (const action of service.doCodeActions(document, diagnostic.range, [diagnostic])) {
          applyChecked(text, action, String(diagnostic.code));
          applied++;
        }
      }
      if (name.startsWith('broken')) assert.ok(applied > 0, 'some fix applies');
    });
  }

  it('offers only applicable edits on truncated and garbled payloads', () => {
    for (const { text } of payloadFiles()) {
      for (let cut = 1; cut < text.length; cut += Math.ceil(text.length / 25)) {
        for (const variant of [text.slice(0, cut), text.slice(0, cut) + text.slice(cut + 3), text.slice(cut)]) {
          const document = documentOf(variant);
          const diagnostics = service.doValidation(document);
          const actions = service.doCodeActions(
            document,
            diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            diagnostics,
          );
          for (const action of actions) assert.doesNotThrow(() => applyAction(variant, action, document.uri), action.title);
        }
      }
    }
  });

  it('covers every fix family in the loop', () => {
    const seen = new Set<string>();
    for (const { text } of payloadFiles()) {
      const document = documentOf(text);
      for (const diagnostic of service.doValidation(document))
        if (service.doCodeActions(document, diagnostic.range, [diagnostic]).length) seen.add(String(diagnostic.code));
    }
    const families = [
      'invalid-json',
      'type',
      'comment',
      'trailing-comma',
      'optin-channel',
      'optin-required',
      'quoted-boolean',
      'unquoted-merge-field',
      'unknown-property',
      'phone-format',
      'legacy-shape',
      'duplicate-key',
    ];
    assert.deepEqual(
      families.filter((f) => !seen.has(f)),
      [],
    );
  });
});
