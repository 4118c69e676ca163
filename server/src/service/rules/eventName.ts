/**
 * The literal event `name` both event-name rules read: on the tree for their checks, on the
 * JSON.parse value for their fast-path triggers. A name with a merge field is left to rendering.
 */
import { findProperty, valueOf, type Node } from '../json/jsonTree';
import type { TemplateIndex } from '../template/templateIndex';
import { has, isObject } from '../util/parsedValue';

export function literalEventName(root: Node, source: string, template: TemplateIndex): { node: Node; value: string } | undefined {
  if (root.type !== 'object') return undefined;
  const name = valueOf(findProperty(root, 'name', source));
  if (name?.type !== 'string' || template.containsTemplate(name)) return undefined;
  return { node: name, value: String(name.value) };
}

/** The trimmed literal name in a JSON.parse value (a view keeps a value mustache's `{{`). */
export function parsedEventName(instance: unknown): string | undefined {
  if (!isObject(instance) || !has(instance, 'name') || typeof instance.name !== 'string' || instance.name.includes('{{')) return undefined;
  return instance.name.trim();
}
