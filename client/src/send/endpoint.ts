/**
 * Which URL a test event may go to. Pure (no `vscode` import) so it is unit-tested in plain Node.
 *
 * The endpoint receives the API key in the `Authorization` header, so two rules protect the key:
 * only the user's own settings count (a cloned repository's `.vscode/settings.json` must never redirect
 * the key to another host), and the URL must be https, except for loopback addresses, where a local
 * stand-in for Regal runs over plain http (docs/regal.md §1.1: Regal's one endpoint is https).
 */

export const DEFAULT_ENDPOINT = 'https://events.regalvoice.com/events';

/** The parts of `WorkspaceConfiguration.inspect()` that matter here (the rest are ignored on purpose). */
export interface InspectedSetting<T> {
  defaultValue?: T;
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

/** `problem` is a few words for tight places (the language status); `message` says how to fix it. */
export type EndpointCheck = { ok: true; url: URL } | { ok: false; message: string; problem: string };

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

const HOW_TO_FIX = 'Set "regal.endpoint" in your User settings (Preferences: Open User Settings (JSON)); workspace settings are ignored for it.';

/** The user's value (user or remote-machine settings) or the default; workspace and folder values never count. */
export function userOrDefault<T>(inspected: InspectedSetting<T> | undefined, fallback: T): T {
  return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
}

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

/** Checks the configured endpoint text: absolute http(s) URL, https unless loopback, no credentials. */
export function checkEndpoint(value: unknown): EndpointCheck {
  if (typeof value !== 'string' || value.trim() === '') {
    return { ok: false, problem: 'Empty', message: `The "regal.endpoint" setting is empty. ${HOW_TO_FIX} The usual value is ${DEFAULT_ENDPOINT}.` };
  }
  const text = value.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return {
      ok: false,
      problem: 'Not a URL',
      message: `The "regal.endpoint" setting "${text}" is not a URL. ${HOW_TO_FIX} The usual value is ${DEFAULT_ENDPOINT}.`,
    };
  }
  if (url.username || url.password) {
    return {
      ok: false,
      problem: 'No user name or password in the URL',
      message: `The "regal.endpoint" setting must not contain a user name or password (the API key goes in the Authorization header). ${HOW_TO_FIX}`,
    };
  }
  if (url.protocol === 'https:') return { ok: true, url };
  if (url.protocol === 'http:') {
    if (isLoopbackHost(url.hostname)) return { ok: true, url };
    return {
      ok: false,
      problem: 'Use https:// (http only on loopback)',
      message: `The "regal.endpoint" setting uses http:// for ${url.hostname}, which would send your API key unencrypted. Use https:// (http:// is allowed only for 127.0.0.1, ::1 and localhost). ${HOW_TO_FIX}`,
    };
  }
  return {
    ok: false,
    problem: 'Use an https:// URL',
    message: `The "regal.endpoint" setting must be an https:// URL, not ${url.protocol}//. ${HOW_TO_FIX} The usual value is ${DEFAULT_ENDPOINT}.`,
  };
}

/**
 * When a workspace or folder sets `regal.endpoint`, that value is ignored (a repository must not redirect
 * the key): say so, and where to set it instead, in the confirmation and the language status.
 */
export function ignoredEndpointNote(inspected: InspectedSetting<string> | undefined): string | undefined {
  const ignored = inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
  if (ignored === undefined) return undefined;
  const where = inspected?.workspaceFolderValue !== undefined ? 'folder' : 'workspace';
  return `The ${where} settings set regal.endpoint to ${JSON.stringify(String(ignored)).slice(0, 200)}, which is ignored: set it in your User settings (in a remote window, the User tab too: the setting has application scope).`;
}

/** Endpoint from the inspected setting: the user's value or the default, then checked. */
export function resolveEndpoint(inspected: InspectedSetting<string> | undefined): EndpointCheck {
  return checkEndpoint(userOrDefault<unknown>(inspected, DEFAULT_ENDPOINT));
}
