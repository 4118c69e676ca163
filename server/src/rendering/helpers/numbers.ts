/**
 * Number helpers (docs/iterable.md §2.5): `math`, and `numberFormat` as Java's NumberFormat writes
 * numbers (a DecimalFormat pattern, or `currency`, `percent`, `integer`; rounding half-even by default).
 */
import type { HelperName } from '../../service/iterable/iterableHelpers';
import { RenderFailure, text, toNumber, type HelperImplementation } from './runtime';

/** Intl's rounding modes (ES2023; Node 20 has them, TypeScript's ES2022 lib does not list them yet). */
type RoundingMode = 'expand' | 'trunc' | 'ceil' | 'floor' | 'halfExpand' | 'halfTrunc' | 'halfEven';

/** Java's rounding modes by their Iterable names, as Intl calls them. */
const ROUNDING: Record<string, RoundingMode> = {
  up: 'expand',
  down: 'trunc',
  ceiling: 'ceil',
  floor: 'floor',
  half_up: 'halfExpand',
  half_down: 'halfTrunc',
  half_even: 'halfEven',
};

/** The currency of a locale's country, for `'currency'` (Java takes it from the locale). */
const CURRENCIES: Record<string, string> = { US: 'USD', GB: 'GBP', CA: 'CAD', AU: 'AUD', BR: 'BRL', MX: 'MXN', JP: 'JPY', IN: 'INR', CH: 'CHF' };
const EURO_COUNTRIES = new Set(['DE', 'ES', 'FR', 'IT', 'NL', 'PT', 'IE', 'AT', 'BE', 'FI', 'GR', 'LU']);

function currencyOf(locale: string): string {
  const country = locale.split('-')[1]?.toUpperCase() ?? 'US';
  return CURRENCIES[country] ?? (EURO_COUNTRIES.has(country) ? 'EUR' : 'USD');
}

/** A DecimalFormat pattern (`#,##0.00`, `0.00`, `,000.00`, `0%`) as Intl options plus its literal prefix and suffix. */
function patternOptions(pattern: string): { options: Intl.NumberFormatOptions; prefix: string; suffix: string; percent: boolean } {
  const number = /[#0,.]+/.exec(pattern);
  if (!number)
    throw new RenderFailure(
      `numberFormat: ${JSON.stringify(pattern)} is not a number format (use 'currency', 'percent', 'integer' or a pattern such as '#,##0.00').`,
    );
  const [integer = '', fraction = ''] = number[0].split('.');
  const percent = pattern.includes('%');
  return {
    options: {
      useGrouping: integer.includes(','),
      minimumIntegerDigits: Math.max(1, (integer.match(/0/g) ?? []).length),
      minimumFractionDigits: (fraction.match(/0/g) ?? []).length,
      maximumFractionDigits: (fraction.match(/[0#]/g) ?? []).length,
    },
    prefix: pattern.slice(0, number.index).replace(/['%]/g, ''),
    suffix: pattern.slice(number.index + number[0].length).replace(/'/g, ''),
    percent,
  };
}

function formatNumber(value: number, format: string, localeName: string, hash: Record<string, unknown>): string {
  const locale = localeName.replace('_', '-') || 'en-US';
  let options: Intl.NumberFormatOptions = { maximumFractionDigits: 3 };
  let prefix = '';
  let suffix = '';
  let scaled = value;
  if (format === 'currency') options = { style: 'currency', currency: currencyOf(locale) };
  else if (format === 'percent') options = { style: 'percent', maximumFractionDigits: 0 };
  else if (format === 'integer') options = { maximumFractionDigits: 0 };
  else if (format !== '') {
    const parsed = patternOptions(format);
    ({ options, prefix, suffix } = parsed);
    if (parsed.percent) scaled = value * 100;
    suffix = parsed.percent ? `${suffix}%` : suffix;
  }
  const max = toNumber(hash.maximumFractionDigits);
  const min = toNumber(hash.minimumFractionDigits);
  if (max !== undefined) options.maximumFractionDigits = Math.min(Math.max(max, 0), 100);
  if (min !== undefined) options.minimumFractionDigits = Math.min(Math.max(min, 0), 100);
  if ((options.minimumFractionDigits ?? 0) > (options.maximumFractionDigits ?? 3)) options.maximumFractionDigits = options.minimumFractionDigits;
  if (hash.groupingUsed !== undefined) options.useGrouping = hash.groupingUsed === true || hash.groupingUsed === 'true';
  const rounding = hash.roundingMode === undefined ? 'half_even' : text(hash.roundingMode).toLowerCase();
  const roundingMode = ROUNDING[rounding];
  if (!roundingMode) throw new RenderFailure(`numberFormat: unknown roundingMode ${JSON.stringify(rounding)} (use ${Object.keys(ROUNDING).join(', ')}).`);
  try {
    return prefix + new Intl.NumberFormat(locale, { ...options, roundingMode } as Intl.NumberFormatOptions).format(scaled) + suffix;
  } catch (error) {
    throw new RenderFailure(`numberFormat: ${(error as Error).message}`);
  }
}

export const numbers = {
  math(args) {
    const [a, operator, b] = [toNumber(args[0]), text(args[1]), toNumber(args[2])];
    if (a === undefined || b === undefined) return '';
    const result =
      operator === '+' ? a + b : operator === '-' ? a - b : operator === '*' ? a * b : operator === '/' ? a / b : operator === '%' ? a % b : undefined;
    if (result === undefined) throw new RenderFailure(`math: unknown operator ${JSON.stringify(operator)} (use +, -, *, / or %).`);
    return Number.isFinite(result) ? result : '';
  },
  numberFormat(args, options) {
    const value = toNumber(args[0]);
    if (value === undefined) return '';
    return formatNumber(value, text(args[1]), text(args[2] ?? options.hash.locale), options.hash);
  },
} satisfies Partial<Record<HelperName, HelperImplementation>>;
