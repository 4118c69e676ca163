/**
 * What every helper implementation receives and shares: Handlebars' options, the values Iterable's
 * helpers agree on (falsy, missing, text, numbers, equality), and the two ways a render stops early.
 * Semantics follow docs/iterable.md §2.2–2.5 (Iterable's helper articles; Iterable runs handlebars.java).
 */
import type HandlebarsNamespace from 'handlebars';
import type { AssumptionLog } from '../renderAssumptions';
import type { RenderBudget } from '../renderBudget';

export type Handlebars = typeof HandlebarsNamespace;

/** Handlebars' source location of the mustache that called a helper (1-based line, 0-based column). */
export type HelperLoc = { start: { line: number; column: number }; end: { line: number; column: number } };

export interface RenderData {
  regalNow?: Date;
  regalBudget?: RenderBudget;
  regalAssumptions?: AssumptionLog;
  root?: Record<string, unknown>;
}

export interface HelperOptions {
  name: string;
  hash: Record<string, unknown>;
  fn?: (context: unknown, options?: { data?: unknown; blockParams?: unknown[] }) => string;
  inverse?: (context: unknown, options?: { data?: unknown; blockParams?: unknown[] }) => string;
  data?: RenderData;
  loc?: HelperLoc;
}

/** One helper: `this` is the current context, `args` the positional arguments. */
export type HelperImplementation = (this: unknown, args: unknown[], options: HelperOptions, hb: Handlebars) => unknown;

/** Iterable would not send: the message says why. */
export class SendSkipped extends Error {
  constructor(
    message: string,
    public loc?: HelperLoc,
  ) {
    super(message);
  }
}

/** The template cannot be rendered (bad helper arguments, a refused regular expression, ...). */
export class RenderFailure extends Error {
  constructor(
    message: string,
    public loc?: HelperLoc,
  ) {
    super(message);
  }
}

export const isMissing = (value: unknown): value is null | undefined => value === undefined || value === null;

/** Iterable's falsy values: null (or missing), "", [], false and any zero ([S33]). */
export function isFalsy(value: unknown): boolean {
  return (
    isMissing(value) ||
    value === false ||
    value === '' ||
    value === 0 ||
    (typeof value === 'number' && Number.isNaN(value)) ||
    (Array.isArray(value) && value.length === 0)
  );
}

export const text = (value: unknown): string => (isMissing(value) ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));

export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** Numbers (or numeric strings) compare as numbers, anything else as text (case-sensitive, [S33]). */
export function compare(a: unknown, b: unknown): number {
  const x = toNumber(a);
  const y = toNumber(b);
  if (x !== undefined && y !== undefined) return x - y;
  const s = text(a);
  const t = text(b);
  return s < t ? -1 : s > t ? 1 : 0;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `eq`/`neq`: scalars by value (`"100"` equals `100`), lists item by item in order, objects by their pairs. */
export function equals(a: unknown, b: unknown): boolean {
  if (isMissing(a) || isMissing(b)) return isMissing(a) && isMissing(b);
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => equals(item, b[i]));
  if (isObject(a) || isObject(b)) {
    if (!isObject(a) || !isObject(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && equals(a[key], b[key]));
  }
  return compare(a, b) === 0;
}

/** The object holds every pair of `subset` (`#ifContains list '{"productName":"chips"}'`). */
export function containsPairs(item: unknown, subset: Record<string, unknown>): boolean {
  return isObject(item) && Object.entries(subset).every(([key, value]) => equals(item[key], value));
}

/** Block form renders a branch; inline (or subexpression) form returns `yes=`/`no=` (default true/false). */
export function decide(self: unknown, result: boolean, options: HelperOptions): unknown {
  if (options.fn) return result ? options.fn(self) : (options.inverse?.(self) ?? '');
  return result ? (options.hash.yes ?? true) : (options.hash.no ?? false);
}

/** The rendered branch of a block helper, or its first argument inline (`{{md5 x}}` / `{{#md5}}x{{/md5}}`). */
export function contentOf(self: unknown, args: unknown[], options: HelperOptions): string {
  return options.fn ? options.fn(self) : text(args[0]);
}

/** A dotted path (`a.b.c`) into a value. */
export function valueAt(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.split('.')) {
    if (!isObject(current) || !Object.hasOwn(current, part)) return undefined;
    current = current[part];
  }
  return current;
}
