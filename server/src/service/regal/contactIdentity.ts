/**
 * How a payload identifies its contact, per Regal's API reference (docs/regal.md §1.4, §5.1): by
 * `userId`, a phone or an email. Read by the `missing-identifier` and `missing-phone` rules, on the
 * tree (their checks) and on the JSON.parse value (their fast-path trigger).
 */
import { findProperty, propertiesOf, valueOf, type Node } from '../json/jsonTree';
import type { TemplateIndex } from '../template/templateIndex';
import { has, isObject } from '../util/parsedValue';

export interface ContactIdentity {
  hasPhone: boolean;
  hasEmail: boolean;
  hasUserId: boolean;
  /** A body with `name` is an event; an event by `userId` refers to a contact Regal already has. */
  isEvent: boolean;
  hasTraits: boolean;
  hasPhonesObject: boolean;
  /** Where a finding about the identity goes: the `phones` key, else the `traits` key, else the first `{`. */
  range: { start: number; end: number };
}

/**
 * The identity of a payload's tree, or undefined when it cannot be told before rendering
 * (`"traits": {{{toJson profile}}}`) or when a type error already says what is wrong.
 */
export function readContactIdentity(root: Node, source: string, template: TemplateIndex): ContactIdentity | undefined {
  const traitsProperty = findProperty(root, 'traits', source);
  const traits = valueOf(traitsProperty);
  if (traits && template.isValuePlaceholder(traits)) return undefined;
  const phones = valueOf(findProperty(traits, 'phones', source));
  const emails = valueOf(findProperty(traits, 'emails', source));
  if ((phones && phones.type !== 'object') || (emails && emails.type !== 'object')) return undefined;
  const userId = valueOf(findProperty(root, 'userId', source));
  const anchor = phones ? (phones.parent?.children?.[0] as Node) : traitsProperty?.children?.[0];
  return {
    hasPhone: valueOf(findProperty(traits, 'phone', source)) !== undefined || propertiesOf(phones).length > 0,
    hasEmail: valueOf(findProperty(traits, 'email', source)) !== undefined || propertiesOf(emails).length > 0,
    hasUserId: userId !== undefined && !(userId.type === 'string' && String(userId.value).trim() === ''),
    isEvent: findProperty(root, 'name', source) !== undefined,
    hasTraits: traits !== undefined,
    hasPhonesObject: phones !== undefined,
    range: anchor ? { start: anchor.offset, end: anchor.offset + anchor.length } : { start: root.offset, end: root.offset + 1 },
  };
}

/** What to add, and an example, in the messages of both identity rules. */
export function phoneAdvice(identity: ContactIdentity): { addPhone: string; example: string } {
  return identity.hasPhonesObject
    ? { addPhone: 'a number to traits.phones', example: 'A number is a key of traits.phones: "{{phoneNumber}}": { "isPrimary": true }.' }
    : { addPhone: 'traits.phones or traits.phone', example: 'For example "phones": { "{{phoneNumber}}": {} } in traits.' };
}

/**
 * For the fast path: whether a JSON.parse value (valid, schema-accepted) could lack a phone. No
 * where the tree has one; yes in every case the tree check might report, including placeholders.
 */
export function mayLackPhone(instance: unknown): boolean {
  if (!isObject(instance)) return false;
  if (!has(instance, 'traits')) return true;
  const traits = instance.traits;
  if (!isObject(traits)) return true;
  if (has(traits, 'phone')) return false;
  const phones = traits.phones;
  if (!isObject(phones)) return true;
  for (const number in phones) if (has(phones, number)) return false;
  return true;
}
