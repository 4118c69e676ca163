/**
 * The field catalog file written from Iterable's `GET /api/users/getFields`, and what changes compared
 * with the file already there. Pure: the CLI and the VS Code command read and write the files.
 *
 * The file is exactly the shape the language server reads (server/src/service/workspace/fieldCatalog.ts):
 * `{"fields": {"name": "type", …}}`, names sorted so that a fetch that changes nothing changes no byte,
 * and a diff in version control shows only real changes.
 */
import { parseFieldCatalog } from '../service/workspace/fieldCatalog';

export interface CatalogChanges {
  added: string[];
  removed: string[];
  retyped: { name: string; from: string; to: string }[];
  /** The existing file could not be read as a catalog (it is replaced whole). */
  previousUnreadable: boolean;
  /** There was no file. */
  previousMissing: boolean;
}

export function catalogText(fields: ReadonlyMap<string, string>): string {
  const sorted = Object.fromEntries([...fields].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify({ fields: sorted }, null, 2)}\n`;
}

/** `previousText` is the current file's text, undefined when there is none. */
export function catalogChanges(previousText: string | undefined, fields: ReadonlyMap<string, string>): CatalogChanges {
  const previous = previousText === undefined ? undefined : parseFieldCatalog('previous', previousText).catalog;
  const before = previous?.fields ?? new Map<string, string>();
  const changes: CatalogChanges = {
    added: [],
    removed: [],
    retyped: [],
    previousUnreadable: previousText !== undefined && previous === undefined,
    previousMissing: previousText === undefined,
  };
  for (const [name, type] of fields) {
    const old = before.get(name);
    if (old === undefined) changes.added.push(name);
    else if (old !== type) changes.retyped.push({ name, from: old, to: type });
  }
  for (const name of before.keys()) if (!fields.has(name)) changes.removed.push(name);
  changes.added.sort();
  changes.removed.sort();
  return changes;
}

/**
 * Whether a file may be replaced by a fetched catalog: it is empty, or a catalog, even a broken one.
 * A catalog is a JSON object whose `fields` is an object (the types inside may be wrong); a text
 * that does not parse must still open with `{` and mention "fields". Anything else (`--out
 * package.json`, a form definition with a `fields` list, a note about fields) is never replaced.
 */
export function replaceableAsCatalog(text: string): boolean {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return true;
  try {
    const value = JSON.parse(body) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !('fields' in value)) return false;
    const fields = (value as { fields: unknown }).fields;
    return typeof fields === 'object' && fields !== null && !Array.isArray(fields);
  } catch {
    return body.trimStart().startsWith('{') && /"fields"\s*:/.test(body);
  }
}

export function hasChanges(changes: CatalogChanges): boolean {
  return changes.previousMissing || changes.previousUnreadable || changes.added.length + changes.removed.length + changes.retyped.length > 0;
}

/** Up to `max` names, then "and N more". */
export function nameList(names: readonly string[], max = 10): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

/** One line per kind of change, e.g. `2 added: a, b`; `No change` when the fields are the same. */
export function describeChanges(changes: CatalogChanges, total: number, max = 10): string[] {
  const lines: string[] = [];
  if (changes.previousMissing) lines.push(`New catalog with ${total} field${total === 1 ? '' : 's'}.`);
  else if (changes.previousUnreadable) lines.push(`The current file is not a valid catalog; it is replaced by ${total} field${total === 1 ? '' : 's'}.`);
  if (!changes.previousMissing) {
    if (changes.added.length > 0) lines.push(`${changes.added.length} added: ${nameList(changes.added, max)}`);
    if (changes.removed.length > 0) lines.push(`${changes.removed.length} removed: ${nameList(changes.removed, max)}`);
    if (changes.retyped.length > 0) {
      lines.push(
        `${changes.retyped.length} retyped: ${nameList(
          changes.retyped.map((r) => `${r.name} (${r.from} → ${r.to})`),
          max,
        )}`,
      );
    }
  }
  if (lines.length === 0) lines.push(`No change: the same ${total} field${total === 1 ? '' : 's'}.`);
  return lines;
}
