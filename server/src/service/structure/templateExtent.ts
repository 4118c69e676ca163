/**
 * Where JSON nodes of view 0 really end in the template: a value written as a block
 * (`"s": {{#if x}}true{{else}}false{{/if}}`) or as a mustache (`"age": {{age}}`) parses, in view 0,
 * as the one branch or placeholder character it renders, but in the source it runs to `{{/if}}`
 * or `}}`. Outline and selection ranges use the source extent.
 */
import type { Node } from 'jsonc-parser';
import { blockEnd, type Block } from '../template/blockStructure';
import type { Mustache } from '../template/mustacheScanner';
import type { TemplateIndex } from '../template/templateIndex';
import type { TemplateModel } from '../template/templateModel';

export interface TemplateExtent {
  /** The end of a node once every mustache and block that starts inside it is included. */
  endOf(node: Node): number;
  /** The block a tag (open, else or close) belongs to. */
  blockOfTag(m: Mustache): Block | undefined;
}

export function templateExtent(template: TemplateModel, index: TemplateIndex): TemplateExtent {
  const blockByTag = new Map<Mustache, Block>();
  for (const block of template.blocks) {
    blockByTag.set(block.open, block);
    for (const branch of block.branches) if (branch.elseTag) blockByTag.set(branch.elseTag, block);
    if (block.close) blockByTag.set(block.close, block);
  }
  return {
    blockOfTag: (m) => blockByTag.get(m),
    endOf(node) {
      let from = node.offset;
      let end = node.offset + node.length;
      while (from < end) {
        const scanned = end;
        for (const m of index.mustachesIn(from, end)) {
          end = Math.max(end, m.end);
          const block = blockByTag.get(m);
          if (block && block.close && m !== block.close) end = Math.max(end, blockEnd(block));
        }
        from = scanned;
      }
      return end;
    },
  };
}
