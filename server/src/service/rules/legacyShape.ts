/**
 * `legacy-shape`: `traits.phone` / `optIn[]`, the shape of Regal's Iterable guide, where Regal now
 * recommends `traits.phones` (docs/regal.md). A hint, with a conversion.
 */
import { legacyShapeFix } from '../codeActions/legacyShapeFix';
import { findProperty, keyOf, valueOf, type Node } from '../json/jsonTree';
import { has, isObject } from '../util/parsedValue';
import type { RuleDefinition } from './ruleDefinition';

export type LegacyShapeData = { legacyKeys: string[] };

const LEGACY_KEYS = ['phone', 'optIn'];

export const legacyShape: RuleDefinition<'legacy-shape', LegacyShapeData> = {
  code: 'legacy-shape',
  severity: 'hint',
  stage: 'payload',
  meaning: 'The payload uses `traits.phone` / `optIn[]`; Regal now recommends `traits.phones`.',
  example: '`"traits": { "phone": "{{phoneNumber}}" }`',
  check: ({ root, source }) => {
    const traits = valueOf(findProperty(root, 'traits', source));
    if (traits?.type !== 'object') return [];
    const legacy = LEGACY_KEYS.map((key) => findProperty(traits, key, source)).filter((p): p is Node => p !== undefined);
    if (legacy.length === 0) return [];
    const first = legacy.sort((a, b) => a.offset - b.offset)[0].children?.[0] as Node;
    return [
      {
        start: first.offset,
        end: first.offset + first.length,
        message:
          'Legacy shape: use traits.phones instead of traits.phone and optIn[]. Regal still accepts this shape, but now recommends ' +
          'traits.phones, with the opt-ins under each number: "phones": { "{{phoneNumber}}": { "voiceOptIn": { "subscribed": true } } }.',
        data: { legacyKeys: legacy.map((p) => keyOf(p, source)) },
      },
    ];
  },
  mayReport: (instance) => isObject(instance) && isObject(instance.traits) && LEGACY_KEYS.some((key) => has(instance.traits as Record<string, unknown>, key)),
  fixes: (context) => legacyShapeFix(context, [context.diagnostic]),
};
