/**
 * Regal rules that a JSON Schema cannot say well: the required phone (either shape), E.164 phone
 * literals, event names, duplicate keys and the legacy-shape hint.
 */
import type { Finding } from '../diagnosticCodes';
import { findProperty, keyOf, propertiesOf, valueOf, type Node } from '../json/jsonTree';
import { isE164, suggestE164 } from '../regal/phoneNumbers';
import { regalEmittedEvents } from '../regal/regalEmittedEvents';
import type { TemplateIndex } from '../template/templateIndex';

export function payloadLints(root: Node, source: string, template: TemplateIndex): Finding[] {
  if (root.type !== 'object') return [];
  const findings: Finding[] = [];
  duplicateKeys(root, source, findings);
  const traitsProperty = findProperty(root, 'traits', source);
  const traits = valueOf(traitsProperty);
  missingPhone(root, traitsProperty, traits, source, template, findings);
  if (traits?.type === 'object') {
    phoneFormat(traits, source, template, findings);
    legacyShape(traits, source, findings);
  }
  eventName(root, source, template, findings);
  return findings;
}

function duplicateKeys(node: Node, source: string, findings: Finding[]): void {
  if (node.type === 'object') {
    const seen = new Map<string, Node>();
    for (const property of node.children ?? []) {
      const key = keyOf(property, source);
      const keyNode = property.children?.[0];
      const first = seen.get(key);
      if (first && keyNode) {
        const firstKey = first.children?.[0] as Node;
        findings.push({
          code: 'duplicate-key',
          start: keyNode.offset,
          end: keyNode.offset + keyNode.length,
          message: `\`${key}\` appears twice in this object; Regal keeps only the last value. Remove one of them.`,
          data: { key, firstOffset: firstKey.offset },
          related: [{ start: firstKey.offset, end: firstKey.offset + firstKey.length, message: `First \`${key}\`` }],
        });
      } else {
        seen.set(key, property);
      }
    }
  }
  for (const child of node.children ?? []) duplicateKeys(child, source, findings);
}

function missingPhone(root: Node, traitsProperty: Node | undefined, traits: Node | undefined, source: string, template: TemplateIndex, findings: Finding[]): void {
  // `"traits": {{{toJson profile}}}` may hold a phone once rendered: nothing to say before that.
  if (traits && template.isValuePlaceholder(traits)) return;
  const phone = valueOf(findProperty(traits, 'phone', source));
  const phones = valueOf(findProperty(traits, 'phones', source));
  if (phone) return;
  if (phones?.type === 'object' && propertiesOf(phones).length > 0) return;
  if (phones && phones.type !== 'object') return; // a type error says what is wrong there
  const anchor = phones ? (phones.parent?.children?.[0] as Node) : traitsProperty?.children?.[0];
  const range = anchor ? { start: anchor.offset, end: anchor.offset + anchor.length } : { start: root.offset, end: root.offset + 1 };
  findings.push({
    code: 'missing-phone',
    ...range,
    message: phones
      ? '`traits.phones` has no number: add one, e.g. `"{{phoneNumber}}": { "isPrimary": true }`. The phone is the one field Regal requires.'
      : 'No phone: add `traits.phones` (e.g. `"phones": { "{{phoneNumber}}": {} }`) or `traits.phone`. The phone is the one field Regal requires.',
    data: { hasTraits: traits !== undefined },
  });
}

function phoneFormat(traits: Node, source: string, template: TemplateIndex, findings: Finding[]): void {
  const check = (node: Node, phone: string, where: 'value' | 'key') => {
    if (template.containsTemplate(node) || isE164(phone)) return;
    const suggestion = suggestE164(phone);
    findings.push({
      code: 'phone-format',
      start: node.offset,
      end: node.offset + node.length,
      message:
        `\`${phone}\` is not an E.164 phone number (\`+\`, country code, number, no spaces or dashes); ` +
        `Regal silently drops numbers it cannot parse.${suggestion ? ` Write \`${suggestion}\`.` : ''}`,
      data: { phone, suggestion, where },
    });
  };
  const phone = valueOf(findProperty(traits, 'phone', source));
  if (phone?.type === 'string') check(phone, String(phone.value), 'value');
  const phones = valueOf(findProperty(traits, 'phones', source));
  for (const property of propertiesOf(phones)) {
    const keyNode = property.children?.[0];
    if (keyNode) check(keyNode, keyOf(property, source), 'key');
  }
}

function legacyShape(traits: Node, source: string, findings: Finding[]): void {
  const legacy = ['phone', 'optIn'].map((key) => findProperty(traits, key, source)).filter((p): p is Node => p !== undefined);
  if (legacy.length === 0) return;
  const first = legacy.sort((a, b) => a.offset - b.offset)[0].children?.[0] as Node;
  findings.push({
    code: 'legacy-shape',
    start: first.offset,
    end: first.offset + first.length,
    message:
      'This payload uses the legacy `traits.phone` / `optIn[]` shape. Regal still accepts it, but now recommends ' +
      '`traits.phones` (opt-ins per number: `"phones": { "{{phoneNumber}}": { "voiceOptIn": { "subscribed": true } } }`).',
    data: { legacyKeys: legacy.map((p) => keyOf(p, source)) },
  });
}

function eventName(root: Node, source: string, template: TemplateIndex, findings: Finding[]): void {
  const name = valueOf(findProperty(root, 'name', source));
  if (name?.type !== 'string' || template.containsTemplate(name)) return;
  const value = String(name.value);
  const range = { start: name.offset, end: name.offset + name.length };
  if (value.trim() === '') {
    findings.push({
      code: 'empty-event-name',
      ...range,
      message: 'The event `name` is empty: Regal records an event under its name. Name it (e.g. "Application Submitted") or remove `name` to only update the contact.',
    });
  } else if (regalEmittedEvents.has(value.trim())) {
    findings.push({
      code: 'reserved-event-name',
      ...range,
      message: `\`${value}\` is an event Regal emits itself; a custom event with this name is mixed up with Regal's own in journeys and reports. Use your own name, e.g. "${suggestOwnName(value)}".`,
      data: { name: value },
    });
  }
}

function suggestOwnName(reserved: string): string {
  return `Iterable ${reserved.split('.').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ')}`;
}
