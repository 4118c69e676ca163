/**
 * Reads the answers of the three endpoints used (docs/iterable.md §5.4) without trusting them: an
 * answer of another shape is a `badResponse` failure with what was wrong, never an exception, and odd
 * entries are dropped and counted rather than written into the user's files.
 *
 * - `GET /api/users/getFields` → `{"fields": {"name": "type", …}}`
 * - `GET /api/users/{email}`, `GET /api/users/byUserId/{userId}` → `{"user": {"email", "userId", "dataFields": {…}, …}}`;
 *   an unknown user is a 404, or a 200 with `{}` (recorded from Iterable, docs/iterable.md §5.5).
 * - `GET /api/events/{email}?limit=N` → `{"events": [{…, "eventName", "createdAt", "dataFields"?: {…}}, …]}`
 */
import { MAX_CATALOG_FIELDS } from '../service/workspace/fieldCatalog';
import { badResponseFailure, type IterableFailure } from './iterableFailures';

export type Json = Record<string, unknown>;
export type Parsed<T> = { ok: true; value: T } | { ok: false; failure: IterableFailure };

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export interface FieldList {
  /** Field name → Iterable type, sorted by name. */
  fields: Map<string, string>;
  /** Entries dropped: an empty name, or a type that is not a non-empty string. */
  ignored: string[];
}

export function parseFieldsResponse(value: unknown): Parsed<FieldList> {
  if (!isObject(value) || !isObject(value.fields)) return { ok: false, failure: badResponseFailure('getFields did not return {"fields": {…}}') };
  const entries = Object.entries(value.fields);
  if (entries.length > MAX_CATALOG_FIELDS) {
    return { ok: false, failure: badResponseFailure(`getFields returned ${entries.length} fields, more than the ${MAX_CATALOG_FIELDS} the extension reads`) };
  }
  const fields = new Map<string, string>();
  const ignored: string[] = [];
  for (const [name, type] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (name.trim() === '' || typeof type !== 'string' || type.trim() === '') ignored.push(name);
    else fields.set(name, type.trim());
  }
  return { ok: true, value: { fields, ignored } };
}

export interface IterableUser {
  email?: string;
  userId?: string;
  /** Everything the answer had for the user: `email`, `userId`, `signupDate`, `dataFields`, … */
  raw: Json;
}

/** undefined value: no such user (Iterable answers `{}`). */
export function parseUserResponse(value: unknown): Parsed<IterableUser | undefined> {
  if (!isObject(value)) return { ok: false, failure: badResponseFailure('the user lookup did not return a JSON object') };
  if (value.user === undefined && Object.keys(value).length === 0) return { ok: true, value: undefined };
  if (!isObject(value.user)) return { ok: false, failure: badResponseFailure('the user lookup did not return {"user": {…}}') };
  const user = value.user;
  if (user.dataFields !== undefined && !isObject(user.dataFields))
    return { ok: false, failure: badResponseFailure('the user\'s "dataFields" is not an object') };
  return {
    ok: true,
    value: {
      raw: user,
      ...(typeof user.email === 'string' && user.email !== '' ? { email: user.email } : {}),
      ...(typeof user.userId === 'string' && user.userId !== '' ? { userId: user.userId } : {}),
    },
  };
}

export interface IterableEvent {
  eventName: string;
  /** Milliseconds since 1970 when the answer gives a number or a date Date.parse reads; else undefined. */
  createdAt?: number;
  raw: Json;
}

/** The events that are objects with a string `eventName`; others are dropped. */
export function parseEventsResponse(value: unknown): Parsed<IterableEvent[]> {
  if (!isObject(value) || !Array.isArray(value.events)) return { ok: false, failure: badResponseFailure('the events lookup did not return {"events": […]}') };
  const events: IterableEvent[] = [];
  for (const item of value.events) {
    if (!isObject(item) || typeof item.eventName !== 'string') continue;
    const created =
      typeof item.createdAt === 'number' ? item.createdAt : typeof item.createdAt === 'string' ? Date.parse(item.createdAt.replace(' +00:00', 'Z')) : NaN;
    events.push({ eventName: item.eventName, raw: item, ...(Number.isFinite(created) ? { createdAt: created } : {}) });
  }
  return { ok: true, value: events };
}

/** The latest event named `name` (Iterable's event names are case-sensitive), by `createdAt`, else the first listed. */
export function latestEventNamed(events: readonly IterableEvent[], name: string): IterableEvent | undefined {
  const named = events.filter((event) => event.eventName === name);
  if (named.length === 0) return undefined;
  return named.reduce((latest, event) => ((event.createdAt ?? -Infinity) > (latest.createdAt ?? -Infinity) ? event : latest));
}

/** The distinct event names, most recent first: the choices offered for "the user's latest event". */
export function eventNames(events: readonly IterableEvent[]): string[] {
  const sorted = [...events].sort((a, b) => (b.createdAt ?? -Infinity) - (a.createdAt ?? -Infinity));
  return [...new Set(sorted.map((event) => event.eventName))];
}
