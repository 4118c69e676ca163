/**
 * Sample data for a payload, worked out without `vscode` (unit-tested in test/unit/sampleFields.test.ts),
 * from the merge fields the language server says the payload reads, each with its typed placeholder
 * (`regal/mergeFieldsUsed`, server/src/service/workspace/mergeFieldsUsed.ts):
 * - the sample file with the missing ones added (`Regal: Create Sample Data`), its other text untouched;
 * - which fields render blank with a given sample (the preview's "Blank with this sample" line).
 */
import { applyEdits, modify, parse, type ParseError } from 'jsonc-parser';
import type { MergeFieldUsed } from '../../../server/src/protocol/contract';
import { renderContext, type SampleData } from '../../../server/src/rendering/sampleData';

/** A field as the sample needs it: its name and the placeholder it gets when it is missing. */
export type SampleField = Pick<MergeFieldUsed, 'name' | 'sample'>;

/** A merge-field path as segments: `orders.[0].sku` → `orders`, `0`, `sku`. */
function segmentsOf(name: string): string[] {
  return name
    .split('.')
    .map((s) => s.replace(/^\[(.*)\]$/, '$1'))
    .filter((s) => s !== '');
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isIndex = (segment: string) => /^\d+$/.test(segment);

/** A value that holds `rest` under it: `['0', 'sku']` → `[{ "sku": leaf }]` (one list item stands for any index). */
function nestedValue(rest: readonly string[], leaf: unknown): unknown {
  if (rest.length === 0) return leaf;
  const [head, ...tail] = rest as [string, ...string[]];
  return isIndex(head) ? [nestedValue(tail, leaf)] : { [head]: nestedValue(tail, leaf) };
}

export interface SampleMerge {
  /** The sample file's new text (the old text when nothing was added). */
  text: string;
  /** Fields added, as the payload names them. */
  added: string[];
  /** Fields the sample has a value for already (any value: the user's values are never replaced). */
  kept: string[];
  /** Fields that could not be added without changing a value the sample has (`address.city` where `address` is a string). */
  conflicts: string[];
}

export type SampleMergeResult = SampleMerge | { problem: string };

const FORMATTING = { insertSpaces: true, tabSize: 2, eol: '\n' };

/** The indentation the existing text uses (its first indented line), so inserted lines match it. */
function formattingOf(text: string): typeof FORMATTING {
  const indent = /\n([ \t]+)\S/.exec(text)?.[1];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (!indent) return { ...FORMATTING, eol };
  return indent.startsWith('\t') ? { insertSpaces: false, tabSize: 1, eol } : { insertSpaces: true, tabSize: indent.length, eol };
}

/**
 * The sample file's text with every field of `fields` it lacks added, with its placeholder. `existing`
 * undefined: a new file (`{ "profile": {…}, "event": {} }`). Fields go into `profile` (its `dataFields`
 * when the profile is pasted in Iterable's API shape; the top level of a bare profile). A field the
 * event or the profile already has, with any value, is kept as it is; nothing else in the text changes.
 * A file that is not a JSON object is refused, never rewritten.
 */
export function mergeSampleFields(existing: string | undefined, fields: readonly SampleField[]): SampleMergeResult {
  const added: string[] = [];
  const kept: string[] = [];
  const conflicts: string[] = [];
  if (existing === undefined || existing.trim() === '') {
    const profile: Record<string, unknown> = {};
    let text = `${JSON.stringify({ profile, event: {} }, null, 2)}\n`;
    for (const field of fields) text = addField(text, ['profile'], field, FORMATTING, added, kept, conflicts);
    return { text, added, kept, conflicts };
  }
  const errors: ParseError[] = [];
  const root: unknown = parse(existing.charCodeAt(0) === 0xfeff ? existing.slice(1) : existing, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0) return { problem: 'it is not valid JSON; fix it first (nothing was changed)' };
  if (!isObject(root)) return { problem: 'it does not hold a JSON object; nothing was changed' };
  if ((root.profile !== undefined && !isObject(root.profile)) || (root.event !== undefined && !isObject(root.event))) {
    return { problem: '"profile" and "event" must be objects; nothing was changed' };
  }
  const sectioned = 'profile' in root || 'event' in root;
  const profile = sectioned ? (root.profile as Record<string, unknown> | undefined) : root;
  const base = sectioned ? ['profile'] : [];
  const target = profile && isObject(profile.dataFields) ? [...base, 'dataFields'] : base;
  const formatting = formattingOf(existing);
  let text = existing;
  if (sectioned && root.profile === undefined)
    text = applyEdits(text, modify(text, ['profile'], {}, { formattingOptions: formatting, getInsertionIndex: () => 0 }));
  for (const field of fields) text = addField(text, target, field, formatting, added, kept, conflicts);
  return { text, added, kept, conflicts };
}

function addField(
  text: string,
  target: readonly string[],
  { name, sample: placeholder }: SampleField,
  formatting: typeof FORMATTING,
  added: string[],
  kept: string[],
  conflicts: string[],
): string {
  const sample = readSample(text);
  if (lookupField(sample, name) !== undefined) {
    kept.push(name);
    return text;
  }
  const segments = segmentsOf(name);
  if (segments[0] === 'profile' && segments.length > 1) segments.shift();
  // Walk down the target as far as the sample has the path.
  let node: unknown = parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  for (const key of target) node = (node as Record<string, unknown>)[key];
  const existingPath: Array<string | number> = [...target];
  let i = 0;
  for (; i < segments.length; i++) {
    const segment = segments[i] as string;
    if (isObject(node) && Object.hasOwn(node, segment)) {
      node = node[segment];
      existingPath.push(segment);
    } else if (Array.isArray(node) && isIndex(segment) && Number(segment) < node.length) {
      node = node[Number(segment)];
      existingPath.push(Number(segment));
    } else break;
  }
  if (i === segments.length || !isObject(node)) {
    // Present (null or a value the lookup cannot read through), or under a value that is not an object.
    (i === segments.length ? kept : conflicts).push(name);
    return text;
  }
  const value = nestedValue(segments.slice(i + 1), placeholder);
  const edits = modify(text, [...existingPath, segments[i] as string], value, { formattingOptions: formatting });
  added.push(name);
  return applyEdits(text, edits);
}

/** The sample as rendering reads it, or an empty one when the text is not a sample. */
function readSample(text: string): SampleData {
  const root: unknown = parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (!isObject(root)) return { profile: {}, event: {} };
  const lift = (section: unknown): Record<string, unknown> => {
    if (!isObject(section)) return {};
    const { dataFields, ...rest } = section;
    return isObject(dataFields) ? { ...dataFields, ...rest } : section;
  };
  if (!('profile' in root) && !('event' in root)) return { profile: lift(root), event: {} };
  return { profile: lift(root.profile), event: lift(root.event) };
}

/** The value the field `name` reads with `sample`, as Handlebars looks it up (event first, `profile.` the profile). */
export function lookupField(sample: SampleData, name: string): unknown {
  let value: unknown = renderContext(sample);
  for (const segment of segmentsOf(name)) {
    if (isObject(value)) value = Object.hasOwn(value, segment) ? value[segment] : undefined;
    else if (Array.isArray(value) && isIndex(segment)) value = value[Number(segment)];
    else return undefined;
    if (value === undefined) return undefined;
  }
  return value;
}

/** The fields of `fields` that render blank with `sample`: missing, null or "". */
export function blankFields(fields: readonly string[], sample: SampleData): string[] {
  return fields.filter((name) => {
    const value = lookupField(sample, name);
    return value === undefined || value === null || value === '';
  });
}
