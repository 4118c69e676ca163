/**
 * `empty-event-name`: Regal records an event under its name (docs/regal.md).
 */
import { literalEventName, parsedEventName } from './eventName';
import type { RuleDefinition } from './ruleDefinition';

export const emptyEventName: RuleDefinition<'empty-event-name'> = {
  code: 'empty-event-name',
  severity: 'error',
  stage: 'payload',
  meaning: 'An empty event `name`: Regal records events by name.',
  example: '`"name": ""`',
  check: ({ root, source, template }) => {
    const name = literalEventName(root, source, template);
    if (!name || name.value.trim() !== '') return [];
    return [
      {
        start: name.node.offset,
        end: name.node.offset + name.node.length,
        message:
          'Empty event name: name the event, such as "Application Submitted", or remove "name". Regal records an event under its name; without "name" the body only updates the contact.',
      },
    ];
  },
  mayReport: (instance) => parsedEventName(instance) === '',
};
