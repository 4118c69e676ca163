/**
 * Regal rules that a JSON Schema cannot say well: identity (an identifier, and a phone to call),
 * phone literals libphonenumber reads, event names, duplicate keys and the legacy-shape hint.
 */
import type { Finding } from '../diagnosticCodes';
import { findProperty, keyOf, propertiesOf, valueOf, type Node } from '../json/jsonTree';
import { readPhone } from '../regal/phoneNumbers';
import { regalEmittedEvents } from '../regal/regalEmittedEvents';
import type { TemplateIndex } from '../template/templateIndex';
import { quoted } from '../util/plainText';

export function payloadLints(root: Node, source: string, template: TemplateIndex): Finding[] {
  if (root.type !== 'object') return [];
  const findings: Finding[] = [];
  duplicateKeys(root, source, findings);
  const traitsProperty = findProperty(root, 'traits', source);
  const traits = valueOf(traitsProperty);
  identity(root, traitsProperty, traits, source, template, findings);
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
          message: `Duplicate key ${quoted(key)}: remove one of the copies. Regal keeps only the last value.`,
          data: { key, firstOffset: firstKey.offset },
          related: [{ start: firstKey.offset, end: firstKey.offset + firstKey.length, message: `First ${quoted(key)}` }],
        });
      } else {
        seen.set(key, property);
      }
    }
  }
  for (const child of node.children ?? []) duplicateKeys(child, source, findings);
}

/**
 * Identity, per Regal's API reference (docs/regal.md §1.4, §5.1): a contact or event is matched by
 * `userId`, a phone or an email; with none of them Regal can do nothing (`missing-identifier`). Without
 * a phone Regal cannot call or text the contact, the reason the Iterable guide asks for one
 * (`missing-phone`), except for an event matched by `userId`, which refers to a contact Regal has.
 */
function identity(root: Node, traitsProperty: Node | undefined, traits: Node | undefined, source: string, template: TemplateIndex, findings: Finding[]): void {
  // `"traits": {{{toJson profile}}}` may hold a phone once rendered: nothing to say before that.
  if (traits && template.isValuePlaceholder(traits)) return;
  const phones = valueOf(findProperty(traits, 'phones', source));
  const emails = valueOf(findProperty(traits, 'emails', source));
  if ((phones && phones.type !== 'object') || (emails && emails.type !== 'object')) return; // a type error says what is wrong there
  const hasPhone = valueOf(findProperty(traits, 'phone', source)) !== undefined || propertiesOf(phones).length > 0;
  if (hasPhone) return;
  const hasEmail = valueOf(findProperty(traits, 'email', source)) !== undefined || propertiesOf(emails).length > 0;
  const userId = valueOf(findProperty(root, 'userId', source));
  const hasUserId = userId !== undefined && !(userId.type === 'string' && String(userId.value).trim() === '');
  const isEvent = findProperty(root, 'name', source) !== undefined;
  const anchor = phones ? (phones.parent?.children?.[0] as Node) : traitsProperty?.children?.[0];
  const range = anchor ? { start: anchor.offset, end: anchor.offset + anchor.length } : { start: root.offset, end: root.offset + 1 };
  const addPhone = phones ? 'a number to traits.phones' : 'traits.phones or traits.phone';
  const example = phones ? 'A number is a key of traits.phones: "{{phoneNumber}}": { "isPrimary": true }.' : 'For example "phones": { "{{phoneNumber}}": {} } in traits.';
  if (!hasUserId && !hasEmail) {
    findings.push({
      code: 'missing-identifier',
      ...range,
      message: `No identifier: add "userId": "{{userId}}" or ${addPhone}. Regal needs a userId, a phone or an email to match or create the contact. ${example}`,
      data: { hasTraits: traits !== undefined },
    });
    return;
  }
  if (isEvent && hasUserId) return;
  findings.push({
    code: 'missing-phone',
    ...range,
    message: `No phone: add ${addPhone}. Regal can call or text only contacts with a phone. ${example}`,
    data: { hasTraits: traits !== undefined },
  });
}

function phoneFormat(traits: Node, source: string, template: TemplateIndex, findings: Finding[]): void {
  const check = (node: Node, phone: string, where: 'value' | 'key') => {
    if (template.containsTemplate(node)) return;
    const reading = readPhone(phone);
    if (reading.kind === 'e164') return;
    const range = { start: node.offset, end: node.offset + node.length };
    if (reading.kind === 'readable') {
      findings.push({
        code: 'phone-not-e164',
        ...range,
        message: `Phone not in E.164: write ${quoted(reading.e164)}. Regal reads ${quoted(phone)}, but its API documents phones in E.164 (+, country code, number, nothing else).`,
        data: { phone, suggestion: reading.e164, where },
      });
      return;
    }
    const { suggestion } = reading;
    findings.push({
      code: 'phone-format',
      ...range,
      message:
        `Unreadable phone ${quoted(phone)}: ${suggestion ? `write ${quoted(suggestion)}` : 'write it in E.164, such as "+16503926753"'}. ` +
        `Regal cannot read it${phone.trim().startsWith('+') ? '' : ' (no + and country code)'} and drops it without a word.`,
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
      'Legacy shape: use traits.phones instead of traits.phone and optIn[]. Regal still accepts this shape, but now recommends ' +
      'traits.phones, with the opt-ins under each number: "phones": { "{{phoneNumber}}": { "voiceOptIn": { "subscribed": true } } }.',
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
      message: 'Empty event name: name the event, such as "Application Submitted", or remove "name". Regal records an event under its name; without "name" the body only updates the contact.',
    });
  } else if (regalEmittedEvents.has(value.trim())) {
    findings.push({
      code: 'reserved-event-name',
      ...range,
      message: `Reserved event name ${quoted(value)}: use your own, such as ${quoted(suggestOwnName(value), 60)}. Regal emits this event itself; a custom event with this name is mixed up with Regal's own in journeys and reports.`,
      data: { name: value },
    });
  }
}

function suggestOwnName(reserved: string): string {
  return `Iterable ${reserved.split('.').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ')}`;
}
