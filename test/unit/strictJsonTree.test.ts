/**
 * The strict JSON fast path must build exactly jsonc-parser's tree for valid JSON, and give up
 * (undefined) on everything else so that jsonc-parser reports the errors.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseTree, type Node } from 'jsonc-parser';
import { parseStrictJsonTree } from '../../server/src/service/json/strictJsonTree';
import { parseTemplate } from '../../server/src/service/template/templateModel';
import { repoRoot } from '../support/service';

/** A node as plain data: parent links become the parent's type and offset. */
function plain(node: Node | undefined): unknown {
  if (!node) return undefined;
  return {
    type: node.type,
    offset: node.offset,
    length: node.length,
    value: node.value,
    colonOffset: node.colonOffset,
    parent: node.parent ? `${node.parent.type}@${node.parent.offset}` : undefined,
    children: node.children?.map(plain),
  };
}

function assertSameTree(text: string): void {
  const strict = parseStrictJsonTree(text, 1_000);
  assert.ok(strict, `strict parser gave up on valid JSON: ${JSON.stringify(text).slice(0, 200)}`);
  assert.deepEqual(plain(strict), plain(parseTree(text, [], { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false })));
}

describe('strict JSON tree', () => {
  it('builds jsonc-parser’s tree for generated JSON, formatted or not', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(undefined, 2, '\t'), (value, indent) => assertSameTree(JSON.stringify(value, null, indent))),
      { numRuns: 2000, seed: 11 },
    );
  });

  it('builds jsonc-parser’s tree for the JSON view of every example', () => {
    const dir = path.join(repoRoot, 'examples');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.regal.json'))) {
      const view = parseTemplate(readFileSync(path.join(dir, file), 'utf8')).view(0).text;
      assertSameTree(view);
    }
    assertSameTree(' { "a\\u0041\\n": [1, -0.5e+3, true, false, null, "\\ud800"], "": {} } ');
  });

  it('gives up on anything JSON.parse would reject, or on non-JSON whitespace', () => {
    const invalid = [
      '',
      ' ',
      '{',
      '{"a":1,}',
      '[1,]',
      '{"a" 1}',
      "{'a':1}",
      '01',
      '1.',
      '-',
      '1e',
      '"\u0001"',
      '"\\x"',
      '{"a":1}x',
      '// c\n1',
      '\u00a01',
      '\u000b1',
      'nul',
      '[1 2]',
      '{"a":1 "b":2}',
    ];
    for (const text of invalid) assert.equal(parseStrictJsonTree(text, 1_000), undefined, JSON.stringify(text));
    assert.equal(parseStrictJsonTree('[[[1]]]', 2), undefined, 'deeper than allowed');
  });
});
