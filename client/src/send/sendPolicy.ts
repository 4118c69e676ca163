/**
 * The gate between a sendable payload and the network: whether this workspace may send, with which
 * key, to which URL, whether to confirm first and how long to wait. Pure (no `vscode` import), so the
 * rules that protect the API key are unit-tested in plain Node; sendTestEvent.ts passes in
 * `workspace.isTrusted`, the stored secret and the settings' `inspect()` results.
 *
 * Every setting here is read from User settings (application scope) or the default only: a cloned
 * repository must not redirect the key, skip the confirmation, or stretch the timeout.
 */
import { checkApiKey } from './apiKeyRules';
import { resolveEndpoint, userOrDefault, type InspectedSetting } from './endpoint';
import { UNTRUSTED_MESSAGE } from './preflight';

export interface SendSettingsInspection {
  endpoint?: InspectedSetting<string>;
  confirm?: InspectedSetting<boolean>;
  timeoutSeconds?: InspectedSetting<number>;
}

export interface SendPlanInput {
  /** `vscode.workspace.isTrusted`: untrusted workspaces never send (package.json `untrustedWorkspaces`). */
  trusted: boolean;
  /** The key from SecretStorage. */
  storedKey: string | undefined;
  settings: SendSettingsInspection;
}

export type SendPlan =
  { ok: true; url: URL; key: string; confirm: boolean; timeoutSeconds: number } | { ok: false; message: string; action?: 'setApiKey' | 'openEndpointSetting' };

export const DEFAULT_TIMEOUT_SECONDS = 15;
const MIN_TIMEOUT_SECONDS = 1;
const MAX_TIMEOUT_SECONDS = 120;

export function planSend(input: SendPlanInput): SendPlan {
  if (!input.trusted) return { ok: false, message: UNTRUSTED_MESSAGE };
  if (!input.storedKey)
    return { ok: false, message: 'Not sent: no Regal API key is set. Set it with "Regal: Set API Key", then send again.', action: 'setApiKey' };
  // A key stored before the current rules (or by hand) must still be a safe header value: no line
  // breaks (header injection), ASCII only. checkApiKey's messages never repeat the key.
  const key = checkApiKey(input.storedKey);
  if (!key.ok || key.key !== input.storedKey) {
    const reason = key.ok ? 'it has spaces around it.' : key.message.replace(/;? paste it again\.?$/i, '.');
    return { ok: false, message: `Not sent: the stored Regal API key cannot be used: ${reason} Set it again with "Regal: Set API Key".`, action: 'setApiKey' };
  }
  const endpoint = resolveEndpoint(input.settings.endpoint);
  if (!endpoint.ok) return { ok: false, message: `Not sent: ${endpoint.message}`, action: 'openEndpointSetting' };
  const confirm = userOrDefault<unknown>(input.settings.confirm, true);
  const timeout = userOrDefault<unknown>(input.settings.timeoutSeconds, DEFAULT_TIMEOUT_SECONDS);
  return {
    ok: true,
    url: endpoint.url,
    key: key.key,
    confirm: typeof confirm === 'boolean' ? confirm : true,
    timeoutSeconds:
      typeof timeout === 'number' && Number.isFinite(timeout) ? Math.min(MAX_TIMEOUT_SECONDS, Math.max(MIN_TIMEOUT_SECONDS, timeout)) : DEFAULT_TIMEOUT_SECONDS,
  };
}
