/**
 * The three lookups the commands make, each returning a validated value or a failure that says what to
 * do (docs/iterable.md §5.4). Identifiers go into the path percent-encoded, so an email or userId with
 * `/`, `?` or `#` cannot reach another endpoint.
 */
import type { IterableClient, IterableResult } from './iterableClient';
import { notFoundFailure } from './iterableFailures';
import { parseEventsResponse, parseFieldsResponse, parseUserResponse, type FieldList, type IterableEvent, type IterableUser } from './iterableResponses';

/** Iterable's maximum for `limit` on `GET /api/events/{email}` (its default is 30). */
export const MAX_EVENTS = 200;

export async function fetchFields(client: IterableClient, signal?: AbortSignal): Promise<IterableResult<FieldList>> {
  const answer = await client.getJson('/api/users/getFields', signal ? { signal } : {});
  return answer.ok ? parseFieldsResponse(answer.value) : answer;
}

export type UserLookup = { email: string } | { userId: string };

/** Emails have an `@`; anything else is a userId. */
export function userLookup(input: string): UserLookup {
  const text = input.trim();
  return text.includes('@') ? { email: text } : { userId: text };
}

export function describeLookup(lookup: UserLookup): string {
  return 'email' in lookup ? `email ${lookup.email}` : `userId ${lookup.userId}`;
}

export async function fetchUser(client: IterableClient, lookup: UserLookup, signal?: AbortSignal): Promise<IterableResult<IterableUser>> {
  const path = 'email' in lookup ? `/api/users/${encodeURIComponent(lookup.email)}` : `/api/users/byUserId/${encodeURIComponent(lookup.userId)}`;
  const notFound = notFoundFailure(`No Iterable user with ${describeLookup(lookup)} in this project.`);
  // `.` and `..` stay as they are under encodeURIComponent, and a URL resolves them as path steps:
  // `/api/users/byUserId/..` would ask another endpoint. No user can be looked up by them this way.
  if ('userId' in lookup && /^\.{1,2}$/.test(lookup.userId)) return { ok: false, failure: notFound };
  const answer = await client.getJson(path, { notFound: notFound.message, ...(signal ? { signal } : {}) });
  if (!answer.ok) return answer;
  const user = parseUserResponse(answer.value);
  if (!user.ok) return user;
  if (!user.value) return { ok: false, failure: notFound };
  return { ok: true, value: user.value };
}

/** The user's latest events (up to MAX_EVENTS), by email when there is one, else by userId. */
export async function fetchEvents(client: IterableClient, user: IterableUser, signal?: AbortSignal): Promise<IterableResult<IterableEvent[]>> {
  const path = user.email
    ? `/api/events/${encodeURIComponent(user.email)}`
    : user.userId
      ? `/api/events/byUserId/${encodeURIComponent(user.userId)}`
      : undefined;
  if (!path) return { ok: true, value: [] };
  const answer = await client.getJson(path, { query: { limit: String(MAX_EVENTS) }, ...(signal ? { signal } : {}) });
  return answer.ok ? parseEventsResponse(answer.value) : answer;
}
