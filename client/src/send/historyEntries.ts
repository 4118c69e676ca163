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
  /** The payload was too big to keep whole: it is shown cut, and cannot be resent from the history. */
  payloadTruncated?: boolean;
}

/** The most entries kept, whatever the setting says (the manifest's maximum). */
export const MAX_HISTORY_ENTRIES = 200;
/** What one entry keeps of its payload and of Regal's response. */
export const MAX_ENTRY_PAYLOAD_CHARS = 64 * 1024;
export const MAX_ENTRY_RESPONSE_CHARS = 16 * 1024;
/** The whole history stays under this (globalState is loaded into memory at every start). */
export const MAX_HISTORY_CHARS = 1024 * 1024;

const CUT_NOTE = '\n… (cut: the history keeps the first part only)';

/** The entry as the history stores it: payload and response cut to their limits. */
export function boundEntry(entry: SendHistoryEntry): SendHistoryEntry {
  const bounded = { ...entry };
  if (entry.payload.length > MAX_ENTRY_PAYLOAD_CHARS) {
    bounded.payload = entry.payload.slice(0, MAX_ENTRY_PAYLOAD_CHARS) + CUT_NOTE;
    bounded.payloadTruncated = true;
  }
  if (entry.response !== undefined && entry.response.length > MAX_ENTRY_RESPONSE_CHARS)
    bounded.response = entry.response.slice(0, MAX_ENTRY_RESPONSE_CHARS) + CUT_NOTE;
  return bounded;
}

const sizeOf = (entry: SendHistoryEntry) => entry.payload.length + (entry.response?.length ?? 0) + entry.source.length + entry.endpoint.length + 100;

/**
 * Adds `entry` in front (newest first) and keeps at most `size` entries (clamped to 0–200; 0 keeps
 * none), each cut to its limits, and only as many of the oldest as fit in MAX_HISTORY_CHARS.
 */
export function appendBounded(entries: readonly SendHistoryEntry[], entry: SendHistoryEntry, size: number): SendHistoryEntry[] {
  const limit = Number.isFinite(size) ? Math.min(MAX_HISTORY_ENTRIES, Math.max(0, Math.floor(size))) : 0;
  const kept: SendHistoryEntry[] = [];
  let total = 0;
  for (const candidate of [entry, ...entries].slice(0, limit)) {
    const bounded = boundEntry(candidate);
    total += sizeOf(bounded);
    if (total > MAX_HISTORY_CHARS) break;
    kept.push(bounded);
  }
  return kept;
}

/** Reads what globalState holds, dropping anything that is not a well-formed entry (older versions, hand edits). */
export function readEntries(stored: unknown): SendHistoryEntry[] {
  if (!Array.isArray(stored)) return [];
  return stored.filter(
    (e): e is SendHistoryEntry =>
      !!e &&
      typeof e === 'object' &&
      typeof e.time === 'string' &&
      typeof e.endpoint === 'string' &&
      typeof e.payload === 'string' &&
      typeof e.source === 'string',
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
