/**
 * The template model: mustache classification, expression analysis, block structure and the
 * offset-preserving JSON views on tricky inputs.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTree, type ParseError } from 'jsonc-parser';
import { lastStartingBefore, mustacheIndexAt } from '../../server/src/service/template/mustacheLookup';
import { scanMustaches } from '../../server/src/service/template/mustacheScanner';
import { parseTemplate } from '../../server/src/service/template/templateModel';

function kinds(text: string) {
  return scanMustaches(text).mustaches.map((m) => ({ text: text.slice(m.start, m.end), kind: m.kind, inString: m.inString, closed: m.closed }));
}

function jsonErrors(text: string): ParseError[] {
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  return errors;
}

describe('mustache scanner', () => {
  it('tells mustaches inside JSON strings from those in the structure', () => {
    const text = '{ "a": "x {{f}}", "{{k}}": {{v}}, "b": {{#if c}}true{{else}}false{{/if}} }';
    assert.deepEqual(
      kinds(text).map((k) => `${k.text}:${k.kind}:${k.inString}`),
      [
        '{{f}}:expression:true',
        '{{k}}:expression:true',
        '{{v}}:expression:false',
        '{{#if c}}:blockOpen:false',
        '{{else}}:else:false',
        '{{/if}}:blockClose:false',
      ],
    );
  });

  it('finds the mustache at an offset, optionally counting the offset just past it', () => {
    const { mustaches } = scanMustaches('a{{x}}{{y}} {{z}}');
    assert.deepEqual(
      [0, 1, 5, 6, 10, 11, 12, 17].map((o) => mustacheIndexAt(mustaches, o)),
      [-1, 0, 0, 1, 1, -1, 2, -1],
    );
    assert.deepEqual(
      [11, 17].map((o) => mustacheIndexAt(mustaches, o, true)),
      [1, 2],
    );
    assert.deepEqual(
      [0, 1, 2, 7, 100].map((o) => lastStartingBefore(mustaches, o)),
      [-1, -1, 0, 1, 2],
    );
  });

  it('recognises every form of the dialect', () => {
    const text = '"{{{raw}}} {{& amp}} {{! c }} {{!-- a }} b --}} {{~trim~}} {{^}} {{> partial}} {{else if x}} {{^inv}}"';
    assert.deepEqual(
      kinds(text).map((k) => `${k.text}:${k.kind}`),
      [
        '{{{raw}}}:unescaped',
        '{{& amp}}:unescaped',
        '{{! c }}:comment',
        '{{!-- a }} b --}}:comment',
        '{{~trim~}}:expression',
        '{{^}}:else',
        '{{> partial}}:partial',
        '{{else if x}}:else',
        '{{^inv}}:inverseOpen',
      ],
    );
  });

  it('steps over Handlebars string literals that contain braces or quotes', () => {
    const text = `{ "a": "{{defaultIfEmpty x 'a }} b'}}", "b": 1 }`;
    assert.deepEqual(
      kinds(text).map((k) => k.text),
      [`{{defaultIfEmpty x 'a }} b'}}`],
    );
  });

  it('ignores a JSON-escaped quote and keeps string state across comments', () => {
    const text = '{ "a": "say \\"{{x}}\\"", // "{{y}}\n "b": "{{z}}" }';
    assert.deepEqual(
      kinds(text).map((k) => `${k.text}:${k.inString}`),
      ['{{x}}:true', '{{y}}:false', '{{z}}:true'],
    );
  });

  it('recovers from an unclosed mustache at the end of its JSON token', () => {
    const text = '{ "a": "{{phone", "b": "{{ok}}" }';
    const found = kinds(text);
    assert.deepEqual(
      found.map((k) => `${k.text}:${k.closed}`),
      ['{{phone:false', '{{ok}}:true'],
    );
  });

  it('measures nesting depth outside strings', () => {
    const scan = scanMustaches('{ "a": [ { "b": "[[[{{{" } ] }');
    assert.equal(scan.maxDepth, 3);
  });
});

describe('expressions', () => {
  it('are read on demand: each kept once asked for, the same as a visit gives', () => {
    const text = `"{{a}} {{#if b}}{{c d 'e'}}{{/if}} {{f (g h)}} {{!x}}"`;
    const model = parseTemplate(text);
    const visited: unknown[] = [];
    model.forEachExpression((expression) => visited.push(JSON.parse(JSON.stringify(expression ?? null))));
    assert.deepEqual(
      model.mustaches.map((_, i) => JSON.parse(JSON.stringify(model.expressionAt(i) ?? null))),
      visited,
    );
    assert.equal(model.expressionAt(2), model.expressionAt(2), 'kept');
    assert.equal(model.expressionAt(-1), undefined);
    assert.equal(model.expressionAt(model.mustaches.length), undefined);
  });

  const analyse = (text: string) => {
    const model = parseTemplate(text);
    return model.mustaches
      .map((_, i) => model.expressionAt(i))
      .map(
        (e) =>
          e && {
            head: e.head && `${e.head.name}${e.head.isHelper ? '()' : ''}`,
            fields: e.fields.map((f) => `${f.name}@${text.slice(f.start, f.end)}`),
            helpers: e.helpers.map((h) => `${h.name}@${text.slice(h.start, h.end)}`),
            error: e.error && text.slice(e.error.start, e.error.end),
          },
      );
  };

  it('finds fields and helpers with their document offsets', () => {
    const text = `"{{capitalizeFirst (lower [First Name]) fallback=user.name}} {{now}} {{@index}} {{a.b.[1].c}}"`;
    assert.deepEqual(analyse(text), [
      {
        head: 'capitalizeFirst()',
        fields: ['First Name@[First Name]', 'user.name@user.name'],
        helpers: ['capitalizeFirst@capitalizeFirst', 'lower@lower'],
        error: undefined,
      },
      { head: 'now()', fields: [], helpers: ['now@now'], error: undefined },
      { head: '@index', fields: [], helpers: [], error: undefined },
      { head: 'a.b.1.c', fields: ['a.b.1.c@a.b.[1].c'], helpers: [], error: undefined },
    ]);
  });

  it('reads block helpers and else-if chains', () => {
    const text = `{{#ifEq plan 'pro'}}a{{else if trial}}b{{/ifEq}}`;
    const result = analyse(text);
    assert.deepEqual(result[0]?.helpers, ['ifEq@ifEq']);
    assert.deepEqual(result[0]?.fields, ['plan@plan']);
    assert.deepEqual(result[1]?.helpers, ['if@if']);
    assert.deepEqual(result[1]?.fields, ['trial@trial']);
  });

  it('points a syntax error at the offending token', () => {
    const text = '"{{foo bar= }}"';
    const model = parseTemplate(text);
    const problem = model.problems.find((p) => p.code === 'handlebars-syntax');
    assert.ok(problem, 'a handlebars-syntax problem');
    assert.ok(problem.start >= text.indexOf('bar') && problem.end <= text.indexOf('}}') + 2, `range ${text.slice(problem.start, problem.end)}`);
  });

  it('explains double quotes inside a mustache in a JSON string', () => {
    const text = '{ "a": "{{defaultIfEmpty x \\"y\\"}}" }';
    const model = parseTemplate(text);
    assert.match(model.problems[0]?.message ?? '', /single quotes/);
  });

  it('flags parent paths, partials and inverse sections as unsupported', () => {
    const text = '"{{../x}} {{> p}} {{^y}}z{{/y}}"';
    const messages = parseTemplate(text).problems.map((p) => `${text.slice(p.start, p.end)}: ${p.message}`);
    assert.equal(messages.length, 3, messages.join('\n'));
    assert.match(messages[0], /^\.\.\/x: .*parent paths/);
    assert.match(messages[1], /^\{\{> p\}\}: .*partials/);
    assert.match(messages[2], /^\{\{\^y\}\}: .*#unless/);
  });
});

describe('block structure', () => {
  const problems = (text: string) => parseTemplate(text).problems.map((p) => `${text.slice(p.start, p.end)}|${p.message}`);

  it('reports a mustache glued to a JSON `}` (read as `}}}`), not a triple-stash or a spaced one', () => {
    const problems = (text: string) => parseTemplate(text).problems.map((p) => text.slice(p.start, p.end));
    assert.deepEqual(problems('{ "a": { "b": {{toJson x}}} }'), ['}}}']);
    assert.deepEqual(problems('{ "a": { "b": {{#if x}}1{{else}}2{{/if}}} }'), ['}}}']);
    assert.deepEqual(problems('{ "a": { "b": {{{toJson x}}}} }'), []);
    assert.deepEqual(problems('{ "a": { "b": {{toJson x}} } }'), []);
    assert.deepEqual(problems('{ "a": { "b": 1 {{! note }}} }'), []);
  });

  it('reports an else outside any block at the else', () => {
    assert.match(problems('"a{{else}}b"')[0], /^\{\{else\}\}\|.*outside any block/);
  });

  it('reports a close tag that was never opened', () => {
    assert.match(problems('"a{{/if}}"')[0], /^\{\{\/if\}\}\|.*never opened/);
  });

  it('reports inner blocks left open when an outer one closes, and keeps going', () => {
    const found = problems('"{{#if a}}{{#unless b}}x{{/if}} {{#each c}}{{/each}}"');
    assert.equal(found.length, 1);
    assert.match(found[0], /^\{\{#unless b\}\}\|.*add \{\{\/unless\}\} before \{\{\/if\}\}/);
  });

  it('builds branches for if / else if / else', () => {
    const text = '{{#if a}}A{{else if b}}B{{else}}C{{/if}}';
    const [block] = parseTemplate(text).blocks;
    assert.deepEqual(
      block.branches.map((b) => text.slice(b.start, b.end)),
      ['A', 'B', 'C'],
    );
    assert.equal(block.hasFinalElse, true);
  });
});

describe('JSON views', () => {
  const tricky = [
    '{ "phone": "{{phoneNumber}}" }',
    '{ "subscribed": {{#if voice}}true{{else}}false{{/if}} }',
    '{ {{#if email}}"email": "{{email}}",{{/if}} "phone": "{{phoneNumber}}" }',
    '{ "phones": { "{{phoneNumber}}": { "isPrimary": true } } }',
    `{ "greeting": "{{defaultIfEmpty firstName 'there'}}" }`,
    '{ "multi": {{#if a}}\n  "{{b}}"\n{{else}}\n  null\n{{/if}}, "quote": "{{defaultIfEmpty x "y"}}", "tab": "{{\tz\t}}" }',
    '{ "n": {{a}}{{b}}, "m": 1{{c}} }',
    '{ "é": "{{名前}}", "emoji": "😀{{x}}😀" }',
  ];

  for (const text of tricky) {
    it(`keeps every offset and parses cleanly: ${JSON.stringify(text)}`, () => {
      const model = parseTemplate(text);
      // `"{{defaultIfEmpty x "y"}}"` is reported (nested-double-quotes), yet its views must stay JSON.
      assert.deepEqual(
        model.problems.filter((p) => p.code !== 'nested-double-quotes'),
        [],
      );
      for (let v = 0; v < model.viewCount; v++) {
        const view = model.view(v).text;
        assert.equal(view.length, text.length, `view ${v} length`);
        // Outside template constructs, every character is the source's.
        for (let i = 0; i < text.length; i++) {
          const inTemplate = model.mustaches.some((m) => i >= m.start && i < m.end) || model.view(v).hidden.some((h) => i >= h.start && i < h.end);
          if (!inTemplate) assert.equal(view[i], text[i], `view ${v} offset ${i}`);
        }
        assert.deepEqual(jsonErrors(view), [], `view ${v}: ${view}`);
      }
    });
  }

  it('renders each branch in its own view', () => {
    const model = parseTemplate('{ "s": {{#if v}}true{{else}}false{{/if}} }');
    assert.equal(model.viewCount, 2);
    assert.match(model.view(0).text, /"s":\s+true\s+}/);
    assert.match(model.view(1).text, /"s":\s+false\s+}/);
  });

  it('keeps distinct merge-field keys distinct', () => {
    const text = '{ "{{a}}": 1, "{{b}}": 2 }';
    const view = parseTemplate(text).view(0).text;
    assert.equal(view, text);
  });
});
