/**
 * Whether an Iterable command may call Iterable, with which key and where. Pure (no vscode import), so
 * the rules that protect the key are unit-tested in plain Node; iterableAccess.ts passes in
 * `workspace.isTrusted`, the stored secret and the settings' `inspect()` results.
 *
 * `regal.iterable.region` and `regal.iterable.apiBaseUrl` have application scope: only the user's own
 * value (or the default) counts, so a cloned repository's `.vscode/settings.json` can neither send the
 * key to another host nor switch the data center.
 */
import { checkIterableKey, isIterableRegion, iterableBaseUrl, type IterableRegion } from '../../../server/src/iterableApi/iterableBaseUrl';
import { userOrDefault, type InspectedSetting } from '../send/endpoint';

export const ITERABLE_KEY_SECRET_ID = 'regal.iterable.apiKey';
/** Relative to the `regal` settings section. */
export const REGION_SETTING = 'iterable.region';
export const API_BASE_SETTING = 'iterable.apiBaseUrl';

export const UNTRUSTED_ITERABLE_MESSAGE =
  'Iterable commands are disabled in this untrusted workspace: they write files into it with your Iterable data. Trust the workspace (Workspaces: Manage Workspace Trust) to use them.';

export interface AccessInput {
  trusted: boolean;
  storedKey: string | undefined;
  region?: InspectedSetting<string>;
  apiBaseUrl?: InspectedSetting<string>;
}

export type AccessPlan = { ok: true; key: string; baseUrl: URL; region?: IterableRegion } | { ok: false; message: string; action?: 'setKey' };

export function planIterableAccess(input: AccessInput): AccessPlan {
  if (!input.trusted) return { ok: false, message: UNTRUSTED_ITERABLE_MESSAGE };
  if (!input.storedKey) {
    return {
      ok: false,
      message: 'No Iterable API key is set: run "Regal: Set Iterable API Key" with a server-side or read-only key from Iterable (Integrations > API Keys).',
      action: 'setKey',
    };
  }
  const key = checkIterableKey(input.storedKey);
  if (!key.ok) return { ok: false, message: `The stored Iterable API key cannot be used: ${key.message}`, action: 'setKey' };
  const regionValue = userOrDefault<unknown>(input.region, 'us');
  const region: IterableRegion = isIterableRegion(regionValue) ? regionValue : 'us';
  const override = userOrDefault<unknown>(input.apiBaseUrl, '');
  const overrideText = typeof override === 'string' ? override : '';
  const base = iterableBaseUrl(region, overrideText, 'The "regal.iterable.apiBaseUrl" setting');
  if (!base.ok) return { ok: false, message: base.message };
  return { ok: true, key: key.key, baseUrl: base.url, ...(overrideText.trim() ? {} : { region }) };
}
