/**
 * The literal phones of a payload: `traits.phone`'s value and the keys of `traits.phones` (a number
 * is a key there). Phones with a merge field are left to the rendered value. Read by the
 * `phone-format` and `phone-not-e164` rules.
 */
import { findProperty, keyOf, propertiesOf, valueOf, type Node } from '../json/jsonTree';
import type { TemplateIndex } from '../template/templateIndex';
import { has, isObject } from '../util/parsedValue';
import { isE164, readPhone, type PhoneReading } from './phoneNumbers';

export interface PhoneLiteral {
  node: Node;
  phone: string;
  where: 'value' | 'key';
  reading: PhoneReading;
}

export function phoneLiterals(root: Node, source: string, template: TemplateIndex): PhoneLiteral[] {
  const traits = valueOf(findProperty(root, 'traits', source));
  if (traits?.type !== 'object') return [];
  const literals: PhoneLiteral[] = [];
  const add = (node: Node, phone: string, where: 'value' | 'key') => {
    if (!template.containsTemplate(node)) literals.push({ node, phone, where, reading: readPhone(phone) });
  };
  const phone = valueOf(findProperty(traits, 'phone', source));
  if (phone?.type === 'string') add(phone, String(phone.value), 'value');
  for (const property of propertiesOf(valueOf(findProperty(traits, 'phones', source)))) {
    const keyNode = property.children?.[0];
    if (keyNode) add(keyNode, keyOf(property, source), 'key');
  }
  return literals;
}

/**
 * For the fast path: whether a JSON.parse value has a phone literal not in E.164. A view's string
 * keeps a value mustache's `{{`, so "has `{{`" stands for "contains a template".
 */
export function mayHaveNonE164Phone(instance: unknown): boolean {
  if (!isObject(instance) || !isObject(instance.traits)) return false;
  const traits = instance.traits;
  const literal = (phone: string) => !phone.includes('{{') && !isE164(phone);
  if (has(traits, 'phone') && typeof traits.phone === 'string' && literal(traits.phone)) return true;
  if (!isObject(traits.phones)) return false;
  for (const number in traits.phones) if (literal(number)) return true;
  return false;
}
