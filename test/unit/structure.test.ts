/**
 * Structure features: outline (document symbols), folding, smart selection and formatting, with
 * properties every formatted file must keep: formatting is idempotent and changes whitespace only,
 * never inside strings or `{{ }}`.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FormattingOptions, type SelectionRange } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { scanMustaches } from '../../server/src/service/template/mustacheScanner';
import { documentOf, repoRoot, service } from '../support/service';

const spaces2: FormattingOptions = { tabSize: 2, insertSpaces: true };

function formatted(text: string, options = spaces2, range?: { start: number; end: number }): string {
  const document = documentOf(text);
  const edits = service.format(document, range && { start: document.positionAt(range.start), end: document.positionAt(range.end) }, options);
  return TextDocument.applyEdits(document, edits);
}

/**
 * The text without whitespace outside JSON strings and mustaches, computed independently of the
 * formatter: equal before and after formatting means only that whitespace changed.
 */
function significant(text: string): string {
  const mustaches = scanMustaches(text).mustaches;
  let out = '';
  let next = 0;
  let inString = false;
  for (let i = 0; i < text.length;) {
    while (next < mustaches.length && mustaches[next].start < i) next++;
    const m = mustaches[next];
    if (m && m.start === i) {
      const end = Math.max(m.end, i + 2);
      out += text.slice(i, end);
      i = end;
      continue;
    }
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') out += text[i + 1] ?? '';
      if (c === '\\') i++;
      else if (c === '"' || c === '\n') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (!/[ \t\r\n]/.test(c)) out += c;
    i++;
  }
  return out;
}

const payloadFiles = (): Array<{ name: string; text: string }> => {
  const dirs = [path.join(repoRoot, 'examples'), path.join(repoRoot, 'examples', 'guide-originals'), path.join(repoRoot, 'test', 'vscode', 'fixtures')];
  return dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => ({ name: path.relative(repoRoot, path.join(dir, f)), text: readFileSync(path.join(dir, f), 'utf8') })),
  );
};

const messy = `{"traits":{"phone":"{{phoneNumber}}",  "optIn":[{"channel":"sms","subscribed":{{#if sms}}true{{else}}false{{/if}}}]},
"a": 1{{#if y}},"b":2{{/if}},
   {{#if z}}
 "c": [1,2,{{n}}],
    {{else}}
    "c": [],
       {{/if}}
"d": 1{{n}}, // trailing
  "e": {  }, "f": "  keep   {{ spaced  }}  "   }`;

const testPayloads = [
  messy,
  '{ "age": {{#if age}}{{age}}{{else}}null{{/if}}, "n": 1{{#if x}}5{{/if}}, "m": {{a}}{{b}} }',
  '[1,{{#each items}}{{this}}{{#unless @last}},{{/unless}}{{/each}}]',
  '{\r\n"a":1,\r\n\r\n\r\n"b":[ ]\r\n}',
  '{ {{!-- a\nmulti-line comment --}}\n"a": 1, {{! note }}\n"b": 2 }',
  '\ufeff{"name":"x"}',
];

describe('formatting', () => {
  it('re-indents JSON and puts block tags between members on their own lines', () => {
    assert.equal(
      formatted(messy),
      `{
  "traits": {
    "phone": "{{phoneNumber}}",
    "optIn": [
      {
        "channel": "sms",
        "subscribed": {{#if sms}}true{{else}}false{{/if}}
      }
    ]
  },
  "a": 1{{#if y}},
  "b": 2{{/if}},
  {{#if z}}
  "c": [
    1,
    2,
    {{n}}
  ],
  {{else}}
  "c": [],
  {{/if}}
  "d": 1{{n}}, // trailing
  "e": {},
  "f": "  keep   {{ spaced  }}  "
}`,
    );
  });

  it('uses tabs when asked and keeps CRLF line ends and one blank line', () => {
    assert.equal(formatted('{\r\n"a":1,\r\n\r\n\r\n"b":[ ]\r\n}', { tabSize: 4, insertSpaces: false }), '{\r\n\t"a": 1,\r\n\r\n\t"b": []\r\n}');
  });

  it('never separates tokens that render as one', () => {
    const text = '{ "n": 1{{#if x}}5{{/if}}, "m": {{a}}{{b}} }';
    assert.equal(formatted(text), '{\n  "n": 1{{#if x}}5{{/if}},\n  "m": {{a}}{{b}}\n}');
  });

  it('keeps an {{#each}} separator block on the line of the item it follows', () => {
    // Iterable's idiom for arrays: the comma is inside a block written after the item, so its
    // closing tag belongs with it, not on a line of its own.
    const each = `{
  "properties": {
    "items": [
      {{#each items}}
      {
        "id": "{{id}}"
      }{{#unless @last}},{{/unless}}
      {{/each}}
    ]
  }
}
`;
    assert.equal(formatted(each), each);
    assert.equal(
      formatted('{"items": [{{#each items}}{"id": "{{id}}"}{{#unless @last}},{{/unless}}{{/each}}]}'),
      `{
  "items": [
    {{#each items}}
    {
      "id": "{{id}}"
    }{{#unless @last}},{{/unless}}
    {{/each}}
  ]
}`,
    );
  });

  it('keeps a separator block that renders only a comma on one line', () => {
    assert.equal(
      formatted('{"items": [{{#each items}}{{#if @index}},{{/if}}{"id": "{{id}}"}{{/each}}]}'),
      `{
  "items": [
    {{#each items}}
    {{#if @index}},{{/if}}
    {
      "id": "{{id}}"
    }
    {{/each}}
  ]
}`,
    );
  });

  it('leaves a payload it cannot read safely untouched', () => {
    for (const text of ['{ "a": [1, 2 }', '{ "a": "unterminated\n}', '{ "a": {{phone }', '{ "a": {{#if x}}[1{{else}}[2{{/if}}] }']) {
      assert.deepEqual(service.format(documentOf(text), undefined, spaces2), [], text);
    }
  });

  it('formats a range without touching the rest', () => {
    const text = '{\n"a":   1,\n"b":{"c":   2},\n"d":   3\n}';
    const start = text.indexOf('"b"');
    const end = text.indexOf('},') + 1;
    assert.equal(formatted(text, spaces2, { start, end }), '{\n"a":   1,\n  "b": {\n    "c": 2\n  },\n"d":   3\n}');
  });

  for (const { name, text } of [...payloadFiles(), ...testPayloads.map((text, i) => ({ name: `test payload ${i}`, text }))]) {
    it(`is idempotent and changes only whitespace: ${name}`, () => {
      for (const options of [spaces2, { tabSize: 4, insertSpaces: false }]) {
        const once = formatted(text, options);
        assert.equal(significant(once), significant(text));
        assert.deepEqual(service.format(documentOf(once), undefined, options), [], `second pass of ${name}`);
      }
    });
  }
});

const outlineText = `{
  "traits": {
    "phones": {
      "{{phoneNumber}}": { "isPrimary": true }
    },
    {{#if email}}
    "email": "{{email}}",
    {{/if}}
    "age": 23
  },
  "name": "Signup",
  "properties": { "ok": {{#if ok}}true{{else}}false{{/if}}, "list": [1, null] }
}`;

interface Outline {
  name: string;
  kind: SymbolKind;
  detail?: string;
  children?: Outline[];
}
const outline = (symbols: DocumentSymbol[]): Outline[] =>
  symbols.map((s) => ({
    name: s.name,
    kind: s.kind,
    ...(s.detail ? { detail: s.detail } : {}),
    ...(s.children && s.children.length > 0 ? { children: outline(s.children) } : {}),
  }));

describe('document symbols', () => {
  it('builds the property tree with value previews and block helpers around the members they wrap', () => {
    const symbols = service.findDocumentSymbols(documentOf(outlineText));
    assert.deepEqual(outline(symbols), [
      {
        name: 'traits',
        kind: SymbolKind.Object,
        children: [
          {
            name: 'phones',
            kind: SymbolKind.Object,
            children: [{ name: '{{phoneNumber}}', kind: SymbolKind.Object, children: [{ name: 'isPrimary', kind: SymbolKind.Boolean, detail: 'true' }] }],
          },
          { name: '{{#if email}}', kind: SymbolKind.Namespace, children: [{ name: 'email', kind: SymbolKind.Key, detail: '"{{email}}"' }] },
          { name: 'age', kind: SymbolKind.Number, detail: '23' },
        ],
      },
      { name: 'name', kind: SymbolKind.String, detail: '"Signup"' },
      {
        name: 'properties',
        kind: SymbolKind.Object,
        children: [
          { name: 'ok', kind: SymbolKind.Key, detail: '{{#if ok}}true{{else}}false{{/if}}' },
          {
            name: 'list',
            kind: SymbolKind.Array,
            children: [
              { name: '0', kind: SymbolKind.Number, detail: '1' },
              { name: '1', kind: SymbolKind.Null, detail: 'null' },
            ],
          },
        ],
      },
    ]);
  });

  it('keeps ranges nested: each selection range inside its range, children inside parents', () => {
    const document = documentOf(outlineText);
    const check = (symbols: DocumentSymbol[], parent?: DocumentSymbol) => {
      for (const s of symbols) {
        assert.ok(contains(document, s.range, s.selectionRange), s.name);
        if (parent) assert.ok(contains(document, parent.range, s.range), `${s.name} in ${parent.name}`);
        check(s.children ?? [], s);
      }
    };
    check(service.findDocumentSymbols(document));
    const ok = service.findDocumentSymbols(document)[2].children![0];
    assert.equal(document.getText(ok.range), '"ok": {{#if ok}}true{{else}}false{{/if}}');
  });

  it('still outlines a payload with JSON errors', () => {
    const symbols = service.findDocumentSymbols(documentOf('{ "name": "x" "traits": { "phone": "+1" , }'));
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['name', 'traits'],
    );
    for (const text of ['', '{', '{{', '{ "a": {{#if x}', '[{{#each l}}', '{"": 1, "  ": 2}']) service.findDocumentSymbols(documentOf(text));
    assert.deepEqual(
      service.findDocumentSymbols(documentOf('{"": 1}')).map((s) => s.name),
      ['""'],
    );
  });
});

describe('folding ranges', () => {
  it('folds objects, arrays, block branches and multi-line comments', () => {
    const text = `{
  "traits": {
    "optIn": [
      { "channel": "sms",
        "subscribed": true }
    ],
    {{#if email}}
    "email": "{{email}}",
    {{else}}
    "email": "none",
    {{/if}}
    {{!-- a comment
    on two lines --}}
    "a": 1
  }
}`;
    const ranges = service.getFoldingRanges(documentOf(text));
    assert.deepEqual(ranges, [
      { startLine: 0, endLine: 14 },
      { startLine: 1, endLine: 13 },
      { startLine: 2, endLine: 4 },
      { startLine: 6, endLine: 7, kind: FoldingRangeKind.Region },
      { startLine: 8, endLine: 9, kind: FoldingRangeKind.Region },
      { startLine: 11, endLine: 12, kind: FoldingRangeKind.Comment },
    ]);
  });
});

describe('selection ranges', () => {
  const text = `{
  "traits": {
    "phone": "+1 {{phoneNumber}}",
    "s": {{#if voice}}true{{else}}false{{/if}}
  }
}`;
  const chainAt = (needle: string, delta: number): string[] => {
    const document = documentOf(text);
    const [selection] = service.getSelectionRanges(document, [document.positionAt(text.indexOf(needle) + delta)]);
    const out: string[] = [];
    let previous: SelectionRange | undefined;
    for (let s: SelectionRange | undefined = selection; s; previous = s, s = s.parent) {
      if (previous) {
        assert.ok(contains(document, s.range, previous.range), 'a parent contains its child');
        assert.notEqual(document.getText(s.range), document.getText(previous.range), 'and is strictly larger');
      }
      out.push(document.getText(s.range));
    }
    return out;
  };

  it('expands from a merge field through the mustache, the string, the property and objects to the document', () => {
    assert.deepEqual(chainAt('phoneNumber', 2), [
      'phoneNumber',
      '{{phoneNumber}}',
      '+1 {{phoneNumber}}',
      '"+1 {{phoneNumber}}"',
      '"phone": "+1 {{phoneNumber}}"',
      text.slice(text.indexOf('{', 2), text.lastIndexOf('}', text.length - 2) + 1),
      text.slice(text.indexOf('"traits"'), text.lastIndexOf('}', text.length - 2) + 1),
      text,
    ]);
  });

  it('expands from a value written with a block through the branch and the block', () => {
    const chain = chainAt('true', 1);
    assert.deepEqual(chain.slice(0, 3), ['true', '{{#if voice}}true{{else}}false{{/if}}', '"s": {{#if voice}}true{{else}}false{{/if}}']);
    assert.deepEqual(chainAt('voice}}', 1).slice(0, 3), ['voice', 'if voice', '{{#if voice}}']);
  });

  it('answers every position, even in broken payloads', () => {
    for (const broken of ['', '{{', '{ "a": {{#if x}', '{"a": [1, "b"']) {
      const document = documentOf(broken);
      for (let offset = 0; offset <= broken.length; offset++) {
        const [selection] = service.getSelectionRanges(document, [document.positionAt(offset)]);
        assert.ok(selection);
      }
    }
  });
});

describe('structure robustness', () => {
  it('answers for every prefix of a template-heavy payload without throwing', () => {
    for (let length = 0; length <= messy.length; length++) {
      const document = documentOf(messy.slice(0, length));
      service.findDocumentSymbols(document);
      service.getFoldingRanges(document);
      service.getSelectionRanges(document, [document.positionAt(length >> 1)]);
      const edits = service.format(document, undefined, spaces2);
      const once = TextDocument.applyEdits(document, edits);
      assert.equal(significant(once), significant(document.getText()), `prefix ${length}`);
    }
  });
});

function contains(
  document: TextDocument,
  outer: { start: { line: number; character: number }; end: { line: number; character: number } },
  inner: typeof outer,
): boolean {
  return document.offsetAt(outer.start) <= document.offsetAt(inner.start) && document.offsetAt(inner.end) <= document.offsetAt(outer.end);
}

describe('formatting is linear in adjacent block tags', () => {
  // 40,000 adjacent tags took minutes when each empty gap walked its whole run of tags; the timeout is
  // a hang guard (no timing assertion): the linear pass finishes in about a second.
  it('formats a long run of adjacent tags and keeps it joined', { timeout: 60_000 }, () => {
    const run = '{{#if x}}{{/if}}'.repeat(20_000);
    const text = `{"traits":{"phone":"{{p}}"},"a":1${run}}`;
    assert.equal(formatted(text), `{\n  "traits": {\n    "phone": "{{p}}"\n  },\n  "a": 1${run}\n}`);
  });
});
