/**
 * A sample data file (the `{"profile": {…}, "event": {…}}` format of server/src/rendering/sampleData.ts)
 * made from a real Iterable user and, for an event-triggered journey, one of their events.
 *
 * Profile fields sit at the top level of `profile`, as merge fields see them: the user's `dataFields`
 * lifted beside `email` and `userId` (`{{firstName}}`, not `{{dataFields.firstName}}`). The event's data
 * fields sit in `event`, where an event-triggered journey sees them: they win over same-named profile
 * fields, and `{{profile.x}}` still reads the profile (docs/iterable.md §2.2).
 *
 * The file holds personal data: the commands write it under `.regal/samples/`, which a `.gitignore`
 * of its own keeps out of version control (sampleFolderGitignore).
 */
import type { IterableEvent, IterableUser, Json } from './iterableResponses';

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `{…dataFields, …the rest}`: the fields merge tags see. */
export function liftDataFields(record: Json): Json {
  const { dataFields, ...rest } = record;
  return isObject(dataFields) ? { ...dataFields, ...rest } : { ...rest };
}

export function sampleFromIterable(user: IterableUser, event?: IterableEvent): { profile: Json; event: Json } {
  return { profile: liftDataFields(user.raw), event: event ? liftDataFields(event.raw) : {} };
}

export function sampleFileText(user: IterableUser, event?: IterableEvent): string {
  return `${JSON.stringify(sampleFromIterable(user, event), null, 2)}\n`;
}

/** The folder the samples go to, relative to the workspace folder. */
export const SAMPLES_FOLDER = '.regal/samples';

/** Its `.gitignore`: everything in the folder, the `.gitignore` too, stays out of git. */
export const SAMPLES_GITIGNORE = '# Written by "Regal: Use an Iterable User as Sample Data": these files hold real users\' personal data.\n*\n';

/**
 * The sample's file name: `iterable-user.json`, or `iterable-user.<event>.json` with an event. No email
 * or userId goes into it (the name also lands in the workspace settings); the event name keeps letters,
 * digits, `.`, `_` and `-` (the rest become `_`), at most 60 characters.
 */
export function sampleFileName(eventName?: string): string {
  const event = (eventName ?? '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, 60);
  return event ? `iterable-user.${event}.json` : 'iterable-user.json';
}
