/**
 * `reserved-event-name`: an event name Regal emits itself (docs/regal.md).
 */
import { regalEmittedEvents } from '../regal/regalEmittedEvents';
import { quoted } from '../util/plainText';
import { literalEventName, parsedEventName } from './eventName';
import type { RuleDefinition } from './ruleDefinition';

export type ReservedEventNameData = { name: string };

export const reservedEventName: RuleDefinition<'reserved-event-name', ReservedEventNameData> = {
  code: 'reserved-event-name',
  severity: 'warning',
  stage: 'payload',
  meaning: 'An event `name` that Regal emits itself (such as `contact.created` or `sms.sent`).',
  example: '`"name": "contact.created"`',
  check: ({ root, source, template }) => {
    const name = literalEventName(root, source, template);
    if (!name || !regalEmittedEvents.has(name.value.trim())) return [];
    const value = name.value;
    return [
      {
        start: name.node.offset,
        end: name.node.offset + name.node.length,
        message: `Reserved event name ${quoted(value)}: use your own, such as ${quoted(suggestOwnName(value), 60)}. Regal emits this event itself; a custom event with this name is mixed up with Regal's own in journeys and reports.`,
        data: { name: value },
      },
    ];
  },
  mayReport: (instance) => {
    const name = parsedEventName(instance);
    return name !== undefined && regalEmittedEvents.has(name);
  },
};

function suggestOwnName(reserved: string): string {
  return `Iterable ${reserved
    .split('.')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ')}`;
}
