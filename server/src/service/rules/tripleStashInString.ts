/**
 * `triple-stash-in-string`: `"{{{bio}}}"` writes the field raw inside a JSON string, so a value with a
 * `"`, a backslash or a line break ends the string early and the body is no longer JSON. `{{bio}}`
 * HTML-escapes quotes (docs/iterable.md §2.2); for free text, send `{{toJson bio}}` unquoted.
 * Helpers whose output is never user text (numbers, booleans, nothing) and snippets, which Iterable
 * documents with `{{{ }}}`, are left alone.
 */
import { iterableHelpers } from '../iterable/iterableHelpers';
import type { ExpressionAnalysis } from '../template/expressionAnalyzer';
import type { Mustache } from '../template/mustacheScanner';
import type { TemplateProblem } from '../template/templateModel';
import { plain } from '../util/plainText';
import type { RuleDefinition } from './ruleDefinition';

export const tripleStashInString: RuleDefinition<'triple-stash-in-string'> = {
  code: 'triple-stash-in-string',
  severity: 'warning',
  stage: 'template',
  meaning: 'A raw `{{{ }}}` inside a JSON string: a value holding `"`, a backslash or a line break breaks the JSON.',
  example: '`"bio": "{{{bio}}}"`',
};

const SAFE_OUTPUTS = new Set(['number', 'boolean', 'nothing']);

export function tripleStashInStringProblem(text: string, m: Mustache, analysis: ExpressionAnalysis): TemplateProblem | undefined {
  if (m.kind !== 'unescaped' || !m.inString || m.inComment) return undefined;
  const head = analysis.head;
  const helper = head?.isHelper ? iterableHelpers.get(head.name) : undefined;
  if (helper && (SAFE_OUTPUTS.has(helper.renders) || helper.name === 'snippet')) return undefined;
  const written = text.slice(m.start, m.end);
  const inner = text.slice(m.contentStart, m.contentEnd).trim();
  return {
    code: 'triple-stash-in-string',
    start: m.start,
    end: m.end,
    message:
      'Raw {{{ }}} inside a JSON string: use {{ }}, or {{toJson}} without the surrounding quotes. ' +
      `${plain(written)} writes the value raw, so a double quote, a backslash or a line break in it breaks the JSON. Write {{${plain(inner)}}} (quotes become &quot;) or {{toJson ${plain(inner)}}} unquoted.`,
  };
}
