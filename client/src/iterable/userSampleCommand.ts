/**
 * `Regal: Use an Iterable User as Sample Data…`: asks for an email or a userId, fetches the user
 * (`GET /api/users/{email}` or `GET /api/users/byUserId/{userId}`) and, when the user picks one, their
 * latest event of a chosen name (`GET /api/events/{email}`), then writes a sample file in the format the
 * renderer reads and points `regal.sampleData` at it, so the preview and test sends use it.
 *
 * The file holds a real person's data. It goes to `.regal/samples/`, a folder with its own `.gitignore`
 * (`*`) so that git never sees it, under a name with no personal data in it (`iterable-user.json`, or
 * `iterable-user.<event>.json`), because the name also lands in the workspace settings. A new fetch
 * replaces the sample of the same name, only once the fetch has succeeded (temporary file, then rename).
 *
 * `executeCommand('regal.useIterableUserAsSample', { user: 'ada@example.com', event?: 'Name' | null })`
 * skips the questions (`event: null` or absent: profile only) and resolves with what happened.
 */
import * as vscode from 'vscode';
import { describeLookup, fetchEvents, fetchUser, userLookup } from '../../../server/src/iterableApi/iterableRequests';
import { eventNames, latestEventNamed, type IterableEvent } from '../../../server/src/iterableApi/iterableResponses';
import { SAMPLES_FOLDER, SAMPLES_GITIGNORE, sampleFileName, sampleFileText } from '../../../server/src/iterableApi/iterableSample';
import { SETTINGS_SECTION, SettingKeys } from '../../../server/src/protocol/contract';
import { writeFileAtomically } from '../sampleData/createSampleDataCommand';
import { iterableAccess, showAccessProblem, targetFolder, withIterableProgress } from './iterableAccess';

export interface UserSampleResult {
  outcome: 'written' | 'cancelled' | 'failed';
  message: string;
  sampleUri?: vscode.Uri;
}

interface Arguments {
  user?: string;
  event?: string | null;
}

const NO_EVENT = 'Profile only (no event)';

function argumentsOf(argument: unknown): Arguments | undefined {
  if (typeof argument !== 'object' || argument === null || argument instanceof vscode.Uri) return undefined;
  const { user, event } = argument as { user?: unknown; event?: unknown };
  return { ...(typeof user === 'string' ? { user } : {}), ...(typeof event === 'string' || event === null ? { event } : {}) };
}

export async function userSampleCommand(secrets: vscode.SecretStorage, argument?: unknown): Promise<UserSampleResult> {
  const given = argumentsOf(argument);
  const failed = (message: string): UserSampleResult => {
    void vscode.window.showErrorMessage(message);
    return { outcome: 'failed', message };
  };
  const access = await iterableAccess(secrets);
  if (!access.ok) {
    showAccessProblem(access);
    return { outcome: 'failed', message: access.message };
  }
  const folder = await targetFolder(argument instanceof vscode.Uri ? argument : undefined);
  if (!folder) return failed('Open a folder first: the sample file is written into a workspace folder.');

  const identifier =
    given?.user ??
    (await vscode.window.showInputBox({
      title: 'Use an Iterable User as Sample Data',
      prompt: 'The email or userId of an Iterable user whose profile the preview renders with.',
      placeHolder: 'ada@example.com or a userId',
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() === '' ? 'Type an email or a userId.' : undefined),
    }));
  if (identifier === undefined || identifier.trim() === '') return { outcome: 'cancelled', message: 'No user given.' };
  const lookup = userLookup(identifier);

  // Asked interactively, the events are offered; given arguments, they are fetched only for a named event.
  const wantsEvents = given ? typeof given.event === 'string' : true;
  const fetched = await withIterableProgress(`Fetching Iterable user ${describeLookup(lookup)}…`, async (signal, report) => {
    const user = await fetchUser(access.client, lookup, signal);
    if (!user.ok || !wantsEvents) return { user, events: undefined };
    report('their events…');
    return { user, events: await fetchEvents(access.client, user.value, signal) };
  });
  if (!fetched.user.ok) {
    return fetched.user.failure.kind === 'cancelled' ? { outcome: 'cancelled', message: fetched.user.failure.message } : failed(fetched.user.failure.message);
  }
  if (fetched.events && !fetched.events.ok) {
    return fetched.events.failure.kind === 'cancelled'
      ? { outcome: 'cancelled', message: fetched.events.failure.message }
      : failed(fetched.events.failure.message);
  }
  const user = fetched.user.value;
  const events = fetched.events?.value ?? [];

  let event: IterableEvent | undefined;
  if (given?.event) {
    event = latestEventNamed(events, given.event);
    if (!event)
      return failed(
        `Iterable user ${describeLookup(lookup)} has no "${given.event}" event among their latest ${events.length} (event names are case-sensitive).`,
      );
  } else if (!given && events.length > 0) {
    const choice = await vscode.window.showQuickPick([NO_EVENT, ...eventNames(events)], {
      title: 'Include their latest event? (for event-triggered journeys)',
      placeHolder: "The event's data fields render where an event-triggered journey sees them",
      ignoreFocusOut: true,
    });
    if (choice === undefined) return { outcome: 'cancelled', message: 'Nothing written.' };
    if (choice !== NO_EVENT) event = latestEventNamed(events, choice);
  }

  const relative = `${SAMPLES_FOLDER}/${sampleFileName(event?.eventName)}`;
  const sampleUri = vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
  const gitignore = vscode.Uri.joinPath(folder.uri, ...SAMPLES_FOLDER.split('/'), '.gitignore');
  try {
    // The .gitignore first: the personal data never sits in the folder without it.
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder.uri, ...SAMPLES_FOLDER.split('/')));
    await writeFileAtomically(gitignore, SAMPLES_GITIGNORE);
    await writeFileAtomically(sampleUri, sampleFileText(user, event));
  } catch (error) {
    return failed(`Could not write ${relative} (${(error as Error).message}); nothing else was changed.`);
  }
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, folder.uri);
  if (config.get<string>(SettingKeys.sampleData) !== relative)
    await config.update(SettingKeys.sampleData, relative, vscode.ConfigurationTarget.WorkspaceFolder);
  const message = `Sample data from Iterable user ${describeLookup(lookup)}${event ? ` and their latest "${event.eventName}" event` : ''} written to ${relative}, which the preview now renders with (regal.sampleData). It holds personal data: ${SAMPLES_FOLDER}/.gitignore keeps it out of git.`;
  void vscode.window.showInformationMessage(message);
  return { outcome: 'written', message, sampleUri };
}
