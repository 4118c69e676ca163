/**
 * `unknown-merge-field`: with a catalog loaded, a merge field that is neither in it nor one of
 * Iterable's standard fields renders blank (docs/iterable.md §2.4). Without a catalog nothing is known
 * about the user's fields, so nothing is reported.
 */
import type { Finding } from '../diagnosticCodes';
import { closestMatches } from '../util/suggest';
import { fileLabel } from './fileLabel';
import { knownFieldNames, resolveField } from './fieldCatalog';
import type { PayloadFacts } from './payloadFacts';
import type { FieldCatalog } from './workspaceContext';
import { quoted } from '../util/plainText';

/**
 * Suggestions cost an edit distance to every known field. A document gets them for its first
 * MAX_SUGGESTED distinct unknown names (more means the wrong catalog, and the first say so), and
 * they are kept per catalog, so validating again after an edit does not pay twice.
 */
const MAX_SUGGESTED = 100;
const CACHE_LIMIT = 10_000;
const suggestionCache = new WeakMap<FieldCatalog, { candidates: string[]; byName: Map<string, string[]> }>();

export function unknownMergeFields(facts: PayloadFacts, catalog: FieldCatalog | undefined): Finding[] {
  if (!catalog) return [];
  const findings: Finding[] = [];
  const named = new Set<string>();
  let cache = suggestionCache.get(catalog);
  for (const reference of facts.fields) {
    if (resolveField(reference.name, catalog)) continue;
    named.add(reference.name);
    if (!cache) suggestionCache.set(catalog, (cache = { candidates: knownFieldNames(catalog), byName: new Map() }));
    let suggestions = cache.byName.get(reference.name);
    if (!suggestions && named.size <= MAX_SUGGESTED) {
      const viaProfile = reference.name.startsWith('profile.');
      const written = viaProfile ? reference.name.slice('profile.'.length) : reference.name;
      // Only names this check accepts: a catalog key `profile.plan` is no fix, `{{profile.plan}}` reads `plan`.
      suggestions = closestMatches(written, cache.candidates)
        .map((s) => (viaProfile ? `profile.${s}` : s))
        .filter((s) => resolveField(s, catalog) !== undefined);
      if (cache.byName.size >= CACHE_LIMIT) cache.byName.clear();
      cache.byName.set(reference.name, suggestions);
    }
    suggestions ??= [];
    const fix = suggestions.length > 0 ? `rename it to ${quoted(suggestions[0], 30)}` : `correct it or add it to ${fileLabel(catalog.uri)}`;
    const hint = suggestions.length > 0 ? '' : ' A field of the triggering event or a new profile field belongs in the catalog.';
    findings.push({
      code: 'unknown-merge-field',
      start: reference.start,
      end: reference.end,
      message: `Unknown merge field ${quoted(reference.name, 30)}: ${fix}. It is neither in your field catalog (${fileLabel(catalog.uri)}) nor an Iterable standard field, so it renders blank.${hint}`,
      data: { field: reference.name, suggestions },
    });
  }
  return findings;
}
