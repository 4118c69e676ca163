/**
 * Answers, for a JSON node of a view, what Handlebars it holds: lookups by offset over the
 * template's mustaches (sorted by position), so each answer costs a binary search.
 */
import type { Node } from 'jsonc-parser';
import { isValueLike } from './jsonView';
import type { Block } from './blockStructure';
import type { Mustache } from './mustacheScanner';
import type { TemplateModel } from './templateModel';

export interface TemplateIndex {
  /** The template text (view offsets are source offsets). */
  source: string;
  /** Any mustache (value or tag) inside the node's range. */
  containsTemplate(node: Node): boolean;
  /** The node is the `0` placeholder of a mustache written in value position (`"age": {{age}}`). */
  isValuePlaceholder(node: Node): boolean;
  /**
   * For a string node that is exactly one value mustache (`"{{phoneNumber}}"`): its merge field
   * (or '' when the expression reads no field, like `"{{now}}"`). Undefined otherwise.
   */
  singleMergeField(node: Node): string | undefined;
  /** Mustaches whose start lies in [start, end). */
  mustachesIn(start: number, end: number): Mustache[];
  /** The template's mustaches, sorted by position, and its blocks, in the order their tags open. */
  mustaches: readonly Mustache[];
  blocks: readonly Block[];
}

export function indexTemplate(model: TemplateModel): TemplateIndex {
  const { mustaches } = model;
  const firstAtOrAfter = (offset: number) => {
    let low = 0;
    let high = mustaches.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (mustaches[mid].start < offset) low = mid + 1;
      else high = mid;
    }
    return low;
  };
  const mustachesIn = (start: number, end: number) => {
    const result: Mustache[] = [];
    for (let i = firstAtOrAfter(start); i < mustaches.length && mustaches[i].start < end; i++) result.push(mustaches[i]);
    return result;
  };
  return {
    source: model.text,
    mustachesIn,
    mustaches,
    blocks: model.blocks,
    containsTemplate(node) {
      const i = firstAtOrAfter(node.offset);
      return i < mustaches.length && mustaches[i].start < node.offset + node.length;
    },
    isValuePlaceholder(node) {
      const i = firstAtOrAfter(node.offset);
      const m = mustaches[i];
      return m !== undefined && m.start === node.offset && !m.inString && isValueLike(m);
    },
    singleMergeField(node) {
      if (node.type !== 'string') return undefined;
      const innerStart = node.offset + 1;
      const innerEnd = node.offset + node.length - 1;
      const i = firstAtOrAfter(innerStart);
      const m = mustaches[i];
      // Mustaches never overlap, so one that spans the whole inside is the only one.
      if (!m || m.start !== innerStart || m.end !== innerEnd || !isValueLike(m)) return undefined;
      const expression = model.expressionAt(i);
      if (!expression) return '';
      if (expression.head && !expression.head.isHelper) return expression.head.name;
      return expression.fields[0]?.name ?? '';
    },
  };
}
