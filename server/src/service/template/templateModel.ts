/**
 * The Handlebars side of a payload template: every mustache with its expression, the block
 * structure, the template's own problems, and the JSON views built from them.
 */
import type { FindingOf } from '../diagnosticCodes';
import type { HandlebarsSyntaxData } from '../rules/handlebarsSyntax';
import { buildBlockStructure, type Block } from './blockStructure';
import { comparisonOnMissingFieldProblems } from '../rules/comparisonOnMissingField';
import { helperArgumentsProblem } from '../rules/helperArguments';
import { nestedDoubleQuotesProblem } from '../rules/nestedDoubleQuotes';
import { tripleStashInStringProblem } from '../rules/tripleStashInString';
import { analyzeExpression, type ExpressionAnalysis, type NamedSpan } from './expressionAnalyzer';
import { helperList, iterableHelpers } from '../iterable/iterableHelpers';
import { buildJsonView, viewCount, type JsonView } from './jsonView';
import { scanMustaches, type Mustache } from './mustacheScanner';
import { closestMatches } from '../util/suggest';
import { plain, quoted } from '../util/plainText';

export type TemplateProblemCode =
  'handlebars-syntax' | 'unknown-helper' | 'helper-arguments' | 'nested-double-quotes' | 'triple-stash-in-string' | 'comparison-on-missing-field';

/** A finding of one of the rules the Handlebars scan raises (their stage is `template`). */
export type TemplateProblem = FindingOf<TemplateProblemCode>;

export interface TemplateModel {
  text: string;
  /** In document order. */
  mustaches: Mustache[];
  /**
   * The expression of the mustache at `index`, if it has one. Expressions are read when asked for
   * (and kept), not all at parse time: a large payload has tens of thousands, and most requests
   * need one or none; keeping all of them made every version cost ~250 bytes per mustache.
   */
  expressionAt(index: number): ExpressionAnalysis | undefined;
  /**
   * The same, read again rather than kept when it was not kept already: for a pass over many
   * mustaches (a lint), whose expressions would otherwise all stay alive with the version.
   */
  expressionOnce(index: number): ExpressionAnalysis | undefined;
  /** Visits every mustache's expression in order, without keeping them (unless all were read already). */
  forEachExpression(visit: (expression: ExpressionAnalysis | undefined, index: number) => void): void;
  blocks: Block[];
  problems: TemplateProblem[];
  /** Deepest `{`/`[` nesting outside strings, and where it is reached. */
  maxDepth: number;
  maxDepthOffset: number;
  /** Number of JSON views that cover the blocks' branches (1 without blocks). */
  viewCount: number;
  /** Builds (once) the JSON view with the given index. */
  view(index: number): JsonView;
}

const isIterableHelper = (name: string) => iterableHelpers.has(name);

export function parseTemplate(text: string): TemplateModel {
  const scan = scanMustaches(text);
  const { mustaches } = scan;
  const problems: TemplateProblem[] = [];
  const read = (i: number) => (mustaches[i].closed ? analyzeExpression(text, mustaches[i], isIterableHelper) : undefined);
  for (let i = 0; i < mustaches.length; i++) {
    const m = mustaches[i];
    reportTagProblems(text, m, problems);
    const nestedQuotes = m.closed ? nestedDoubleQuotesProblem(text, m) : undefined;
    if (nestedQuotes) problems.push(nestedQuotes);
    // Read to be checked, then dropped: short-lived objects cost the garbage collector little.
    const analysis = read(i);
    if (analysis) reportExpressionProblems(text, m, analysis, problems);
  }
  const kept = new Map<number, ExpressionAnalysis | undefined>();
  const expressionAt = (i: number) => {
    if (i < 0 || i >= mustaches.length) return undefined;
    if (!kept.has(i)) kept.set(i, read(i));
    return kept.get(i);
  };
  const structure = buildBlockStructure(text, mustaches);
  for (const p of structure.problems) problems.push({ code: 'handlebars-syntax', ...p });

  const views = new Map<number, JsonView>();
  const rendersNothing = (m: Mustache) => iterableHelpers.get(headName(text, m))?.renders === 'nothing';
  const count = viewCount(structure.blocks);
  const model: TemplateModel = {
    text,
    mustaches,
    expressionAt,
    expressionOnce: (i) => (kept.has(i) ? kept.get(i) : i >= 0 && i < mustaches.length ? read(i) : undefined),
    forEachExpression(visit) {
      for (let i = 0; i < mustaches.length; i++) visit(kept.has(i) ? kept.get(i) : read(i), i);
    },
    blocks: structure.blocks,
    problems,
    maxDepth: scan.maxDepth,
    maxDepthOffset: scan.maxDepthOffset,
    viewCount: count,
    view(index: number): JsonView {
      let view = views.get(index);
      if (!view) {
        view = buildJsonView(text, mustaches, structure.blocks, index, rendersNothing);
        views.set(index, view);
      }
      return view;
    },
  };
  reportComparisons(model, problems);
  problems.sort((a, b) => a.start - b.start);
  return model;
}

/** Comparison helpers on fields a user may lack; they need the blocks around them (guards). */
function reportComparisons(model: TemplateModel, problems: TemplateProblem[]): void {
  let blockOf: Map<Mustache, Block> | undefined;
  const text = model.text;
  model.mustaches.forEach((m, i) => {
    if (!m.closed || (m.kind !== 'expression' && m.kind !== 'unescaped' && m.kind !== 'blockOpen')) return;
    // Every mustache passes here: rule most out by the first letter of the head before reading its name.
    let first = m.contentStart;
    while (first < m.contentEnd && isSpaceOrTilde(text.charCodeAt(first))) first++;
    if (!SKIPPING_INITIALS.has(text.charCodeAt(first))) return;
    if (iterableHelpers.get(headName(text, m))?.onMissing !== 'skipsSend') return;
    const analysis = model.expressionAt(i);
    if (!analysis || analysis.error) return;
    blockOf ??= new Map(model.blocks.map((b) => [b.open, b]));
    problems.push(...comparisonOnMissingFieldProblems(model, m, analysis, blockOf.get(m)));
  });
}

/** First letters of the helpers that skip the send on a missing field (the helper model's `onMissing`). */
const SKIPPING_INITIALS: ReadonlySet<number> = new Set(
  helperList
    .filter((h) => h.onMissing === 'skipsSend')
    .flatMap((h) => [h.name, ...h.aliases])
    .map((name) => name.charCodeAt(0)),
);

/** The first word of a mustache's expression (`sendSkip` in `{{~ sendSkip cause='x'}}`), read without the parser. */
export function headName(text: string, m: Mustache): string {
  let start = m.contentStart;
  while (start < m.contentEnd && isSpaceOrTilde(text.charCodeAt(start))) start++;
  let end = start;
  while (end < m.contentEnd && !endsHead(text.charCodeAt(end))) end++;
  return text.slice(start, end);
}

/** Whitespace (space, tab, line breaks) or `~`. */
const isSpaceOrTilde = (c: number) => c === 0x20 || c === 0x7e || (c >= 0x09 && c <= 0x0d);
/** What ends a helper name: whitespace, `~`, `}`, `(` or `)`. */
const endsHead = (c: number) => isSpaceOrTilde(c) || c === 0x7d || c === 0x28 || c === 0x29;

function reportTagProblems(text: string, m: Mustache, problems: TemplateProblem[]): void {
  const syntax = (message: string, start = m.start, end = m.end, data?: HandlebarsSyntaxData) =>
    problems.push({ code: 'handlebars-syntax', start, end, message, ...(data ? { data } : {}) });
  if (!m.closed) {
    const opener = text.slice(m.start, m.contentStart).replace(/[#/^>&!~]/g, '');
    const closer = opener === '{{{' ? '}}}' : '}}';
    syntax(
      `Unclosed ${opener}: add ${closer} after the expression. Handlebars cannot read the template until it is closed.`,
      m.start,
      Math.max(m.end, m.start + opener.length),
    );
    return;
  }
  // Handlebars' lexer takes the longest closer, so `{{x}}` followed by a JSON `}` reads as `}}}`,
  // the end of a `{{{ }}}`: the template does not compile and Iterable sends nothing.
  if (m.kind !== 'unescaped' && m.kind !== 'comment' && text.charCodeAt(m.end) === 0x7d) {
    syntax(
      'Handlebars reads }}} here as the end of a {{{ }}} expression: put a space between }} and the JSON }. As written, the template does not render.',
      m.end - 2,
      m.end + 1,
      { insertSpaceAt: m.end },
    );
  }
  if (m.contentEnd <= m.contentStart && m.kind !== 'comment' && m.kind !== 'else') {
    syntax('Empty Handlebars expression: write a merge field name, such as {{phoneNumber}}, or remove the braces.');
  } else if (m.kind === 'partial') {
    syntax("Partial {{> name}}: use a snippet, {{snippet 'name'}}, instead. Iterable does not support Handlebars partials.");
  } else if (m.kind === 'inverseOpen') {
    syntax('Inverse section {{^field}}: use {{#unless field}}…{{/unless}} instead. Iterable does not support inverse sections.');
  }
}

function reportExpressionProblems(text: string, m: Mustache, analysis: ExpressionAnalysis, problems: TemplateProblem[]): void {
  if (analysis.error) {
    problems.push({ code: 'handlebars-syntax', start: analysis.error.start, end: analysis.error.end, message: analysis.error.message });
    return;
  }
  for (const u of analysis.unsupported) problems.push({ code: 'handlebars-syntax', start: u.start, end: u.end, message: u.message });
  for (const helper of analysis.helpers) {
    const known = iterableHelpers.get(helper.name);
    if (!known) problems.push(unknownHelper(helper));
    else if (known.form === 'block' && isInlineHead(m, analysis, helper)) {
      problems.push({
        code: 'unknown-helper',
        start: helper.start,
        end: helper.end,
        message: `Block helper written inline: write ${known.signature}. In Iterable, ${plain(helper.name)} is a block helper.`,
        data: { helper: helper.name },
      });
    } else if (known.form === 'inline' && isBlockHead(m, analysis, helper)) {
      problems.push({
        code: 'unknown-helper',
        start: helper.start,
        end: helper.end,
        message: `Inline helper written as a block: write ${known.signature}. In Iterable, ${plain(helper.name)} is not a block helper.`,
        data: { helper: helper.name },
      });
    } else if (analysis.head?.start === helper.start) {
      const wrongCount = helperArgumentsProblem(known, analysis);
      if (wrongCount) problems.push(wrongCount);
    }
  }
  const tripleStash = tripleStashInStringProblem(text, m, analysis);
  if (tripleStash) problems.push(tripleStash);
}

function isInlineHead(m: Mustache, analysis: ExpressionAnalysis, helper: NamedSpan): boolean {
  return (m.kind === 'expression' || m.kind === 'unescaped') && analysis.head?.start === helper.start;
}

function isBlockHead(m: Mustache, analysis: ExpressionAnalysis, helper: NamedSpan): boolean {
  return (m.kind === 'blockOpen' || m.kind === 'else') && analysis.head?.start === helper.start;
}

function unknownHelper(helper: NamedSpan): TemplateProblem {
  const suggestions = closestMatches(helper.name, iterableHelpers.keys());
  const fix = suggestions.length > 0 ? `use ${suggestions[0]}` : 'use a helper Iterable provides';
  return {
    code: 'unknown-helper',
    start: helper.start,
    end: helper.end,
    message: `Unknown helper ${quoted(helper.name)}: ${fix}. Iterable provides its own helpers and runs no custom ones.`,
    data: { helper: helper.name, suggestions },
  };
}
