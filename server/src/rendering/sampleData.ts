/**
 * The sample data a payload is rendered with: the fields of one Iterable user profile plus the data
 * fields of the event that triggered the journey (docs/iterable.md §2.2–2.3).
 *
 * File format (`regal.sample.json`):
 *
 * ```json
 * {
 *   "profile": { "email": "ada@example.com", "userId": "u-1", "phoneNumber": "+16505551234", "firstName": "Ada" },
 *   "event": { "educationalLevel": "Bachelor's" }
 * }
 * ```
 *
 * Both sections are optional. A section may also be pasted in the shape Iterable's API returns
 * (`{ "email": …, "userId": …, "dataFields": { … } }`): its `dataFields` are lifted next to the other
 * fields, as Iterable's merge tags see them (`{{firstName}}`, not `{{dataFields.firstName}}`).
 * A file with neither `profile` nor `event` at the top level is read as a bare profile, except the
 * answer of Iterable's `GET /api/users/{email}` pasted whole, `{"user": {…, "dataFields": {…}}}`, whose
 * `user` is the profile (read as a bare profile, every merge field would render blank).
 */

import { locateJsonError } from './jsonErrorLocation';

export type Fields = Record<string, unknown>;

export interface SampleData {
  /** User profile fields (`{{firstName}}`, and `{{profile.firstName}}` even when the event has one). */
  profile: Fields;
  /** Data fields of the triggering event; they win over same-named profile fields. */
  event: Fields;
}

export const emptySample: SampleData = Object.freeze({ profile: Object.freeze({}), event: Object.freeze({}) }) as SampleData;

export interface ParsedSample {
  sample: SampleData;
  /** Why the file could not be used as written (the sample is then as much as could be read). */
  problem?: string;
}

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Lifts Iterable's API shape (`dataFields` next to `email`/`userId`) to the fields merge tags see. */
function flattenDataFields(section: Fields): Fields {
  const { dataFields, ...rest } = section;
  return isObject(dataFields) ? { ...dataFields, ...rest } : section;
}

/** `{"user": {…}}` and nothing else: the answer of Iterable's user lookup (docs/iterable.md §5.4). */
function isIterableUserAnswer(value: Fields): value is { user: Fields } {
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === 'user' && isObject(value.user);
}

/** Reads a sample file's text; never throws: a broken file gives an empty sample and a `problem`. */
/**
 * A sample is one user profile and one event: a few KB. A bigger file is refused rather than handed
 * to helpers, where one oversized value (a `replace` over a 300 MB string) could exhaust the renderer.
 */
export const MAX_SAMPLE_CHARS = 2_000_000;

export function parseSampleData(text: string): ParsedSample {
  if (text.length > MAX_SAMPLE_CHARS) {
    return {
      sample: emptySample,
      problem: `The sample file is larger than ${MAX_SAMPLE_CHARS / 1_000_000} MB; a sample holds one profile and one event. Rendering with no fields.`,
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    if (text.trim() === '') return { sample: emptySample, problem: 'The sample file is not valid JSON: it is empty; rendering with no fields.' };
    const where = locateJsonError(text, error);
    return {
      sample: emptySample,
      problem: `The sample file is not valid JSON: ${where.message} at line ${where.line}, column ${where.column}; rendering with no fields.`,
    };
  }
  if (!isObject(value))
    return { sample: emptySample, problem: 'The sample file must hold a JSON object ({ "profile": { … }, "event": { … } }); rendering with no fields.' };
  if (!('profile' in value) && !('event' in value)) {
    if (isIterableUserAnswer(value)) return { sample: { profile: flattenDataFields(value.user), event: {} } };
    return { sample: { profile: flattenDataFields(value), event: {} } };
  }

  const problems: string[] = [];
  const section = (key: 'profile' | 'event'): Fields => {
    const raw = value[key];
    if (raw === undefined) return {};
    if (isObject(raw)) return flattenDataFields(raw);
    problems.push(`"${key}" must be an object of fields; it is ignored.`);
    return {};
  };
  const sample = { profile: section('profile'), event: section('event') };
  const stray = Object.keys(value).filter((key) => key !== 'profile' && key !== 'event');
  if (stray.length > 0)
    problems.push(`Top-level keys other than "profile" and "event" are ignored: ${stray.map((k) => `"${k}"`).join(', ')}. Put profile fields under "profile".`);
  return problems.length > 0 ? { sample, problem: problems.join(' ') } : { sample };
}

/**
 * The object merge tags are resolved against. Iterable looks a field up on the triggering event first,
 * then on the profile; `profile.x` always reads the profile (docs/iterable.md §2.2, [S40]).
 */
export function renderContext(sample: SampleData): Fields {
  const profile = withListSizes(sample.profile, 0) as Fields;
  return { ...profile, ...(withListSizes(sample.event, 0) as Fields), profile };
}

/** Nesting beyond this keeps its lists as they are (no `.size`): no sample is this deep. */
const MAX_SIZED_DEPTH = 64;

/**
 * A copy in which every list has a `size` (`{{cart.size}}` is the item count in Iterable, whose
 * handlebars.java reads Java's List.size()). Not enumerable, so toJson and #each do not see it.
 */
function withListSizes(value: unknown, depth: number): unknown {
  if (depth > MAX_SIZED_DEPTH || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const copy = value.map((item) => withListSizes(item, depth + 1));
    Object.defineProperty(copy, 'size', { value: copy.length, enumerable: false });
    return copy;
  }
  const copy: Fields = {};
  for (const [key, item] of Object.entries(value)) copy[key] = withListSizes(item, depth + 1);
  return copy;
}
