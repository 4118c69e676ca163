/**
 * Checks across the workspace's payload files. Regal fixes the type of an event property or
 * contact attribute the first time it sees it (docs/regal.md §1.6, inference 5 of §2.4), so one key
 * sent as two JSON types by two templates is a latent bug; and event names are case-sensitive
 * (§1.6, [S23]), so `Signup Completed` and `signup_completed` are two events that journeys tell apart.
 */
import type { Finding } from '../diagnosticCodes';
import { fileLabel } from './fileLabel';
import type { PayloadFacts } from './payloadFacts';
import type { PayloadFileSummary } from './workspaceContext';
import { quoted } from '../util/plainText';

/** How many other files a finding points at; more would bury the message. */
const MAX_RELATED = 5;

export function inconsistentTypes(facts: PayloadFacts, files: readonly PayloadFileSummary[]): Finding[] {
  const findings: Finding[] = [];
  for (const [key, here] of facts.valueTypes) {
    // `null` sets no type: it is how a template says "unknown" for any type.
    if (here.type === 'null') continue;
    const others = files.flatMap((file) => {
      const there = file.valueTypes.get(key);
      return there && there.type !== here.type && there.type !== 'null' ? [{ uri: file.uri, ...there }] : [];
    });
    if (others.length === 0) continue;
    const what = describeKey(key);
    const first = others[0];
    const more = others.length > 1 ? ` (and ${others.length - 1} other file${others.length > 2 ? 's' : ''})` : '';
    findings.push({
      code: 'inconsistent-type',
      start: here.start,
      end: here.end,
      message:
        `${what} has another type in ${fileLabel(first.uri)}: send one type everywhere. ` +
        `It is sent as ${article(here.type)} here but as ${article(first.type)} there${more}. Regal fixes a property's type the first time it sees it, so the other type is not stored as intended.`,
      data: { key, type: here.type, otherTypes: [...new Set(others.map((o) => o.type))] },
      relatedElsewhere: others.slice(0, MAX_RELATED).map((o) => ({ uri: o.uri, range: o.range, message: `${what} is sent as ${article(o.type)} here.` })),
    });
  }
  return findings;
}

export function similarEventNames(facts: PayloadFacts, files: readonly PayloadFileSummary[]): Finding[] {
  const here = facts.eventName;
  if (!here) return [];
  const normalized = normalizeEventName(here.name);
  const others = files.flatMap((file) =>
    file.eventNames.filter((e) => e.name !== here.name && normalizeEventName(e.name) === normalized).map((e) => ({ uri: file.uri, ...e })),
  );
  if (others.length === 0) return [];
  const similar = [...new Set(others.map((o) => o.name))];
  return [
    {
      code: 'similar-event-name',
      start: here.start,
      end: here.end,
      message:
        `Similar event name ${quoted(similar[0], 30)} in ${fileLabel(others[0].uri)}: use one spelling. ` +
        `${quoted(here.name)} differs from it only by case or separators; Regal's event names are case-sensitive, so these are two different events and a journey triggered by one never sees the other.`,
      data: { name: here.name, similar },
      relatedElsewhere: others.slice(0, MAX_RELATED).map((o) => ({ uri: o.uri, range: o.range, message: `The event is named ${quoted(o.name)} here.` })),
    },
  ];
}

/** `Signup Completed`, `signup completed`, `Signup_Completed` and `signup-completed` all read `signupcompleted`. */
export function normalizeEventName(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, '');
}

function describeKey(key: string): string {
  const dot = key.indexOf('.');
  const name = key.slice(dot + 1);
  return key.startsWith('properties.') ? `Event property ${quoted(name, 30)}` : `Custom trait ${quoted(name, 30)}`;
}

function article(type: string): string {
  return type === 'null' ? 'null' : `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}
