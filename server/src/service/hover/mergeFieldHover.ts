/**
 * Hover on a merge field (`{{phoneNumber}}`, `{{#if voice_optin}}`): where the name comes from
 * (Iterable's standard fields, the user's catalog, other payload files, or nowhere), its type, an
 * example of what it renders, and what happens when a user does not have it.
 */
import { iterableStandardFields } from '../iterable/iterableFields';
import { closestMatches } from '../util/suggest';
import type { WorkspaceContext } from '../workspace/workspaceContext';
import { fileLabel } from '../workspace/fileLabel';
import { code, fileLink } from './markdown';
import { missingFieldNote, type FieldUse } from './missingField';

/** What a value of each Iterable field type looks like when rendered. */
const EXAMPLE_BY_TYPE: Readonly<Record<string, string>> = {
  string: 'text',
  boolean: 'true',
  long: '42',
  double: '4.2',
  date: '2016-08-02 18:53:45 +00:00',
};

export interface MergeFieldContext extends FieldUse {
  /** The innermost `{{#each}}` around the mustache, whose items the field may be read from. */
  loop?: string;
}

export function mergeFieldHover(context: MergeFieldContext, workspace: WorkspaceContext): string {
  const name = context.field;
  // `{{profile.x}}` reads the profile field `x` even when the triggering event has an `x` (docs/iterable.md §2.2 [S40]).
  const lookup = name.startsWith('profile.') ? name.slice('profile.'.length) : name;
  const standard = iterableStandardFields.get(lookup);
  const catalogType = workspace.catalog?.fields.get(lookup);
  const usedIn = workspace.files.filter((file) => file.mergeFields.has(name) || file.mergeFields.has(lookup));
  const type = standard?.type ?? catalogType;

  const parts = [`**${code(`{{${name}}}`)}** · merge field${type ? ` · ${code(type)}` : ''}`];
  if (standard) parts.push(`Iterable standard field: ${standard.description}`);
  if (catalogType !== undefined && workspace.catalog) {
    parts.push(`In your field catalog ${fileLink(fileLabel(workspace.catalog.uri), workspace.catalog.uri)} as ${code(catalogType)}.`);
  }
  if (usedIn.length > 0) {
    const links = usedIn.slice(0, 5).map((file) => {
      const range = file.mergeFields.get(name) ?? file.mergeFields.get(lookup);
      return fileLink(fileLabel(file.uri), `${file.uri}${range ? `#L${range.start.line + 1}` : ''}`);
    });
    parts.push(`Also used in ${links.join(', ')}${usedIn.length > 5 ? ` and ${usedIn.length - 5} more` : ''}.`);
  }
  if (!standard && catalogType === undefined && usedIn.length === 0) parts.push(unknownNote(lookup, workspace));
  const example = standard?.example ?? (type ? EXAMPLE_BY_TYPE[type] : undefined);
  if (example) parts.push(`Example: renders like ${code(example)}.`);
  if (context.loop) parts.push(`Inside ${code(`{{#each ${context.loop}}}`)}, Iterable reads ${code(name)} from the current item first.`);
  parts.push(missingFieldNote(context));
  return parts.join('\n\n');
}

function unknownNote(name: string, workspace: WorkspaceContext): string {
  const known = new Set<string>(iterableStandardFields.keys());
  for (const field of workspace.catalog?.fields.keys() ?? []) known.add(field);
  for (const file of workspace.files) for (const field of file.mergeFields.keys()) known.add(field);
  const suggestions = closestMatches(name, known);
  const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map(code).join(' or ')}? Field names are case-sensitive.` : '';
  const where = workspace.catalog
    ? `not an Iterable standard field, not in your catalog ${code(fileLabel(workspace.catalog.uri))}, and not used in other payload files.`
    : "not an Iterable standard field and not used in other payload files. Add your project's fields with a catalog (setting `regal.fieldsFile`) to check it.";
  return `Unknown field: ${where}${hint}`;
}
