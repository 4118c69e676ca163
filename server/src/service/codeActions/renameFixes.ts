/**
 * "Did you mean": `unknown-property` renames the key to each suggestion the finding carries;
 * `unknown-merge-field` renames the field inside its mustache, leaving the rest of the expression
 * (helpers, arguments, `~`) as written.
 */
import type { CodeAction } from 'vscode-languageserver-types';
import { code, quickFix, replace, stringData, stringListData, type FixContext } from './fixContext';

export function unknownPropertyFixes(context: FixContext): CodeAction[] {
  const { finding, text } = context;
  const written = text.slice(finding.start, finding.end);
  if (!written.startsWith('"') || !written.endsWith('"') || written.length < 2) return [];
  return stringListData(finding, 'suggestions').map((suggestion, i) =>
    quickFix(`Rename to ${code(suggestion)}`, context, [context.diagnostic], [replace(finding.start, finding.end, JSON.stringify(suggestion))], i === 0),
  );
}

export function unknownMergeFieldFixes(context: FixContext): CodeAction[] {
  const { finding, analysis } = context;
  const field = stringData(finding, 'field');
  if (!field) return [];
  // The field's spans inside the finding's range (the whole mustache or just the path).
  const spans = analysis.template.mustaches.flatMap((m, i) => {
    if (m.end <= finding.start || m.start >= finding.end) return [];
    return (analysis.template.expressions[i]?.fields ?? []).filter((f) => f.name === field && f.end > finding.start && f.start < finding.end);
  });
  if (spans.length === 0) return [];
  return stringListData(finding, 'suggestions').map((suggestion, i) =>
    quickFix(
      `Rename the merge field to ${code(suggestion)}`,
      context,
      [context.diagnostic],
      spans.map((s) => replace(s.start, s.end, asPath(suggestion))),
      i === 0,
    ),
  );
}

/** A field name as a Handlebars path: segments that are not plain identifiers go in brackets. */
function asPath(name: string): string {
  return name
    .split('.')
    .map((segment) => (/^[A-Za-z_$][\w$-]*$/.test(segment) ? segment : `[${segment}]`))
    .join('.');
}
