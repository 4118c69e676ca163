/**
 * Renders a payload template with sample data the way Iterable would, then checks that the result is
 * the JSON Regal expects. Pure: no `vscode`, no I/O, never throws on any template or sample.
 *
 * Engine: handlebars.js on an isolated instance (`Handlebars.create()`) with the Iterable helpers that
 * matter for JSON bodies (iterableRuntimeHelpers.ts). Iterable itself runs handlebars.java
 * (docs/iterable.md §2.2, [S40]); the differences that matter are handled there.
 *
 * Escaping: `{{ }}` HTML-escapes and `{{{ }}}` does not, as in Iterable [S32]. handlebars.js escapes
 * exactly the characters of handlebars.java's default HTML_ENTITY strategy (`& < > " ' \` =` →
 * `&amp; &lt; &gt; &quot; &#x27; &#x60; &#x3D;`, [S41]), so the preview shows what Iterable sends
 * (docs/iterable.md §2.4 inference 3). Whether Iterable escapes webhook bodies at all is undocumented
 * (docs/iterable.md §4 question 2): when escaping changed the output, `escaping` says where.
 *
 * Budget: one render stays within `limits` (renderBudget.ts, default 2 s and 1,000,000 characters).
 * Helpers check the budget before and after each call (`data.regalBudget`); the final text is checked
 * here. A render over budget, a string too long for the engine or a template nested too deep for the
 * stack ends in `stopped` ("rendering stopped: …"), never in an exception or a crash. Time spent
 * between helper calls (compiling a huge template, a long `{{#each}}` without helpers) is bounded
 * from outside by the render worker (renderInWorker.ts), which terminates a render that overruns.
 */
import Handlebars from 'handlebars';
import { registerIterableHelpers, RenderFailure, SendSkipped, type HelperLoc } from './iterableRuntimeHelpers';
import { locateJsonError } from './jsonErrorLocation';
import { lineColumnAt, offsetAt } from './lineColumn';
import { renderAssumptions, type AssumptionLog, type RenderAssumption } from './renderAssumptions';
import { DEFAULT_RENDER_LIMITS, RenderBudget, RenderStopped, type RenderLimits } from './renderBudget';
import { renderContext, type SampleData } from './sampleData';

import { STOPPED_PREFIX, SUPERSEDED_REASON, type RenderResult } from './renderResult';

export type { SampleData } from './sampleData';
export type { RenderLimits } from './renderBudget';
export { DEFAULT_RENDER_LIMITS } from './renderBudget';
export * from './renderResult';

const engine = registerIterableHelpers(Handlebars.create());

export interface RenderOptions {
  /** The time `{{now}}` and `{{timestamp}}` render (default: the current time). */
  now?: Date;
  /** Time and output limits of this render (default DEFAULT_RENDER_LIMITS: 2 s, 1,000,000 characters). */
  limits?: RenderLimits;
  /**
   * Polled wherever the budget is checked: once it returns true the render stops with `superseded`
   * (the render worker sets it when a newer request replaces this one).
   */
  isCancelled?: () => boolean;
  /**
   * The budget's time source in milliseconds (default Date.now). Tests give a clock that advances one
   * step per budget check, so that a time limit is reached after a known number of checks, whatever
   * the machine's load.
   */
  clock?: () => number;
}

/** What helpers find in Handlebars' `options.data` (copied into every nested data frame). */
export interface RenderData {
  regalNow: Date;
  regalBudget: RenderBudget;
  regalAssumptions: AssumptionLog;
}

/** A render's budget that also stops when the render is cancelled. */
class RenderRun extends RenderBudget {
  constructor(
    limits: Readonly<RenderLimits>,
    private readonly isCancelled: (() => boolean) | undefined,
    clock: (() => number) | undefined,
  ) {
    super(limits, clock);
  }

  override checkTime(): void {
    if (this.isCancelled?.()) throw new Cancelled();
    super.checkTime();
  }
}

class Cancelled extends Error {}

const COMPILE_OPTIONS = { strict: false, preventIndent: true } as const;

/** Entities that `{{ }}` escaping writes: text without any of them was not changed by escaping. */
const ESCAPE_ENTITY = /&(?:amp|lt|gt|quot|#x27|#x60|#x3D);/;

export function renderTemplate(template: string, sample: SampleData, options: RenderOptions = {}): RenderResult {
  const limits = options.limits ?? DEFAULT_RENDER_LIMITS;
  try {
    return render(template, sample, options, limits);
  } catch (error) {
    // Whatever escaped (a stack overflow while reporting an error, say): never throw.
    return stoppedBy(error, limits) ?? { templateError: { message: error instanceof Error ? error.message : String(error) } };
  }
}

/**
 * How deep blocks and subexpressions may nest. Handlebars' parser takes time quadratic in the nesting
 * depth (4,000 nested `{{#if}}` take 20 s, and cannot be interrupted) and its compiler recurses, so a
 * deeper template is stopped before it is parsed. Real payloads nest a few levels.
 */
export const MAX_NESTING = 256;

function render(template: string, sample: SampleData, options: RenderOptions, limits: Readonly<RenderLimits>): RenderResult {
  const budget = new RenderRun(limits, options.isCancelled, options.clock);
  if (nestingDepth(template) > MAX_NESTING) return { stopped: { reason: DEPTH_REASON, kind: 'depth' } };
  let compiled: HandlebarsTemplateDelegate;
  try {
    // Parse first: parse errors carry their position only on the parser's lexer. The parsed tree is
    // compiled (once: compiling is most of a big template's render time).
    compiled = engine.compile(engine.parseWithoutProcessing(template), COMPILE_OPTIONS);
  } catch (error) {
    return stoppedBy(error, limits) ?? { templateError: describeCompileError(error, template) };
  }

  const context = renderContext(sample);
  const assumptions = new Set<RenderAssumption>();
  const data: RenderData = {
    regalNow: options.now ?? new Date(),
    regalBudget: budget,
    regalAssumptions: { add: (assumption) => void assumptions.add(assumption) },
  };
  const runtime = { data };
  let text: string;
  try {
    budget.checkTime(); // parsing may have used it all, or the render may have been cancelled meanwhile
    text = compiled(context, runtime);
    budget.checkOutput(text.length);
  } catch (error) {
    const stopped = stoppedBy(error, limits);
    if (stopped) return stopped;
    if (error instanceof SendSkipped) {
      const at = offsetOf(error.loc, template);
      const source = error.loc ? mustacheSource(template, error.loc) : undefined;
      return { skipped: { reason: source ? `${source}: ${error.message}` : error.message, ...at } };
    }
    if (error instanceof RenderFailure) return { templateError: { message: error.message, ...offsetOf(error.loc, template) } };
    return { templateError: describeCompileError(error, template) };
  }

  const result: RenderResult = { text };
  // The unescaped rendering (to say where escaping changed the text) is needed only when the text has
  // an entity escaping could have written. It shares the render's budget; if it fails or runs out,
  // the note is left out and the render stands.
  if (ESCAPE_ENTITY.test(text)) {
    const unescaped = renderUnescaped(template, context, runtime);
    if (unescaped !== undefined && unescaped !== text) result.escaping = describeEscaping(text, unescaped);
  }
  try {
    result.json = JSON.parse(text);
  } catch (error) {
    result.jsonError = locateJsonError(text, error);
  }
  if (result.escaping) assumptions.add('html-escaping');
  assumptions.add('workflow-fields');
  result.assumptions = (Object.keys(renderAssumptions) as RenderAssumption[]).filter((a) => assumptions.has(a));
  return result;
}

function renderUnescaped(template: string, context: unknown, runtime: { data: RenderData }): string | undefined {
  try {
    const text = engine.compile(engine.parseWithoutProcessing(template), { ...COMPILE_OPTIONS, noEscape: true })(context, runtime);
    runtime.data.regalBudget.checkOutput(text.length);
    return text;
  } catch {
    return undefined;
  }
}

const DEPTH_REASON = `${STOPPED_PREFIX}the template nests blocks or subexpressions too deeply (more than ${MAX_NESTING} levels). Flatten it.`;

/**
 * The deepest nesting of blocks (`{{#…}}` … `{{/…}}`) plus subexpressions (`(…)`) inside one
 * mustache, read with a linear scan (comments and quoted strings skipped). Unbalanced blocks count as
 * written: the parser reports them.
 */
export function nestingDepth(template: string): number {
  let blocks = 0;
  let deepest = 0;
  let at = template.indexOf('{{');
  while (at >= 0) {
    if (template.startsWith('{{!--', at)) {
      const end = template.indexOf('--}}', at + 5);
      if (end < 0) break;
      at = template.indexOf('{{', end + 4);
      continue;
    }
    if (template.startsWith('{{!', at)) {
      const end = template.indexOf('}}', at + 3);
      if (end < 0) break;
      at = template.indexOf('{{', end + 2);
      continue;
    }
    let i = at + 2;
    while (template[i] === '{' || template[i] === '~' || template[i] === ' ' || template[i] === '\t' || template[i] === '\n' || template[i] === '\r') i++;
    const sigil = template[i];
    if (sigil === '#' || sigil === '^') blocks++;
    else if (sigil === '/') blocks = Math.max(0, blocks - 1);
    let parens = 0;
    let quote: string | undefined;
    for (; i < template.length; i++) {
      const c = template[i];
      if (quote) {
        if (c === quote) quote = undefined;
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '(') deepest = Math.max(deepest, blocks + ++parens);
      else if (c === ')') parens = Math.max(0, parens - 1);
      else if (c === '}' && template[i + 1] === '}') break;
    }
    deepest = Math.max(deepest, blocks);
    at = template.indexOf('{{', i + 2);
  }
  return deepest;
}

/** A stopped result when `error` means the render ran out of budget, string length or stack. */
function stoppedBy(error: unknown, limits: Readonly<RenderLimits>): RenderResult | undefined {
  if (error instanceof Cancelled) return { stopped: { reason: SUPERSEDED_REASON, kind: 'superseded' } };
  if (error instanceof RenderStopped)
    return { stopped: { reason: error.message.startsWith(STOPPED_PREFIX) ? error.message : `${STOPPED_PREFIX}${error.message}`, kind: 'budget' } };
  // Helpers report their own failures as RenderFailure with the engine's message.
  const message = error instanceof Error ? error.message : '';
  if (error instanceof RangeError || error instanceof RenderFailure) {
    if (/Invalid string length|Invalid array length|Array buffer allocation failed/.test(message)) {
      return {
        stopped: {
          reason: `${STOPPED_PREFIX}the output grew past the longest string JavaScript can hold (the limit is ${limits.maxOutputChars.toLocaleString('en-US')} characters). Check nested helpers such as replace or each.`,
          kind: 'length',
        },
      };
    }
    if (/Maximum call stack size exceeded/.test(message)) {
      return { stopped: { reason: DEPTH_REASON, kind: 'depth' } };
    }
  }
  return undefined;
}

type Loc = HelperLoc | undefined;

/** The text of the opening mustache at `loc`, e.g. `{{#gt age 21}}` (for messages). */
function mustacheSource(template: string, loc: HelperLoc): string | undefined {
  const start = offsetAt(template, loc.start.line, loc.start.column);
  const end = template.indexOf('}}', start);
  if (end < 0 || end - start > 120) return undefined;
  return template.slice(start, template[end + 2] === '}' ? end + 3 : end + 2);
}

/** Handlebars locations are 1-based lines and 0-based columns. */
function offsetOf(loc: Loc, template: string): { offset?: number } {
  if (!loc) return {};
  return { offset: offsetAt(template, loc.start.line, loc.start.column) };
}

function describeCompileError(error: unknown, template: string): { message: string; offset?: number } {
  const message = error instanceof Error ? error.message : String(error);
  if (message.startsWith('Parse error')) {
    // The jison lexer keeps the location of the token it failed on.
    const unclosed = / got 'EOF'$/.test(message) ? unclosedBlock(template) : undefined;
    if (unclosed) return { message: `{{#${unclosed.name}}} is never closed: add {{/${unclosed.name}}}.`, offset: unclosed.offset };
    const lexer = (engine as unknown as { Parser: { lexer?: { yylloc?: { first_line: number; first_column: number } } } }).Parser.lexer;
    const at = lexer?.yylloc;
    // Drop the "Parse error on line N:" prefix and the excerpt with its caret: the offset says where.
    const expecting = readableTokens(message.split('\n').slice(3).join(' ').trim());
    // `"a": {{toJson x}}}` — the lexer reads `}}}` as the end of a triple-stash, a common JSON slip.
    const hint =
      /found \}\}\}$/.test(expecting) && !/expected.*\}\}\}.*, found/.test(expecting)
        ? ' (`}}}` closes a {{{triple-stash}}}: put a space between `}}` and a JSON `}`)'
        : '';
    const offset = at ? offsetAt(template, at.first_line, at.first_column) : undefined;
    const found =
      offset === undefined ? '' : ` at ${JSON.stringify(template.slice(offset).split(/[\s}]/)[0]?.slice(0, 30) || template.slice(offset, offset + 2))}`;
    return { message: `Handlebars syntax error${found}: ${expecting || message}${hint}`, ...(offset === undefined ? {} : { offset }) };
  }
  const located = error as { lineNumber?: number; column?: number };
  if (typeof located.lineNumber === 'number' && typeof located.column === 'number') {
    const mismatch = /^(\S+) doesn't match (\S+) - \d+:\d+$/.exec(message);
    const readable = mismatch ? `{{#${mismatch[1]}}} is closed by {{/${mismatch[2]}}}: close it with {{/${mismatch[1]}}}.` : message.replace(/ - \d+:\d+$/, '');
    return { message: readable, offset: offsetAt(template, located.lineNumber, located.column) };
  }
  return { message };
}

const TOKEN_NAMES: Record<string, string> = {
  CLOSE: '}}',
  CLOSE_UNESCAPED: '}}}',
  CLOSE_RAW_BLOCK: '}}}}',
  OPEN_SEXPR: '(',
  CLOSE_SEXPR: ')',
  ID: 'a field name',
  STRING: 'a string',
  NUMBER: 'a number',
  BOOLEAN: 'true/false',
  UNDEFINED: 'undefined',
  NULL: 'null',
  DATA: 'an @variable',
  OPEN_ENDBLOCK: '{{/…}}',
  OPEN_INVERSE_CHAIN: '{{else …}}',
  INVERSE: '{{else}}',
  EOF: 'the end of the template',
  INVALID: 'text Handlebars cannot read',
  SEP: '. or /',
  EQUALS: '=',
  OPEN_BLOCK_PARAMS: 'as |…|',
};

/** "Expecting 'CLOSE', 'ID', got 'INVALID'" → "expected }} or a field name, found text Handlebars cannot read". */
function readableTokens(expecting: string): string {
  const match = /^Expecting (.*), got '([A-Z_]+)'$/.exec(expecting);
  if (!match) return expecting;
  const name = (token: string) => TOKEN_NAMES[token] ?? token.toLowerCase().replace(/_/g, ' ');
  const wanted = [...new Set([...(match[1] ?? '').matchAll(/'([A-Z_]+)'/g)].map((m) => name(m[1] as string)))];
  const list = wanted.length > 1 ? `${wanted.slice(0, -1).join(', ')} or ${wanted.at(-1)}` : (wanted[0] ?? '');
  return `expected ${list}, found ${name(match[2] as string)}`;
}

/** The innermost block opened and never closed, e.g. `{{#if x}}` without `{{/if}}`. */
function unclosedBlock(template: string): { name: string; offset: number } | undefined {
  const open: { name: string; offset: number }[] = [];
  for (const match of template.matchAll(/\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}|\{\{~?\s*([#/])\s*([^\s}~()]+)/g)) {
    const [, kind, name] = match;
    if (!kind || !name) continue; // a comment
    if (kind === '#') open.push({ name: name.replace(/^[*>]/, ''), offset: match.index });
    else if (open.at(-1)?.name === name) open.pop();
  }
  return open.at(-1);
}

function describeEscaping(escaped: string, unescaped: string): { message: string; line: number; column: number; offset: number } {
  let offset = 0;
  while (offset < escaped.length && escaped[offset] === unescaped[offset]) offset++;
  // An escaped `&` shares its first character with `&amp;`: start at the entity that covers the difference.
  const entityPattern = /^&(?:amp|lt|gt|quot|#x27|#x60|#x3D);/;
  const ampersand = escaped.lastIndexOf('&', offset);
  if (ampersand >= 0 && ampersand > offset - 6 && (entityPattern.exec(escaped.slice(ampersand))?.[0].length ?? 0) > offset - ampersand) offset = ampersand;
  const entity = entityPattern.exec(escaped.slice(offset))?.[0] ?? escaped[offset];
  const original = unescaped[offset];
  const { line, column } = lineColumnAt(escaped, offset);
  return {
    message: `{{ }} HTML-escaped a value (${JSON.stringify(original)} became ${JSON.stringify(entity)}) at line ${line}, column ${column}, as Iterable does; use {{{ }}} or toJson to send it unchanged.`,
    line,
    column,
    offset,
  };
}
