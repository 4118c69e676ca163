/**
 * The fast expression reader must give exactly what Handlebars' own parser gives wherever it
 * answers: compared on hand-picked and generated expressions of every mustache kind.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyzeExpression, analyzeWithParser } from '../../server/src/service/template/expressionAnalyzer';
import { scanMustaches } from '../../server/src/service/template/mustacheScanner';
import { readSimpleExpression } from '../../server/src/service/template/simpleExpression';
import { iterableHelpers } from '../../server/src/service/iterable/iterableHelpers';

const isHelper = (name: string) => iterableHelpers.has(name);

/** Both analyses of every mustache of `text`, as plain data (undefined properties dropped). */
function bothAnalyses(text: string) {
  return scanMustaches(text).mustaches.map((m) => ({
    fast: JSON.parse(JSON.stringify(analyzeExpression(text, m, isHelper) ?? null)) as unknown,
    reference: JSON.parse(JSON.stringify(analyzeWithParser(text, m, isHelper) ?? null)) as unknown,
  }));
}

function assertSameAsParser(text: string): void {
  for (const { fast, reference } of bothAnalyses(text)) assert.deepEqual(fast, reference, text);
}

describe('fast expression reader', () => {
  it('reads the common forms itself', () => {
    const cases = ['phoneNumber', ' items.[0].sku ', "defaultIfEmpty city 'n/a'", 'ifEq a "b" 1 -2.5 true null undefined x/y', 'now', '[my field].x'];
    for (const expression of cases) assert.ok(readSimpleExpression(expression, 0, expression.length, false, isHelper), expression);
  });

  it('leaves everything else to the parser', () => {
    const cases = ['a (b c)', 'a b=c', '@index', 'this.x', '../x', "a 'it\\'s'", 'a.', '1', 'true', 'a "b"c', 'x ~', 'é', 'each xs as |x|', 'a\u000bb'];
    for (const expression of cases) assert.equal(readSimpleExpression(expression, 0, expression.length, false, isHelper), undefined, expression);
  });

  it('agrees with Handlebars on hand-picked mustaches of every kind', () => {
    assertSameAsParser(
      `"{{phoneNumber}} {{ firstName }} {{{raw}}} {{& amp}} {{items.[0].sku}} {{a/b}} {{defaultIfEmpty city 'n/a'}}"` +
        `{{#if flag}}x{{else if other 'y'}}y{{else}}z{{/if}} {{#ifEq a "b"}}{{/ifEq}} {{^inverse}}{{/inverse}} {{now}} {{x -1 2.50 true false null undefined}}` +
        `{{a.[b c].d}} {{[x]}} {{a b=c}} {{@index}} {{this}} {{../x}} {{1}} {{true}} {{a.}} {{-x}} {{1a}} {{a 1a}} {{'s'}}` +
        // Names that start like `else`; the same expression as an inverse and a block (one synthetic source, two answers).
        `{{elsewhere}} {{ else$ }} {{else-x}} {{elsex}} {{^$}}{{/$}} {{#$}}{{/$}}`,
    );
  });

  it('agrees with Handlebars on generated expressions', () => {
    const name = fc.stringMatching(/^[A-Za-z_$][A-Za-z0-9_$:?-]{0,6}$/);
    const segment = fc.oneof(
      name,
      name.map((n) => `[${n}]`),
      fc.constantFrom('[0]', '[a b]', 'this', '..', '.', '[]'),
    );
    const path = fc.array(segment, { minLength: 1, maxLength: 3 }).chain((parts) => fc.constantFrom('.', '/').map((sep) => parts.join(sep)));
    const literal = fc.oneof(
      fc.stringMatching(/^[a-z '"\\]{0,5}$/).map((s) => `'${s}'`),
      fc.stringMatching(/^[a-z ']{0,5}$/).map((s) => `"${s}"`),
      fc.stringMatching(/^-?[0-9]{1,3}(\.[0-9]{0,2})?$/),
      fc.constantFrom('true', 'false', 'null', 'undefined', 'else', 'as'),
    );
    const argument = fc.oneof(path, literal, fc.constantFrom('(lower x)', 'k=v', '@index', '~', '|x|'));
    const space = fc.constantFrom(' ', '  ', '\n', '\t', '', '\u000b');
    const expression = fc
      .tuple(space, fc.oneof(path, literal), fc.array(fc.tuple(space, argument), { maxLength: 4 }), space)
      .map(([lead, head, args, trail]) => lead + head + args.map(([s, a]) => s + a).join('') + trail);
    const wrapped = fc
      .tuple(expression, fc.constantFrom('{{%}}', '{{{%}}}', '{{#%}}', '{{^%}}', '{{else %}}', '"{{%}}"'))
      .map(([e, form]) => form.replace('%', e));
    fc.assert(
      fc.property(wrapped, (text) => assertSameAsParser(text)),
      { numRuns: 3000, seed: 20261127 },
    );
  });
});
