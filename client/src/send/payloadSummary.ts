/**
 * A short description of a rendered payload for the confirmation dialog: what Regal will record
 * (event name), for whom (userId, phones) and how big it is. Pure, unit-tested in plain Node.
 * Field names follow Regal's events API (docs/regal.md §1.2, §1.3): `name`, `userId`, `traits.phone`
 * (legacy shape) and the keys of `traits.phones` (current shape).
 */

export interface PayloadSummary {
  eventName?: string;
  userId?: string;
  phones: string[];
  bytes: number;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

export function summarizePayload(text: string): PayloadSummary {
  const summary: PayloadSummary = { phones: [], bytes: new TextEncoder().encode(text).length };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return summary;
  }
  if (!isObject(parsed)) return summary;
  if (typeof parsed.name === 'string') summary.eventName = parsed.name;
  if (typeof parsed.userId === 'string' || typeof parsed.userId === 'number') summary.userId = String(parsed.userId);
  const traits = parsed.traits;
  if (isObject(traits)) {
    if (typeof traits.phone === 'string' && traits.phone !== '') summary.phones.push(traits.phone);
    if (isObject(traits.phones)) summary.phones.push(...Object.keys(traits.phones));
  }
  return summary;
}

/** The dialog's lines: endpoint first, then the payload facts; blanks say so rather than vanish. */
export function describeSummary(endpoint: string, summary: PayloadSummary): string {
  return [
    `Endpoint: ${endpoint}`,
    `Event name: ${summary.eventName !== undefined ? summary.eventName || '(empty)' : '(none: contact update only)'}`,
    `userId: ${summary.userId !== undefined ? summary.userId || '(empty)' : '(none)'}`,
    `Phone${summary.phones.length === 1 ? '' : 's'}: ${summary.phones.length ? summary.phones.join(', ') : '(none)'}`,
    `Size: ${summary.bytes} bytes`,
  ].join('\n');
}
