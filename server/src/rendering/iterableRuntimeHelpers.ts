/**
 * The Iterable Handlebars helpers, implemented for rendering previews and test events. Semantics follow
 * domain.md §2.2–2.4 (Iterable's articles [S32–S35] and the Email Love reference [S40], which says
 * Iterable runs handlebars.java): falsy is null, "", [], false and zero; a missing field renders blank;
 * `lt/lte/gt/gte` (block or inline) and `#ifContainsStr` on a missing field make Iterable fail the
 * template and skip the send, which `SendSkipped` reports; `#ifEq`, `#if`, `#unless`, `#each` degrade
 * gracefully. The helper names match server/src/service/iterable/iterableHelpers.ts.
 *
 * Registered on an isolated instance (`Handlebars.create()`), never on the shared global one.
 */
import { createHash, createHmac } from 'node:crypto';
import type HandlebarsNamespace from 'handlebars';
import { formatDate, parseDate } from './dateFormat';

type Handlebars = typeof HandlebarsNamespace;

/** Handlebars' source location of the mustache that called a helper (1-based line, 0-based column). */
export type HelperLoc = { start: { line: number; column: number }; end: { line: number; column: number } };

interface Options {
  name: string;
  hash: Record<string, unknown>;
  fn?: (context: unknown) => string;
  inverse?: (context: unknown) => string;
  data?: { regalNow?: Date };
  loc?: HelperLoc;
}

/** Iterable would not send: the message says why. */
export class SendSkipped extends Error {
  constructor(message: string, public loc?: HelperLoc) {
    super(message);
  }
}

/** The template cannot be rendered (bad helper arguments, unsupported helper, ...). */
export class RenderFailure extends Error {
  constructor(message: string, public loc?: HelperLoc) {
    super(message);
  }
}

/** Iterable's falsy values: null (or missing), "", [], false and any zero ([S40]). */
export function isFalsy(value: unknown): boolean {
  return value === undefined || value === null || value === false || value === '' || value === 0 || (typeof value === 'number' && Number.isNaN(value)) || (Array.isArray(value) && value.length === 0);
}

const isMissing = (value: unknown): value is null | undefined => value === undefined || value === null;

const text = (value: unknown): string => (isMissing(value) ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** Numbers (or numeric strings) compare as numbers, anything else as text. */
function compare(a: unknown, b: unknown): number {
  const x = toNumber(a);
  const y = toNumber(b);
  if (x !== undefined && y !== undefined) return x - y;
  const s = text(a);
  const t = text(b);
  return s < t ? -1 : s > t ? 1 : 0;
}

function equals(a: unknown, b: unknown): boolean {
  if (isMissing(a) || isMissing(b)) return isMissing(a) && isMissing(b);
  return compare(a, b) === 0;
}

/** Block form renders a branch; inline (or subexpression) form returns `yes=`/`no=` (default true/false). */
function decide(this: unknown, result: boolean, options: Options): unknown {
  if (options.fn) return result ? options.fn(this) : (options.inverse?.(this) ?? '');
  return result ? (options.hash.yes ?? true) : (options.hash.no ?? false);
}

function skipOnMissing(name: string, values: unknown[]): void {
  if (values.some(isMissing)) throw new SendSkipped(`${name} compares a missing (or null) field: Iterable fails the template and skips the send for this user.`);
}

type HelperBody = (this: unknown, args: unknown[], options: Options) => unknown;

export function registerIterableHelpers(hb: Handlebars): Handlebars {
  /** Registers a helper whose errors carry the location of the mustache that called it. */
  const define = (name: string, body: HelperBody) => {
    hb.registerHelper(name, function (this: unknown, ...all: unknown[]) {
      const options = all[all.length - 1] as Options;
      try {
        return body.call(this, all.slice(0, -1), options);
      } catch (error) {
        if (error instanceof SendSkipped || error instanceof RenderFailure) {
          error.loc ??= options.loc;
          throw error;
        }
        throw new RenderFailure(`${name}: ${error instanceof Error ? error.message : String(error)}`, options.loc);
      }
    });
  };
  const builtin = (name: string) => hb.helpers[name] as (this: unknown, ...args: unknown[]) => unknown;
  for (const name of ['if', 'unless', 'each', 'lookup']) {
    const original = builtin(name);
    define(name, function (args, options) {
      return original.call(this, ...args, options);
    });
  }

  // Unknown helpers, and syntax Iterable does not support ([S40]).
  define('helperMissing', (args, options) => {
    if (args.length === 0) return undefined; // `{{field}}` that is not in the sample: blank.
    throw new RenderFailure(`Iterable has no helper "${options.name}".`);
  });
  define('with', () => {
    throw new RenderFailure('Iterable does not support {{#with}}: write the full path (a.b.c) instead.');
  });
  // Handlebars.js compiles `log` as a known helper and calls it directly, so unregistering it would
  // fail with a TypeError; Iterable has no `log`, so it gets the unknown-helper message instead.
  define('log', (_args, options) => {
    throw new RenderFailure(`Iterable has no helper "${options.name}".`);
  });

  // Conditionals that degrade gracefully on missing fields.
  define('ifEq', function (args, options) {
    return decide.call(this, equals(args[0], args[1]), options);
  });
  define('eq', function (args, options) {
    return decide.call(this, equals(args[0], args[1]), options);
  });
  for (const [name, test] of [
    ['ifGt', (c: number) => c > 0],
    ['ifGte', (c: number) => c >= 0],
    ['ifLt', (c: number) => c < 0],
    ['ifLte', (c: number) => c <= 0],
  ] as const) {
    define(name, function (args, options) {
      return decide.call(this, !isMissing(args[0]) && !isMissing(args[1]) && test(compare(args[0], args[1])), options);
    });
  }
  // Comparisons that make Iterable skip the send on a missing field ([S40]).
  for (const [name, test] of [
    ['gt', (c: number) => c > 0],
    ['gte', (c: number) => c >= 0],
    ['lt', (c: number) => c < 0],
    ['lte', (c: number) => c <= 0],
  ] as const) {
    define(name, function (args, options) {
      skipOnMissing(name, args.slice(0, 2));
      return decide.call(this, test(compare(args[0], args[1])), options);
    });
  }
  define('ifModEq', function (args, options) {
    const [value, divisor, remainder] = args.map(toNumber);
    const result = value !== undefined && divisor !== undefined && divisor !== 0 && remainder !== undefined && value % divisor === remainder;
    return decide.call(this, result, options);
  });
  define('ifContainsStr', function (args, options) {
    // "If the field is empty or missing, the template fails and the message will not be sent" ([S35]).
    if (isMissing(args[0]) || args[0] === '') throw new SendSkipped('ifContainsStr on an empty or missing field: Iterable fails the template and skips the send for this user.');
    return decide.call(this, text(args[0]).includes(text(args[1])), options);
  });
  define('ifMatchesRegexStr', function (args, options) {
    let pattern: RegExp;
    try {
      // Java's String.matches: the whole value must match.
      pattern = new RegExp(`^(?:${text(args[1])})$`, 'u');
    } catch (error) {
      throw new RenderFailure(`ifMatchesRegexStr: invalid regular expression ${JSON.stringify(text(args[1]))} (${(error as Error).message}).`);
    }
    return decide.call(this, !isMissing(args[0]) && pattern.test(text(args[0])), options);
  });
  define('ifContains', function (args, options) {
    const [list, value] = args;
    const result = Array.isArray(list) ? list.some((item) => equals(item, value)) : typeof list === 'string' ? list.includes(text(value)) : false;
    return decide.call(this, result, options);
  });
  define('and', function (args, options) {
    return decide.call(this, args.length > 0 && args.every((v) => !isFalsy(v)), options);
  });
  define('or', function (args, options) {
    return decide.call(this, args.some((v) => !isFalsy(v)), options);
  });
  define('not', function (args, options) {
    return decide.call(this, isFalsy(args[0]), options);
  });
  define('sendSkip', (_args, options) => {
    const cause = options.hash.cause;
    throw new SendSkipped(`sendSkip: the template skips this send${isMissing(cause) ? '' : ` (${text(cause)})`}.`);
  });

  // Strings: a missing value renders blank.
  define('defaultIfEmpty', (args) => (isFalsy(args[0]) ? args[1] : args[0]));
  define('upper', (args) => text(args[0]).toUpperCase());
  define('lower', (args) => text(args[0]).toLowerCase());
  define('capitalizeFirst', (args) => {
    const value = text(args[0]);
    return value.charAt(0).toUpperCase() + value.slice(1);
  });
  define('capitalize', (args, options) => {
    const value = options.hash.fully === true ? text(args[0]).toLowerCase() : text(args[0]);
    return value.replace(/(^|\s)(\S)/g, (_m, space: string, letter: string) => space + letter.toUpperCase());
  });
  define('replace', (args) => text(args[0]).split(text(args[1])).join(text(args[2])));
  define('cut', (args) => {
    const remove = args.length > 1 ? text(args[1]) : ' ';
    return remove === '' ? text(args[0]) : text(args[0]).split(remove).join('');
  });
  define('substring', (args) => {
    const value = text(args[0]);
    const start = toNumber(args[1]) ?? 0;
    const end = toNumber(args[2]);
    return value.substring(start, end ?? value.length);
  });
  define('abbreviate', (args) => {
    const value = text(args[0]);
    const width = toNumber(args[1]);
    if (width === undefined || value.length <= width) return value;
    // Commons Lang's abbreviate: the ellipsis counts towards the width, which is at least 4.
    return `${value.slice(0, Math.max(width, 4) - 3)}...`;
  });
  define('slugify', (args) =>
    text(args[0])
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .trim()
      .replace(/[^a-z0-9\s-]/g, '')
      .replace(/[\s-]+/g, '-')
      .replace(/^-+|-+$/g, ''),
  );
  define('length', (args) => {
    const value = args[0];
    if (Array.isArray(value) || typeof value === 'string') return value.length;
    if (value && typeof value === 'object') return Object.keys(value).length;
    return 0;
  });
  define('join', (args, options) => {
    // `{{join list ', '}}`, or `{{join a b c ', '}}` (the last argument separates).
    const [items, separator] = Array.isArray(args[0]) ? [args[0] as unknown[], args.length > 1 ? text(args[1]) : ','] : [args.slice(0, -1), text(args[args.length - 1])];
    const prefix = text(options.hash.prefix);
    const suffix = text(options.hash.suffix);
    return prefix + items.filter((item) => !isMissing(item)).map(text).join(separator) + suffix;
  });
  define('breaklines', function (args, options) {
    const value = options.fn ? options.fn(this) : text(args[0]);
    return new hb.SafeString(hb.escapeExpression(value).replace(/\r?\n/g, '<br>'));
  });

  // Encoding. toJson is JSON, not HTML: it is written as is, even inside {{ }} ([S40]).
  define('toJson', (args) => new hb.SafeString(JSON.stringify(args[0] ?? null) ?? 'null'));
  define('toUrlEncodedJson', (args) => urlEncode(JSON.stringify(args[0] ?? null) ?? 'null'));
  define('urlEncode', function (args, options) {
    return urlEncode(options.fn ? options.fn(this) : text(args[0]));
  });
  define('base64', function (args, options) {
    return Buffer.from(options.fn ? options.fn(this) : text(args[0]), 'utf8').toString('base64');
  });
  define('hexEncode', (args) => Buffer.from(text(args[0]), 'utf8').toString('hex'));
  for (const [name, algorithm] of [
    ['md5', 'md5'],
    ['sha1', 'sha1'],
    ['sha256', 'sha256'],
  ] as const) {
    define(name, function (args, options) {
      return createHash(algorithm)
        .update(options.fn ? options.fn(this) : text(args[0]))
        .digest('hex');
    });
  }
  define('hmacSHA1', (args) => createHmac('sha1', text(args[1])).update(text(args[0])).digest('hex'));
  define('hmacSHA256', (args) => createHmac('sha256', text(args[1])).update(text(args[0])).digest('hex'));

  // Numbers and dates (UTC unless `tz=` names an IANA zone).
  define('math', (args) => {
    const [a, operator, b] = [toNumber(args[0]), text(args[1]), toNumber(args[2])];
    if (a === undefined || b === undefined) return '';
    const result = operator === '+' ? a + b : operator === '-' ? a - b : operator === '*' ? a * b : operator === '/' ? a / b : operator === '%' ? a % b : undefined;
    if (result === undefined) throw new RenderFailure(`math: unknown operator ${JSON.stringify(operator)} (use +, -, *, / or %).`);
    return Number.isFinite(result) ? String(result) : '';
  });
  const now = (options: Options) => options.data?.regalNow ?? new Date();
  define('now', (args, options) => formatDate(now(options), args.length > 0 ? text(args[0]) : text(options.hash.format) || undefined, text(options.hash.tz) || undefined));
  define('timestamp', (args, options) => {
    const date = args.length > 0 ? parseDate(args[0]) : now(options);
    return date ? String(date.getTime()) : '';
  });
  define('dateFormat', (args, options) => {
    if (isMissing(args[0]) || args[0] === '') return '';
    const date = parseDate(args[0]);
    if (!date) throw new RenderFailure(`dateFormat: ${JSON.stringify(args[0])} is not a date (use 2024-01-31, 2024-01-31 18:53:45 +00:00, ISO 8601 or epoch milliseconds).`);
    const format = args.length > 1 ? text(args[1]) : text(options.hash.format) || undefined;
    return formatDate(date, format, text(options.hash.tz) || undefined);
  });

  // Iterable helpers that need Iterable's own data or state: the preview says so instead of guessing.
  for (const name of ['catalog', 'snippet', 'assign', 'sortBy', 'groupBy', 'minInList', 'maxInList', 'dateMath', 'numberFormat', 'center']) {
    define(name, () => {
      throw new RenderFailure(`The preview cannot render Iterable's "${name}" helper; Iterable itself can. Render the payload without it to preview the rest.`);
    });
  }
  return hb;
}

/** Java's URLEncoder: spaces become `+`, and only letters, digits and `.-*_` stay as they are. */
function urlEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}
