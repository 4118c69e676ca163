/** String helpers (docs/iterable.md §2.5); a missing value renders blank. */
import type { HelperName } from '../../service/iterable/iterableHelpers';
import { contentOf, isMissing, text, toNumber, type HelperImplementation } from './runtime';

export const strings = {
  // Only null, undefined and "" fall back: `false`, `0` and `[]` are written as they are ([S33], §5.2).
  defaultIfEmpty: (args) => (isMissing(args[0]) || args[0] === '' ? args[1] : args[0]),
  upper: (args) => text(args[0]).toUpperCase(),
  lower: (args) => text(args[0]).toLowerCase(),
  capitalizeFirst(args) {
    const value = text(args[0]);
    return value.charAt(0).toUpperCase() + value.slice(1);
  },
  capitalize(args, options) {
    const value = options.hash.fully === true ? text(args[0]).toLowerCase() : text(args[0]);
    return value.replace(/(^|\s)(\S)/g, (_m, space: string, letter: string) => space + letter.toUpperCase());
  },
  // Commons Lang's replace: an empty search text leaves the text as it is.
  replace: (args) => (text(args[1]) === '' ? text(args[0]) : text(args[0]).split(text(args[1])).join(text(args[2]))),
  cut(args) {
    const remove = args.length > 1 ? text(args[1]) : ' ';
    return remove === '' ? text(args[0]) : text(args[0]).split(remove).join('');
  },
  substring(args) {
    const value = text(args[0]);
    const start = toNumber(args[1]) ?? 0;
    const end = toNumber(args[2]);
    return value.substring(start, end ?? value.length);
  },
  abbreviate(args) {
    const value = text(args[0]);
    const width = toNumber(args[1]);
    if (width === undefined || value.length <= width) return value;
    // Commons Lang's abbreviate: the ellipsis counts towards the width, which is at least 4.
    return `${value.slice(0, Math.max(width, 4) - 3)}...`;
  },
  slugify: (args) =>
    // Iterable's example drops digits too: "2nd annual" → "nd-annual" ([S33]).
    text(args[0])
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z\s-]/g, '')
      .trim()
      .replace(/[\s-]+/g, '-')
      .replace(/^-+|-+$/g, ''),
  center(args, options) {
    // Commons Lang's center: the extra pad character, when the padding is odd, goes on the right ([S33]).
    const value = text(args[0]);
    const size = Math.min(toNumber(options.hash.size) ?? value.length, 100_000);
    const padding = text(options.hash.pad) || ' ';
    if (size <= value.length) return value;
    const left = Math.floor((size - value.length) / 2);
    const right = size - value.length - left;
    return padding.repeat(left).slice(0, left) + value + padding.repeat(right).slice(0, right);
  },
  breaklines(args, options, hb) {
    return new hb.SafeString(hb.escapeExpression(contentOf(this, args, options)).replace(/\r?\n/g, '<br>'));
  },
} satisfies Partial<Record<HelperName, HelperImplementation>>;
