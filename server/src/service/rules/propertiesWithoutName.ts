/**
 * `properties-without-name`: event `properties` in a body with no event `name`. Regal records an
 * event only when the body names it, and its properties are that event's (docs/regal.md §1.2): a
 * body without `name` only updates the contact, so the properties go nowhere.
 */
import { findProperty, type Node } from '../json/jsonTree';
import { has, isObject } from '../util/parsedValue';
import type { RuleDefinition } from './ruleDefinition';

export const propertiesWithoutName: RuleDefinition<'properties-without-name'> = {
  code: 'properties-without-name',
  severity: 'warning',
  stage: 'payload',
  meaning:
    'Event `properties` in a body without an event `name`: Regal records an event only when the body names it, so the properties are not stored. Name the event, or move contact data into `traits`.',
  example: '`{ "traits": { … }, "properties": { "plan": "gold" } }`',
  check: ({ root, source }) => {
    if (root.type !== 'object' || findProperty(root, 'name', source)) return [];
    const properties = findProperty(root, 'properties', source);
    const key = properties?.children?.[0] as Node | undefined;
    if (!key) return [];
    return [
      {
        start: key.offset,
        end: key.offset + key.length,
        message:
          'Properties without an event name: add "name", or move contact data into traits. ' +
          'Regal records an event, and its properties, only when the body names it, such as "name": "Application Submitted"; without "name" the body only updates the contact.',
      },
    ];
  },
  mayReport: (instance) => isObject(instance) && has(instance, 'properties') && !has(instance, 'name'),
};
