/**
 * Reads the expression inside one mustache with Handlebars' own grammar (@handlebars/parser) and
 * returns what the diagnostics need: helper names, merge-field paths and literal arguments, each
 * with its offset in the document, or a syntax error pointing at the offending token.
 *
 * Each mustache is parsed on its own (whole-file parsing stops at the first error and reports an
 * unclosed block at the end of the file, see docs/performance-notes.md), and results are cached by the
 * expression text, so a payload that repeats `{{phoneNumber}}` parses it once.
 */
import { parseWithoutProcessing, type AST } from '@handlebars/parser';
import type { Mustache } from './mustacheScanner';
import { readSimpleExpression } from './simpleExpression';
import { quoted } from '../util/plainText';

export interface TextSpan {
  start: number;
  end: number;
}

export interface NamedSpan extends TextSpan {
  name: string;
}

export type ArgumentInfo =
  | ({ kind: 'path' } & NamedSpan)
  | ({ kind: 'literal'; value: string | number | boolean | null | undefined } & TextSpan)
  | ({ kind: 'subexpression' } & TextSpan);

export interface ExpressionAnalysis {
  /** The first path of the expression: a helper name or, without arguments, a merge field. */
  head?: NamedSpan & { isHelper: boolean };
  /** The arguments of the head helper, in order. */
  args: ArgumentInfo[];
  /** Every helper name in the expression, subexpressions included. */
  helpers: NamedSpan[];
  /** Every merge-field reference in the expression (paths that are not helpers nor `@data`). */
  fields: NamedSpan[];
  /** Constructs Iterable does not support, such as `../` parent paths. */
  unsupported: Array<TextSpan & { message: string }>;
  error?: TextSpan & { message: string };
}

/** Decides whether a path without arguments is a helper (e.g. `{{now}}`) or a merge field. */
export type HelperLookup = (name: string) => boolean;

interface Synthetic {
  /** Text given to the parser. */
  source: string;
  /** Offset in the document of `source[prefixLength]`. */
  base: number;
  prefixLength: number;
  /** The head is a helper even without arguments (`{{#each}}`), not a field (`{{^field}}`). */
  headIsHelper: boolean;
}

const cache = new Map<string, ExpressionAnalysis>();
const CACHE_LIMIT = 10_000;

/**
 * Analyses the expression of a mustache of kind expression, unescaped, blockOpen, inverseOpen or
 * an `{{else if …}}`. Returns undefined for kinds that carry no expression.
 */
export function analyzeExpression(text: string, m: Mustache, isHelper: HelperLookup): ExpressionAnalysis | undefined {
  const simple = analyzeSimply(text, m, isHelper);
  if (simple) return simple;
  return analyzeWithParser(text, m, isHelper);
}

/** The same analysis by Handlebars' own parser only (the reference the fast reader is tested against). */
export function analyzeWithParser(text: string, m: Mustache, isHelper: HelperLookup): ExpressionAnalysis | undefined {
  const synthetic = toSynthetic(text, m);
  if (!synthetic) return undefined;
  // `{{^x}}` and `{{#x}}` share a synthetic source but not whether the head is a helper.
  const key = `${synthetic.headIsHelper ? 'h' : 'f'}${synthetic.source}`;
  let relative = cache.get(key);
  if (!relative) {
    relative = analyzeSource(synthetic, isHelper);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, relative);
  }
  return shift(relative, synthetic.base - synthetic.prefixLength, m);
}

/** The fast reader (simpleExpression.ts) where the expression is in its subset. */
function analyzeSimply(text: string, m: Mustache, isHelper: HelperLookup): ExpressionAnalysis | undefined {
  switch (m.kind) {
    case 'expression':
    case 'unescaped':
      return readSimpleExpression(text, m.contentStart, m.contentEnd, false, isHelper);
    case 'inverseOpen':
      return plainBlockHead(text, readSimpleExpression(text, m.contentStart, m.contentEnd, false, isHelper));
    case 'blockOpen':
      return plainBlockHead(text, readSimpleExpression(text, m.contentStart, m.contentEnd, true, isHelper));
    case 'else': {
      const chain = /^\s*else\s+(?=\S)/.exec(text.slice(m.contentStart, m.contentEnd));
      return chain ? plainBlockHead(text, readSimpleExpression(text, m.contentStart + chain[0].length, m.contentEnd, true, isHelper)) : undefined;
    }
    default:
      return undefined;
  }
}

/** A block's name is read up to the first space (blockName): a `[spaced segment]` head is left to the parser. */
function plainBlockHead(text: string, analysis: ExpressionAnalysis | undefined): ExpressionAnalysis | undefined {
  const head = analysis?.head;
  return head && !text.slice(head.start, head.end).includes('[') ? analysis : undefined;
}

/** The leading helper name of a block tag's content (`if` in `#if x`). */
export function blockName(content: string): string {
  const match = /^\s*([^\s}~()]*)/.exec(content);
  return match ? match[1] : '';
}

function toSynthetic(text: string, m: Mustache): Synthetic | undefined {
  const content = text.slice(m.contentStart, m.contentEnd);
  switch (m.kind) {
    case 'expression':
    case 'unescaped':
      return { source: `{{${content}}}`, base: m.contentStart, prefixLength: 2, headIsHelper: false };
    case 'blockOpen':
    case 'inverseOpen': {
      const name = blockName(content);
      return { source: `{{#${content}}}{{/${name}}}`, base: m.contentStart, prefixLength: 3, headIsHelper: m.kind === 'blockOpen' };
    }
    case 'else': {
      const chain = /^\s*else\s+(?=\S)/.exec(content);
      if (!chain) return undefined;
      const rest = content.slice(chain[0].length);
      const name = blockName(rest);
      return { source: `{{#${rest}}}{{/${name}}}`, base: m.contentStart + chain[0].length, prefixLength: 3, headIsHelper: true };
    }
    default:
      return undefined;
  }
}

function analyzeSource(synthetic: Synthetic, isHelper: HelperLookup): ExpressionAnalysis {
  const result: ExpressionAnalysis = { args: [], helpers: [], fields: [], unsupported: [] };
  const lineStarts = computeLineStarts(synthetic.source);
  const offsetOf = (pos: AST.Position) => (lineStarts[pos.line - 1] ?? 0) + pos.column;
  const spanOf = (node: AST.Node): TextSpan => ({ start: offsetOf(node.loc.start), end: offsetOf(node.loc.end) });

  let program: AST.Program;
  try {
    program = parseWithoutProcessing(synthetic.source);
  } catch (error) {
    result.error = describeParseError(error, synthetic, lineStarts);
    return result;
  }
  const statement = program.body[0] as AST.MustacheStatement | AST.BlockStatement | undefined;
  if (!statement || (statement.type !== 'MustacheStatement' && statement.type !== 'BlockStatement')) {
    result.error = { start: synthetic.prefixLength, end: synthetic.source.length, message: 'Expected a Handlebars expression.' };
    return result;
  }

  const visitPath = (path: AST.PathExpression, asHelper: boolean) => {
    const span = { ...spanOf(path), name: path.original };
    if (path.depth > 0) {
      result.unsupported.push({
        ...span,
        message: `Parent path ${quoted(path.original)}: name the field from the top instead. Iterable does not support parent paths (../).`,
      });
    }
    if (asHelper) result.helpers.push(span);
    else if (!path.data && path.parts.length > 0) result.fields.push(span); // `this` alone is no field
  };
  const visitArgument = (node: AST.Expression): ArgumentInfo => {
    if (node.type === 'PathExpression') {
      visitPath(node as AST.PathExpression, false);
      return { kind: 'path', name: (node as AST.PathExpression).original, ...spanOf(node) };
    }
    if (node.type === 'SubExpression') {
      visitCall(node as AST.SubExpression, true);
      return { kind: 'subexpression', ...spanOf(node) };
    }
    const value =
      node.type === 'NullLiteral' || node.type === 'UndefinedLiteral' ? null : (node as AST.StringLiteral | AST.NumberLiteral | AST.BooleanLiteral).value;
    return { kind: 'literal', value, ...spanOf(node) };
  };
  const visitCall = (call: AST.MustacheStatement | AST.BlockStatement | AST.SubExpression, mustBeHelper: boolean): ArgumentInfo[] => {
    const hasArguments = call.params.length > 0 || (call.hash?.pairs.length ?? 0) > 0;
    if (call.path.type === 'PathExpression') {
      const path = call.path as AST.PathExpression;
      const helper = mustBeHelper || hasArguments || (!path.data && isHelper(path.original));
      visitPath(path, helper);
    }
    const args = call.params.map(visitArgument);
    for (const pair of call.hash?.pairs ?? []) visitArgument(pair.value);
    return args;
  };

  result.args = visitCall(statement, synthetic.headIsHelper);
  if (statement.path.type === 'PathExpression') {
    const path = statement.path as AST.PathExpression;
    result.head = { ...spanOf(path), name: path.original, isHelper: result.helpers.some((h) => h.start === offsetOf(path.loc.start)) };
  }
  return result;
}

function describeParseError(error: unknown, synthetic: Synthetic, lineStarts: number[]): TextSpan & { message: string } {
  const whole = { start: synthetic.prefixLength, end: synthetic.source.length };
  const hash = (error as { hash?: { token?: string | null; text?: string; loc?: { last_line: number; last_column: number } } }).hash;
  const raw = error instanceof Error ? error.message : String(error);
  if (!hash || !hash.loc) {
    return { ...whole, message: `Invalid Handlebars expression: ${raw.split('\n')[0].replace(/ on line \d+/, '')}` };
  }
  // The parser's location is the last token it accepted; the offending token follows it.
  let at = (lineStarts[hash.loc.last_line - 1] ?? 0) + hash.loc.last_column;
  while (at < synthetic.source.length && /\s/.test(synthetic.source[at])) at++;
  const token = hash.text ?? '';
  const end = Math.min(at + Math.max(token.length, 1), synthetic.source.length);
  let message: string;
  if (hash.token === 'CLOSE' || hash.token === 'EOF' || hash.token === 'CLOSE_UNESCAPED') {
    message = 'Incomplete Handlebars expression: add the missing argument or name. The expression ends where one is expected.';
  } else if (token === '"' || token === '\\') {
    message = `Invalid Handlebars expression: write string literals in single quotes ('text'). Unexpected ${token}: Handlebars reads {{ }} before JSON does, so JSON escapes do not apply there.`;
  } else {
    message = `Invalid Handlebars expression: unexpected ${quoted(token)}. Correct the expression between {{ and }}.`;
  }
  return { start: at, end, message };
}

function shift(relative: ExpressionAnalysis, delta: number, m: Mustache): ExpressionAnalysis {
  // Offsets past the expression belong to the synthetic closing tag; clamp them into the mustache.
  const clamp = (offset: number) => Math.min(Math.max(offset + delta, m.contentStart), Math.max(m.contentEnd, m.contentStart));
  const span = <T extends TextSpan>(s: T): T => {
    const start = clamp(s.start);
    let end = clamp(s.end);
    if (end <= start) end = Math.min(start + 1, m.end);
    return { ...s, start, end };
  };
  return {
    head: relative.head && span(relative.head),
    args: relative.args.map(span),
    helpers: relative.helpers.map(span),
    fields: relative.fields.map(span),
    unsupported: relative.unsupported.map(span),
    error: relative.error && span(relative.error),
  };
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0d) {
      if (text.charCodeAt(i + 1) === 0x0a) i++;
      starts.push(i + 1);
    } else if (c === 0x0a) starts.push(i + 1);
  }
  return starts;
}
