/** Conditional and comparison helpers (docs/iterable.md §2.5). Skipping on a missing field is the registry's job (the model's `onMissing`). */
import { RE2JS } from 're2js';
import type { HelperName } from '../../service/iterable/iterableHelpers';
import { compare, containsPairs, decide, equals, isFalsy, isMissing, RenderFailure, SendSkipped, text, toNumber, type HelperImplementation } from './runtime';

const comparison = (test: (c: number) => boolean): HelperImplementation =>
  function (args, options) {
    return decide(this, !isMissing(args[0]) && !isMissing(args[1]) && test(compare(args[0], args[1])), options);
  };

/** Longest pattern the preview compiles: a regular expression in a webhook body is a few dozen characters. */
const MAX_PATTERN = 1000;

/**
 * Iterable matches with Java's regular expressions, on the whole value. The preview runs them on RE2
 * (re2js), whose time is linear in the input whatever the pattern: a pattern it cannot run
 * (backreferences, lookaround) is refused with a message, never run on a backtracking engine.
 */
function wholeMatch(pattern: string, value: string): boolean {
  if (pattern.length > MAX_PATTERN)
    throw new RenderFailure(`ifMatchesRegexStr: the pattern is longer than ${MAX_PATTERN} characters; the preview does not run it.`);
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(pattern);
  } catch (error) {
    throw new RenderFailure(
      `ifMatchesRegexStr: the preview cannot run the regular expression ${JSON.stringify(pattern)} (${(error as Error).message}). It runs patterns on RE2, which has no backreferences or lookaround; Iterable (Java) may accept it.`,
    );
  }
  return compiled.matches(value);
}

export const conditionals = {
  // if, unless, each and with are Handlebars' own (registered by the registry).
  ifEq(args, options) {
    return decide(this, equals(args[0], args[1]), options);
  },
  eq(args, options) {
    return decide(this, equals(args[0], args[1]), options);
  },
  neq(args, options) {
    return decide(this, !equals(args[0], args[1]), options);
  },
  gt: comparison((c) => c > 0),
  gte: comparison((c) => c >= 0),
  lt: comparison((c) => c < 0),
  lte: comparison((c) => c <= 0),
  ifGt: comparison((c) => c > 0),
  ifGte: comparison((c) => c >= 0),
  ifLt: comparison((c) => c < 0),
  ifLte: comparison((c) => c <= 0),
  ifModEq(args, options) {
    const [value, divisor, remainder] = args.map(toNumber);
    const result = value !== undefined && divisor !== undefined && divisor !== 0 && remainder !== undefined && value % divisor === remainder;
    return decide(this, result, options);
  },
  ifContainsStr(args, options) {
    // "If the field is empty or missing, the template fails and the message will not be sent" ([S35]).
    if (args[0] === '') throw new SendSkipped('ifContainsStr on an empty field: Iterable fails the template and skips the send for this user.');
    return decide(this, text(args[0]).includes(text(args[1])), options);
  },
  ifMatchesRegexStr(args, options) {
    return decide(this, !isMissing(args[0]) && wholeMatch(text(args[1]), text(args[0])), options);
  },
  ifContains(args, options) {
    const [list, wanted] = args;
    let subset: Record<string, unknown> | undefined;
    if (typeof wanted === 'string' && wanted.trim().startsWith('{')) {
      try {
        const parsed = JSON.parse(wanted) as unknown;
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) subset = parsed as Record<string, unknown>;
      } catch {
        // Not JSON: compared as text below.
      }
    }
    const matches = (item: unknown) => (subset ? containsPairs(item, subset) : equals(item, wanted));
    const result = Array.isArray(list) ? list.some(matches) : typeof list === 'string' ? list.includes(text(wanted)) : false;
    return decide(this, result, options);
  },
  and(args, options) {
    return decide(this, args.length > 0 && args.every((v) => !isFalsy(v)), options);
  },
  or(args, options) {
    return decide(
      this,
      args.some((v) => !isFalsy(v)),
      options,
    );
  },
  not(args, options) {
    return decide(this, isFalsy(args[0]), options);
  },
} satisfies Partial<Record<HelperName, HelperImplementation>>;
