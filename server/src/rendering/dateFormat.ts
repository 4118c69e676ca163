/**
 * Dates for `now`, `timestamp` and `dateFormat`. Iterable stores dates as `2016-08-02 18:53:45 +00:00`
 * (domain.md §2.3, [S36]) and formats them with Java's SimpleDateFormat patterns (handlebars.java's
 * dateFormat), so this reads that shape (plus ISO 8601 and epoch milliseconds) and writes the common
 * SimpleDateFormat letters: y M d E H h m s S a Z X and 'quoted text'; `full/long/medium/short` are the
 * US-English styles. Without a pattern, dates are written the way Iterable stores them.
 */

export const ITERABLE_DATE_FORMAT = 'yyyy-MM-dd HH:mm:ss XXX';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const STYLES: Record<string, string> = { full: 'EEEE, MMMM d, yyyy', long: 'MMMM d, yyyy', medium: 'MMM d, yyyy', short: 'M/d/yy' };

/** A date from a sample value, or undefined when it is not one. */
export function parseDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === 'number') return Number.isFinite(value) ? new Date(value) : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d{10,}$/.test(trimmed)) return new Date(Number(trimmed));
  // Iterable's `2016-08-02 18:53:45 +00:00` → ISO `2016-08-02T18:53:45+00:00`.
  const iterable = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) ?([+-]\d{2}:?\d{2}|Z)?$/.exec(trimmed);
  const iso = iterable ? `${iterable[1]}T${iterable[2]}${iterable[3] ?? 'Z'}` : /^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? `${trimmed}T00:00:00Z` : trimmed;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : new Date(time);
}

interface Parts {
  year: number;
  month: number; // 0-based
  day: number;
  weekday: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  offsetMinutes: number;
}

/** The wall-clock fields of `date` in `timeZone` (an IANA name; UTC when absent). */
function partsIn(date: Date, timeZone: string | undefined): Parts {
  let offsetMinutes = 0;
  if (timeZone && timeZone.toUpperCase() !== 'UTC') {
    let formatter: Intl.DateTimeFormat;
    try {
      formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    } catch {
      throw new Error(`unknown time zone ${JSON.stringify(timeZone)} (use an IANA name such as America/New_York).`);
    }
    const get = (type: string) => Number(formatter.formatToParts(date).find((p) => p.type === type)?.value);
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

function zone(offsetMinutes: number, colon: boolean, zForZero: boolean): string {
  if (offsetMinutes === 0 && zForZero) return 'Z';
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60), 2)}${colon ? ':' : ''}${pad(abs % 60, 2)}`;
}

function field(letter: string, count: number, p: Parts): string {
  switch (letter) {
    case 'y':
      return count === 2 ? pad(p.year % 100, 2) : pad(p.year, count);
    case 'M':
      return count >= 4 ? (MONTHS[p.month] ?? '') : count === 3 ? (MONTHS[p.month] ?? '').slice(0, 3) : pad(p.month + 1, count);
    case 'd':
      return pad(p.day, count);
    case 'E':
      return count >= 4 ? (DAYS[p.weekday] ?? '') : (DAYS[p.weekday] ?? '').slice(0, 3);
    case 'H':
      return pad(p.hour, count);
    case 'h':
      return pad(p.hour % 12 === 0 ? 12 : p.hour % 12, count);
    case 'm':
      return pad(p.minute, count);
    case 's':
      return pad(p.second, count);
    case 'S':
      return pad(p.millisecond, 3).slice(0, Math.max(count, 3));
    case 'a':
      return p.hour < 12 ? 'AM' : 'PM';
    case 'Z':
      return zone(p.offsetMinutes, false, false);
    case 'X':
      // Iterable writes `+00:00`, not Java's `Z`, for UTC.
      return zone(p.offsetMinutes, count >= 3, false);
    default:
      throw new Error(`the pattern letter "${letter}" is not supported here (use y M d E H h m s S a Z X).`);
  }
}

/** Formats `date` with a SimpleDateFormat pattern or style name (default: Iterable's stored format). */
export function formatDate(date: Date, pattern: string = ITERABLE_DATE_FORMAT, timeZone?: string): string {
  const parts = partsIn(date, timeZone);
  const source = STYLES[pattern] ?? pattern;
  let out = '';
  for (let i = 0; i < source.length; ) {
    const c = source[i] as string;
    if (c === "'") {
      const end = source.indexOf("'", i + 1);
      const literal = end < 0 ? source.slice(i + 1) : source.slice(i + 1, end);
      out += literal === '' ? "'" : literal;
      i = end < 0 ? source.length : end + 1;
    } else if (/[A-Za-z]/.test(c)) {
      let count = 1;
      while (source[i + count] === c) count++;
      out += field(c, count, parts);
      i += count;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
