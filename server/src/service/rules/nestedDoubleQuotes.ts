/**
 * `nested-double-quotes`: a mustache inside a JSON string that writes its string literals with
 * double quotes (`"{{defaultIfEmpty leadSource "web"}}"`). Iterable calls double quotes nested in a
 * JSON value invalid (docs/iterable.md §2.2, §5.2): the body is not JSON as written. Handlebars reads
 * single quotes the same way, so the fix swaps them when no single quote is inside.
 */
import { nestedDoubleQuotesFix } from '../codeActions/helperFixes';
import type { Mustache } from '../template/mustacheScanner';
import type { TemplateProblem } from '../template/templateModel';
import { plain } from '../util/plainText';
import type { RuleDefinition } from './ruleDefinition';

export type NestedDoubleQuotesData = { contentStart?: number; contentEnd?: number; replacement?: string };

export const nestedDoubleQuotes: RuleDefinition<'nested-double-quotes', NestedDoubleQuotesData> = {
  code: 'nested-double-quotes',
  severity: 'error',
  stage: 'template',
  meaning: 'Double quotes inside a `{{ }}` that sits in a JSON string: Iterable calls this invalid, and the body is not JSON as written. Use single quotes.',
  example: '`"source": "{{defaultIfEmpty leadSource "web"}}"`',
  fixes: (context) => nestedDoubleQuotesFix(context),
};

export function nestedDoubleQuotesProblem(text: string, m: Mustache): TemplateProblem | undefined {
  if (!m.inString || m.inComment || m.kind === 'comment') return undefined;
  // Runs on every mustache in a string: look for a quote before reading anything else.
  const quote = text.indexOf('"', m.contentStart);
  if (quote < 0 || quote >= m.contentEnd) return undefined;
  const content = text.slice(m.contentStart, m.contentEnd);
  const first = quote - m.contentStart;
  const last = content.lastIndexOf('"');
  // `\"` is a JSON escape, which Handlebars reads before JSON does: the backslash goes too.
  const replacement = content.includes("'") ? undefined : content.replace(/\\?"/g, "'");
  const start = m.contentStart + (first > 0 && content[first - 1] === '\\' ? first - 1 : first);
  return {
    code: 'nested-double-quotes',
    start,
    end: m.contentStart + last + 1,
    message:
      'Double quotes inside {{ }} in a JSON string: use single quotes for the Handlebars string. The double quotes end the JSON string, so the body is not valid JSON.' +
      (replacement ? ` Write ${plain(text.slice(m.start, m.contentStart) + replacement + text.slice(m.contentEnd, m.end))}.` : ''),
    data: replacement ? { contentStart: m.contentStart, contentEnd: m.contentEnd, replacement } : {},
  };
}
