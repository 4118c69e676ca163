/**
 * The merge fields a payload reads, each with a typed sample value: what `Regal: Create Sample Data`
 * writes and what the preview checks for blank values (the `regal/mergeFieldsUsed` request). Fields
 * inside `{{#each}}` and other context-changing blocks, `as |x|` names, `{{#assign}}` variables,
 * `this` and `@data` are not profile fields (the payload facts leave them out).
 */
import type { MergeFieldUsed } from '../../protocol/contract';
import { parseTemplate } from '../template/templateModel';
import { resolveField } from './fieldCatalog';
import { payloadFacts } from './payloadFacts';
import type { FieldCatalog } from './workspaceContext';

/** A merge-field path as segments: `orders.[0].sku` → `orders`, `0`, `sku`. */
function segmentsOf(name: string): string[] {
  return name
    .split('.')
    .map((s) => s.replace(/^\[(.*)\]$/, '$1'))
    .filter((s) => s !== '');
}

/**
 * The merge fields `template` reads from the profile or the triggering event, each once, in document
 * order, as Handlebars reads them (`profile.firstName`, `address.city`, `First Name`). A field that is
 * only the parent of another one used (`orders` next to `orders.0.sku`) is left out: the deeper path says more.
 */
export function payloadFieldNames(template: string): string[] {
  const facts = payloadFacts({ template: parseTemplate(template), findings: [] });
  const names: string[] = [];
  const seen = new Set<string>();
  for (const field of facts.fields) {
    const key = segmentsOf(field.name).join('.');
    if (key === '' || key.startsWith('@') || seen.has(key)) continue;
    seen.add(key);
    names.push(key);
  }
  return names.filter((name) => !names.some((other) => other.startsWith(`${name}.`)));
}

export const SAMPLE_DATE = '2024-01-31 00:00:00 +00:00';
/** Plausible values for the fields that identify a contact: Regal needs an E.164 phone, and an email that looks like one. */
const PLAUSIBLE: Readonly<Record<string, string>> = { phoneNumber: '+16505551234', email: 'ada.lovelace@example.com' };

/** The placeholder a sample gets for a field of Iterable type `type` (undefined: not known). */
export function sampleValueForType(type: string | undefined): unknown {
  switch (type?.trim().toLowerCase()) {
    case 'long':
    case 'double':
      return 0;
    case 'boolean':
      return false;
    case 'date':
      return SAMPLE_DATE;
    case 'object':
      return {};
    default:
      return '';
  }
}

/** The value a new sample gets for the field `name` (as payloadFieldNames gives it). */
export function sampleValueFor(name: string, catalog: FieldCatalog | undefined): unknown {
  const segments = segmentsOf(name);
  const last = segments[segments.length - 1] ?? '';
  if (Object.hasOwn(PLAUSIBLE, last) && (segments.length === 1 || (segments.length === 2 && segments[0] === 'profile'))) return PLAUSIBLE[last];
  return sampleValueForType(resolveField(name, catalog)?.type);
}

/** Every merge field `template` reads, with its type and sample value from `catalog` or Iterable's standard fields. */
export function mergeFieldsUsed(template: string, catalog: FieldCatalog | undefined): MergeFieldUsed[] {
  return payloadFieldNames(template).map((name) => {
    const type = resolveField(name, catalog)?.type;
    return { name, ...(type !== undefined ? { type } : {}), sample: sampleValueFor(name, catalog) };
  });
}
