/**
 * Date helpers (docs/iterable.md §2.5): `dateFormat`, `dateMath`, `now`, `timestamp`. Formats are
 * Java SimpleDateFormat patterns or styles (dateFormat.ts); the default is the `medium` style and UTC.
 */
import type { HelperName } from '../../service/iterable/iterableHelpers';
import { DEFAULT_DATE_STYLE, formatDate, parseDate } from '../dateFormat';
import { isMissing, RenderFailure, text, type HelperImplementation, type HelperOptions } from './runtime';

const nowOf = (options: HelperOptions) => options.data?.regalNow ?? new Date();

function dateArgument(value: unknown, options: HelperOptions, helper: string): Date | undefined {
  if (value === 'now') return nowOf(options);
  if (value === 'midnight') {
    const now = nowOf(options);
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  }
  const date = parseDate(value);
  if (!date)
    throw new RenderFailure(`${helper}: ${JSON.stringify(value)} is not a date (use 2024-01-31, 2024-01-31 18:53:45 +00:00, ISO 8601 or epoch milliseconds).`);
  return date;
}

/** `'+1y-1M+1w-1d+1h-1m+1s'`: each signed amount applied in turn, calendar units in UTC ([S33]). */
function addToDate(date: Date, expression: string): Date {
  const steps = [...expression.matchAll(/\s*([+-])\s*(\d{1,9})\s*([yMwdhHms])/g)];
  if (
    steps.length === 0 ||
    steps
      .map((s) => s[0])
      .join('')
      .replace(/\s/g, '') !== expression.replace(/\s/g, '')
  ) {
    throw new RenderFailure(`dateMath: ${JSON.stringify(expression)} is not a change such as '+1d', '-2h' or '+1M-1d' (units y M w d h m s).`);
  }
  const result = new Date(date.getTime());
  for (const [, sign, amount, unit] of steps) {
    const n = (sign === '-' ? -1 : 1) * Number(amount);
    if (unit === 'y') result.setUTCFullYear(result.getUTCFullYear() + n);
    else if (unit === 'M') result.setUTCMonth(result.getUTCMonth() + n);
    else if (unit === 'w') result.setUTCDate(result.getUTCDate() + 7 * n);
    else if (unit === 'd') result.setUTCDate(result.getUTCDate() + n);
    else if (unit === 'h' || unit === 'H') result.setTime(result.getTime() + n * 3_600_000);
    else if (unit === 'm') result.setTime(result.getTime() + n * 60_000);
    else result.setTime(result.getTime() + n * 1000);
  }
  if (Number.isNaN(result.getTime())) throw new RenderFailure(`dateMath: ${JSON.stringify(expression)} moves the date out of range.`);
  return result;
}

function format(date: Date, pattern: string, options: HelperOptions, locale?: unknown): string {
  // The medium style is documented; the zone without `tz=` is not: the preview names the assumption.
  if (!pattern || !options.hash.tz) options.data?.regalAssumptions?.add('now-format');
  try {
    return formatDate(date, pattern || DEFAULT_DATE_STYLE, text(options.hash.tz) || undefined, text(locale ?? options.hash.locale) || undefined);
  } catch (error) {
    throw new RenderFailure((error as Error).message);
  }
}

/** dateMath's `format=` is a Joda pattern: its `e` (ISO day of week) is SimpleDateFormat's `u`. */
const jodaToSimple = (pattern: string) => pattern.replace(/e+/g, 'u');

export const dates = {
  dateFormat(args, options) {
    if (isMissing(args[0]) || args[0] === '') return '';
    const date = dateArgument(args[0], options, 'dateFormat');
    return date ? format(date, text(args[1] ?? options.hash.format), options, args[2]) : '';
  },
  dateMath(args, options) {
    if (isMissing(args[0]) || args[0] === '') return '';
    const date = dateArgument(args[0], options, 'dateMath');
    return date ? format(addToDate(date, text(args[1])), jodaToSimple(text(options.hash.format)), options) : '';
  },
  now(args, options) {
    return format(nowOf(options), text(args[0] ?? options.hash.format), options);
  },
  timestamp(args, options) {
    const date = args.length > 0 ? parseDate(args[0]) : nowOf(options);
    return date ? date.getTime() : '';
  },
} satisfies Partial<Record<HelperName, HelperImplementation>>;
