/**
 * The send history's records and how the list stays bounded. Pure, unit-tested in plain Node; the
 * storage (globalState) is in sendHistoryStore.ts.
 *
 * An entry holds what the user needs to reopen or resend a test event and nothing secret: no API key,
 * no request headers (the key travels only in the Authorization header, and bodies are redacted
 * before they get here).
 */

export interface SendHistoryEntry {
  /** ISO time the send started. */
  time: string;
  endpoint: string;
  /** HTTP status when Regal answered. */
  status?: number;
  /** Why there is no status (timeout, network error, cancelled). */
  error?: string;
  latencyMs?: number;
  /** The exact body that was posted. */
  payload: string;
  /** Name of the payload file it was rendered from (or of the entry it was resent from). */
  source: string;
  /** Regal's answer (redacted, possibly truncated). */
  response?: string;
}

/** Adds `entry` in front (newest first) and keeps at most `size` entries; a size of 0 or less keeps none. */
export function appendBounded(entries: readonly SendHistoryEntry[], entry: SendHistoryEntry, size: number): SendHistoryEntry[] {
  const limit = Number.isFinite(size) ? Math.max(0, Math.floor(size)) : 0;
  return [entry, ...entries].slice(0, limit);
}

/** Reads what globalState holds, dropping anything that is not a well-formed entry (older versions, hand edits). */
export function readEntries(stored: unknown): SendHistoryEntry[] {
  if (!Array.isArray(stored)) return [];
  return stored.filter(
    (e): e is SendHistoryEntry =>
      !!e && typeof e === 'object' && typeof e.time === 'string' && typeof e.endpoint === 'string' && typeof e.payload === 'string' && typeof e.source === 'string',
  );
}

/** One line for the quick pick: outcome first, since that is what the user scans for. */
export function describeEntry(entry: SendHistoryEntry): { label: string; description: string; detail: string } {
  const outcome = entry.status !== undefined ? `${entry.status}` : (entry.error ?? 'no answer');
  const latency = entry.latencyMs !== undefined ? ` · ${entry.latencyMs} ms` : '';
  return {
    label: `${outcome} · ${entry.source}`,
    description: `${new Date(entry.time).toLocaleString()}${latency}`,
    detail: entry.endpoint,
  };
}
