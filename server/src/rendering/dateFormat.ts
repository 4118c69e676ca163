/**
 * Dates for `now`, `timestamp`, `dateFormat` and `dateMath`. Iterable stores dates as
 * `2016-08-02 18:53:45 +00:00` (docs/iterable.md §2.3, [S36]) and formats them with Java's
 * SimpleDateFormat (docs/iterable.md §2.5): every pattern letter of it is written here, with the
 * locale data of Java 17 (javaDateLocales.json, printed by test/fixtures/java/DateLocales.java).
 * Without a pattern a date is written in the `medium` style, as Iterable documents; without `tz=` in UTC.
 * test/unit/dateFormat.test.ts compares every case Java printed (test/fixtures/iterable-date-formats.json).
 */
import javaDateLocales from './javaDateLocales.json';

/** The style a date takes when no format is given (Iterable's Date and Time Helpers article). */
export const DEFAULT_DATE_STYLE = 'medium';

interface LocaleData {
  styles: Record<'full' | 'long' | 'medium' | 'short', string>;
  months: string[];
  shortMonths: string[];
  weekdays: string[];
  shortWeekdays: string[];
  amPm: string[];
}

const LOCALES = javaDateLocales as Record<string, LocaleData>;
const US = LOCALES.en_US as LocaleData;

/** `es_ES`, `es-ES` or `es` → Java's data for it (en_US for a locale it does not have). */
export function localeData(locale: string | undefined): LocaleData {
  if (!locale) return US;
  const normalised = locale.replace('-', '_');
  return LOCALES[normalised] ?? Object.entries(LOCALES).find(([name]) => name.split('_')[0] === normalised.split('_')[0])?.[1] ?? US;
}

/** A date from a sample value, or undefined when it is not one. */
export function parseDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === 'number') return Number.isFinite(value) ? new Date(value) : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d{10,}$/.test(trimmed)) return new Date(Number(trimmed));
  // Iterable's `2016-08-02 18:53:45 +00:00` → ISO `2016-08-02T18:53:45+00:00`; no offset is UTC.
  const iterable = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) ?([+-]\d{2}:?\d{2}|Z)?$/.exec(trimmed);
  const iso = iterable
    ? `${iterable[1]}T${iterable[2]}${normaliseOffset(iterable[3])}`
    : /^\d{4}-\d{2}-\d{2}$/.test(trimmed)
      ? `${trimmed}T00:00:00Z`
      : trimmed;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : new Date(time);
}

function normaliseOffset(offset: string | undefined): string {
  if (!offset) return 'Z';
  if (offset === 'Z' || offset.includes(':')) return offset;
  return `${offset.slice(0, 3)}:${offset.slice(3)}`;
}

export interface Parts {
  year: number;
  month: number; // 0-based
  day: number;
  weekday: number; // 0 = Sunday
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  offsetMinutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timeZone: string, timeZoneName?: 'short' | 'long'): Intl.DateTimeFormat {
  const key = `${timeZone}|${timeZoneName ?? ''}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        ...(timeZoneName ? { timeZoneName } : {}),
      });
    } catch {
      throw new Error(`unknown time zone ${JSON.stringify(timeZone)} (use an IANA name such as America/New_York).`);
    }
    if (formatters.size > 100) formatters.clear();
    formatters.set(key, formatter);
  }
  return formatter;
}

const isUtc = (timeZone: string | undefined) => !timeZone || /^(UTC|GMT|Z)$/i.test(timeZone);

/** The wall-clock fields of `date` in `timeZone` (an IANA name; UTC when absent). */
export function partsIn(date: Date, timeZone: string | undefined): Parts {
  let offsetMinutes = 0;
  if (!isUtc(timeZone)) {
    const parts = zoneFormatter(timeZone as string).formatToParts(date);
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    offsetMinutes = Math.round((local - (date.getTime() - date.getUTCMilliseconds())) / 60_000);
  }
  const shifted = new Date(date.getTime() + offsetMinutes * 60_000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth(),
    day: shifted.getUTCDate(),
    weekday: shifted.getUTCDay(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    millisecond: shifted.getUTCMilliseconds(),
    offsetMinutes,
  };
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

function zoneOffset(offsetMinutes: number, colon: boolean): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60), 2)}${colon ? ':' : ''}${pad(abs % 60, 2)}`;
}

/** Java's ISO 8601 zone (`X`): `Z` for UTC, else `-05`, `-0500` or `-05:00`. */
function isoZone(offsetMinutes: number, count: number): string {
  if (offsetMinutes === 0) return 'Z';
  const full = zoneOffset(offsetMinutes, count >= 3);
  return count === 1 ? full.slice(0, 3) : full;
}

/** Java's zone names (`z`): Intl has them, but writes `GMT+5:30` where Java has `IST`. */
const SHORT_ZONE_NAMES: Record<string, string> = { 'Asia/Kolkata': 'IST', 'Asia/Calcutta': 'IST' };

function zoneName(date: Date, timeZone: string | undefined, long: boolean): string {
  if (isUtc(timeZone)) return long ? 'Coordinated Universal Time' : 'UTC';
  if (!long && SHORT_ZONE_NAMES[timeZone as string]) return SHORT_ZONE_NAMES[timeZone as string] as string;
  return (
    zoneFormatter(timeZone as string, long ? 'long' : 'short')
      .formatToParts(date)
      .find((p) => p.type === 'timeZoneName')?.value ?? (timeZone as string)
  );
}

const DAY_MS = 86_400_000;
const dayOfYear = (p: Parts) => Math.round((Date.UTC(p.year, p.month, p.day) - Date.UTC(p.year, 0, 1)) / DAY_MS) + 1;

/** Week of year and week-based year as Java's US calendar counts them (weeks start Sunday; week 1 holds January 1). */
function usWeek(p: Parts): { week: number; weekYear: number } {
  const today = Date.UTC(p.year, p.month, p.day);
  const startOfWeek = today - p.weekday * DAY_MS;
  const endOfWeek = startOfWeek + 6 * DAY_MS;
  // The week holding January 1 of the next year is that year's week 1.
  if (new Date(endOfWeek).getUTCFullYear() > p.year) return { week: 1, weekYear: p.year + 1 };
  const jan1 = Date.UTC(p.year, 0, 1);
  const firstWeekStart = jan1 - new Date(jan1).getUTCDay() * DAY_MS;
  return { week: Math.floor((startOfWeek - firstWeekStart) / (7 * DAY_MS)) + 1, weekYear: p.year };
}

function text(names: string[], index: number): string {
  return names[index] ?? '';
}

function field(letter: string, count: number, p: Parts, date: Date, timeZone: string | undefined, locale: LocaleData): string {
  switch (letter) {
    case 'G':
      return p.year > 0 ? 'AD' : 'BC';
    case 'y':
      return count === 2 ? pad(p.year % 100, 2) : pad(p.year, count);
    case 'Y': {
      const { weekYear } = usWeek(p);
      return count === 2 ? pad(weekYear % 100, 2) : pad(weekYear, count);
    }
    case 'M':
    case 'L':
      return count >= 4 ? text(locale.months, p.month) : count === 3 ? text(locale.shortMonths, p.month) : pad(p.month + 1, count);
    case 'w':
      return pad(usWeek(p).week, count);
    case 'W': {
      const firstWeekday = new Date(Date.UTC(p.year, p.month, 1)).getUTCDay();
      return pad(Math.floor((p.day - 1 + firstWeekday) / 7) + 1, count);
    }
    case 'D':
      return pad(dayOfYear(p), count);
    case 'd':
      return pad(p.day, count);
    case 'F':
      return pad(Math.floor((p.day - 1) / 7) + 1, count);
    case 'E':
      return count >= 4 ? text(locale.weekdays, p.weekday) : text(locale.shortWeekdays, p.weekday);
    case 'u':
      return pad(p.weekday === 0 ? 7 : p.weekday, count);
    case 'a':
      return text(locale.amPm, p.hour < 12 ? 0 : 1);
    case 'H':
      return pad(p.hour, count);
    case 'k':
      return pad(p.hour === 0 ? 24 : p.hour, count);
    case 'K':
      return pad(p.hour % 12, count);
    case 'h':
      return pad(p.hour % 12 === 0 ? 12 : p.hour % 12, count);
    case 'm':
      return pad(p.minute, count);
    case 's':
      return pad(p.second, count);
    case 'S':
      return pad(p.millisecond, count);
    case 'z':
      return zoneName(date, timeZone, count >= 4);
    case 'Z':
      return zoneOffset(p.offsetMinutes, false);
    case 'X':
      return isoZone(p.offsetMinutes, count);
    default:
      throw new Error(`the pattern letter "${letter}" is not a SimpleDateFormat letter (quote literal text: 'at').`);
  }
}

/**
 * Formats `date` with a SimpleDateFormat pattern or a style name (`full`, `long`, `medium`, `short`),
 * in `timeZone` (IANA; UTC by default) and `locale` (`en_US` by default).
 */
export function formatDate(date: Date, pattern: string = DEFAULT_DATE_STYLE, timeZone?: string, locale?: string): string {
  const data = localeData(locale);
  const parts = partsIn(date, timeZone);
  const source = (data.styles as Record<string, string>)[pattern] ?? pattern;
  let out = '';
  for (let i = 0; i < source.length;) {
    const c = source[i] as string;
    if (c === "'") {
      const end = source.indexOf("'", i + 1);
      const literal = end < 0 ? source.slice(i + 1) : source.slice(i + 1, end);
      out += literal === '' ? "'" : literal;
      i = end < 0 ? source.length : end + 1;
    } else if (/[A-Za-z]/.test(c)) {
      let count = 1;
      while (source[i + count] === c) count++;
      out += field(c, count, parts, date, timeZone, data);
      i += count;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
