/**
 * "Did you mean": `unknown-property` renames the key to each suggestion the finding carries;
 * `unknown-merge-field` renames the field inside its mustache, leaving the rest of the expression
 * (helpers, arguments, `~`) as written.
 */
import type { FindingOf } from '../diagnosticCodes';
import type { CodeAction } from 'vscode-languageserver-types';
import { lastStartingBefore } from '../template/mustacheLookup';
import { code, quickFix, replace, stringData, stringListData, type FixContext } from './fixContext';

export function unknownPropertyFixes(context: FixContext<FindingOf<'unknown-property'>>): CodeAction[] {
  const { finding, text } = context;
  const written = text.slice(finding.start, finding.end);
  if (!written.startsWith('"') || !written.endsWith('"') || written.length < 2) return [];
  return stringListData(finding, 'suggestions').map((suggestion, i) =>
    quickFix(`Rename to ${code(suggestion)}`, context, [context.diagnostic], [replace(finding.start, finding.end, JSON.stringify(suggestion))], i === 0),
  );
}

export function unknownMergeFieldFixes(context: FixContext<FindingOf<'unknown-merge-field'>>): CodeAction[] {
  const { finding, analysis } = context;
  const field = stringData(finding, 'field');
  if (!field) return [];
  // The field's spans inside the finding's range (the whole mustache or just the path). Mustaches
  // are sorted and never overlap: the ones in range end at the last one starting before its end
  // (a file with thousands of unknown fields must not scan every mustache for each).
  const { mustaches } = analysis.template;
  const spans: Array<{ start: number; end: number }> = [];
  for (let i = lastStartingBefore(mustaches, finding.end); i >= 0 && mustaches[i].end > finding.start; i--) {
    for (const f of analysis.template.expressionAt(i)?.fields ?? []) if (f.name === field && f.end > finding.start && f.start < finding.end) spans.unshift(f);
  }
  if (spans.length === 0) return [];
  const { text } = context;
  return stringListData(finding, 'suggestions').map((suggestion, i) =>
    quickFix(
      `Rename the merge field to ${code(suggestion)}`,
      context,
      [context.diagnostic],
      spans.map((s) => replace(s.start, s.end, asPath(suggestion, gluedBefore(text, s.start), gluedAfter(text, s.end)))),
      i === 0,
    ),
  );
}

/**
 * A field name as a Handlebars path: segments that are not plain identifiers go in brackets, and so
 * do the first or last one when a token is written right against the field (`[First Name]1e999`
 * is two tokens; `firstName1e999` would be one).
 */
function asPath(name: string, bracketFirst: boolean, bracketLast: boolean): string {
  const segments = name.split('.');
  return segments
    .map((segment, i) => {
      const plain = /^[A-Za-z_$][\w$-]*$/.test(segment) && !(i === 0 && bracketFirst) && !(i === segments.length - 1 && bracketLast);
      return plain ? segment : `[${segment}]`;
    })
    .join('.');
}

/** What may follow a path in a mustache without joining it: space, `}`, `~`, `)`, `=`, `|`. */
const gluedAfter = (text: string, at: number) => at < text.length && !/[\s}~)=|]/.test(text[at]);
/** What may precede one: space, `{`, `~`, `(`, a sigil, `=`, `|`. */
const gluedBefore = (text: string, at: number) => at > 0 && !/[\s{~(#/^>=|&]/.test(text[at - 1]);
