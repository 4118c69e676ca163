/**
 * The TextMate grammar (syntaxes/regal-webhook.tmLanguage.json). Always: it is valid JSON, every
 * include resolves and the scopes editors and themes key on are there. Real lines are tokenized
 * with VS Code's own engine (vscode-textmate + vscode-oniguruma) and the scopes of JSON and
 * Handlebars tokens checked.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { repoRoot } from '../support/service';

const grammarPath = path.join(repoRoot, 'syntaxes', 'regal-webhook.tmLanguage.json');
const grammarText = readFileSync(grammarPath, 'utf8');
const grammar = JSON.parse(grammarText) as { scopeName: string; patterns: unknown[]; repository: Record<string, unknown> };

describe('grammar file', () => {
  it('is the grammar package.json contributes for regal-webhook', () => {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      contributes: { grammars: Array<{ language: string; scopeName: string; path: string }> };
    };
    const contributed = manifest.contributes.grammars.find((g) => g.language === 'regal-webhook');
    assert.equal(contributed?.scopeName, grammar.scopeName);
    assert.equal(path.join(repoRoot, contributed?.path ?? ''), grammarPath);
  });

  it('resolves every #include to a repository rule', () => {
    const includes = [...grammarText.matchAll(/"include":\s*"#([^"]+)"/g)].map((m) => m[1] as string);
    assert.ok(includes.length > 10);
    for (const name of includes) assert.ok(name in grammar.repository, `#${name} is defined`);
  });

  it('names the scopes for JSON keys, values, escapes and every kind of mustache', () => {
    for (const scope of [
      'support.type.property-name.json',
      'string.quoted.double.json',
      'constant.character.escape.json',
      'constant.numeric.json',
      'constant.language.json',
      'meta.embedded.expression.handlebars',
      'meta.embedded.expression.unescaped.handlebars',
      'meta.embedded.block.begin.handlebars',
      'meta.embedded.block.end.handlebars',
      'keyword.control.else.handlebars',
      'comment.block.handlebars',
      'entity.name.function.handlebars',
      'variable.other.handlebars',
      'string.quoted.double.handlebars',
      'constant.numeric.handlebars',
      'entity.other.attribute-name.handlebars',
      'keyword.operator.whitespace-control.handlebars',
    ]) {
      assert.ok(new RegExp(`"name": "(?:[^"]* )?${scope.replace(/\./g, '\\.')}[" ]`).test(grammarText), `${scope} is used`);
    }
  });
});

type Tokenize = (text: string) => Array<{ text: string; scopes: string[] }>;

describe('grammar tokenization', () => {
  let tokenize: Tokenize;

  before(async () => {
    const wasm = createRequire(__filename).resolve('vscode-oniguruma/release/onig.wasm');
    const bytes = readFileSync(wasm);
    await oniguruma.loadWASM(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const registry = new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async () => textmate.parseRawGrammar(grammarText, grammarPath),
    });
    const loaded = await registry.loadGrammar(grammar.scopeName);
    assert.ok(loaded, 'the grammar loads');
    tokenize = (text) => {
      const tokens: Array<{ text: string; scopes: string[] }> = [];
      let state = textmate.INITIAL;
      for (const line of text.split('\n')) {
        const result = loaded.tokenizeLine(line, state);
        for (const token of result.tokens) tokens.push({ text: line.slice(token.startIndex, token.endIndex), scopes: token.scopes });
        state = result.ruleStack;
      }
      return tokens;
    };
  });

  /** The innermost scope of each token whose text is `text` (in order). */
  const scopesOf = (text: string, source: string) =>
    tokenize(source)
      .filter((t) => t.text === text)
      .map((t) => t.scopes);
  const innermost = (text: string, source: string) => scopesOf(text, source).map((s) => s[s.length - 1]);

  it('tells keys from string values, and mustaches inside either', () => {
    const source = '{\n  "traits": {\n    "{{phoneNumber}}": { "isPrimary": true },\n    "email": "{{email}}"\n  }\n}';
    assert.deepEqual(innermost('traits', source), ['support.type.property-name.json']);
    assert.deepEqual(innermost('email', source), ['support.type.property-name.json', 'variable.other.handlebars']);
    const phone = scopesOf('phoneNumber', source)[0] as string[];
    assert.ok(phone.includes('support.type.property-name.json') && phone.includes('meta.embedded.expression.handlebars'));
    assert.deepEqual(innermost('true', source), ['constant.language.json']);
    const value = scopesOf('email', source)[1] as string[];
    assert.ok(value.includes('string.quoted.double.json'));
  });

  it('highlights block helpers, else and literals in value position without ending the object', () => {
    const source = '{ "subscribed": {{#if voice_optin}}true{{else if (eq a \'b\')}}false{{else}}null{{/if}}, "n": -1.5e3 }';
    assert.deepEqual(innermost('if', source), ['keyword.control.handlebars', 'keyword.control.handlebars', 'keyword.control.handlebars']);
    assert.deepEqual(innermost('else', source), ['keyword.control.else.handlebars', 'keyword.control.else.handlebars']);
    assert.deepEqual(innermost('eq', source), ['entity.name.function.handlebars']);
    assert.deepEqual(innermost("'b'", source), ['string.quoted.single.handlebars']);
    assert.deepEqual(innermost('false', source), ['constant.language.json']);
    assert.deepEqual(innermost('-1.5e3', source), ['constant.numeric.json']);
    // The key after {{/if}} is still a key: the mustache's braces did not close the object.
    assert.deepEqual(innermost('n', source), ['support.type.property-name.json']);
  });

  it('marks helper names, hash arguments, Handlebars strings and numbers inside a JSON string', () => {
    const source = '{ "d": "{{dateFormat now format="yyyy-MM-dd" days=5}} {{defaultIfEmpty firstName \'there\'}}" }';
    assert.deepEqual(innermost('dateFormat', source), ['entity.name.function.handlebars']);
    assert.deepEqual(innermost('defaultIfEmpty', source), ['entity.name.function.handlebars']);
    assert.deepEqual(innermost('now', source), ['variable.other.handlebars']);
    assert.deepEqual(innermost('format', source), ['entity.other.attribute-name.handlebars']);
    assert.deepEqual(innermost('"yyyy-MM-dd"', source), ['string.quoted.double.handlebars']);
    assert.deepEqual(innermost('5', source), ['constant.numeric.handlebars']);
    // The Handlebars string's quotes did not end the JSON string.
    assert.ok((scopesOf('firstName', source)[0] as string[]).includes('string.quoted.double.json'));
  });

  it('handles triple mustaches, ~ whitespace control, @data variables, block params and comments', () => {
    const source = '[{{~#each items as |item|~}}"{{{item.name}}}{{@index}}"{{!-- a }} comment --}}{{! short }}{{/each~}}]';
    assert.deepEqual(innermost('~', source), Array(3).fill('keyword.operator.whitespace-control.handlebars'));
    assert.deepEqual(innermost('each', source), ['keyword.control.handlebars', 'keyword.control.handlebars']);
    assert.deepEqual(innermost('item', source), ['variable.parameter.handlebars', 'variable.other.handlebars']);
    assert.ok((scopesOf('name', source)[0] as string[]).includes('meta.embedded.expression.unescaped.handlebars'));
    assert.deepEqual(innermost('@index', source), ['variable.language.data.handlebars']);
    assert.deepEqual(innermost(' a }} comment ', source), ['comment.block.handlebars']);
    assert.deepEqual(innermost(' short ', source), ['comment.block.handlebars']);
    assert.deepEqual(innermost(']', source), ['punctuation.definition.array.end.json']);
  });

  it('a merge field alone is a variable, not a helper, even with spaces before }}', () => {
    assert.deepEqual(innermost('firstName', '"{{ firstName  }}"'), ['variable.other.handlebars']);
    assert.deepEqual(innermost('ifEq', '{{#ifEq a "b"}}x{{/ifEq}}'), ['entity.name.function.block.handlebars', 'entity.name.function.block.handlebars']);
  });

  it('colours escapes and flags invalid ones', () => {
    const source = '{ "a": "x\\n\\u00e9\\q" }';
    assert.deepEqual(innermost('\\n', source), ['constant.character.escape.json']);
    assert.deepEqual(innermost('\\u00e9', source), ['constant.character.escape.json']);
    assert.deepEqual(innermost('\\q', source), ['invalid.illegal.unrecognized-string-escape.json']);
  });
});
