/**
 * The outline of a payload: one symbol per JSON property (array items by index) with a preview of
 * its value, and the block helpers that wrap members (`{{#if email}}` … `{{/if}}`) as symbols
 * holding the members they wrap. Built from view 0, which jsonc-parser parses with error
 * recovery, so a payload with syntax errors still has an outline.
 */
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { keyOf, nodeAtOffset, valueOf, type Node } from '../json/jsonTree';
import type { PayloadAnalysis } from '../payloadAnalysis';
import { blockEnd, type Block } from '../template/blockStructure';
import type { TemplateIndex } from '../template/templateIndex';
import { SLICE_ITEMS, type Steps } from '../util/steps';
import { templateExtent, type TemplateExtent } from './templateExtent';

interface Context {
  document: TextDocument;
  index: TemplateIndex;
  extent: TemplateExtent;
  /** Blocks that sit between the members of each object or array. */
  blocksOf: Map<Node, Block[]>;
  /** Members and blocks handled so far, to yield every SLICE_ITEMS. */
  handled: number;
}

const PREVIEW_LENGTH = 48;

/** In steps (util/steps.ts): a slice of blocks, then of members, at a time. */
export function* documentSymbols(document: TextDocument, analysis: PayloadAnalysis): Steps<DocumentSymbol[]> {
  const { root, index } = analysis;
  if (!root || !index || (root.type !== 'object' && root.type !== 'array')) return [];
  const blocksOf = new Map<Node, Block[]>();
  let handled = 0;
  for (const block of analysis.template.blocks) {
    if (++handled % SLICE_ITEMS === 0) yield;
    if (!block.close || block.open.inString) continue;
    // A block between members has the object or array itself as the innermost node at its tag.
    const container = nodeAtOffset(root, block.open.start);
    if (!container || (container.type !== 'object' && container.type !== 'array') || container.offset === block.open.start) continue;
    const list = blocksOf.get(container) ?? [];
    list.push(block);
    blocksOf.set(container, list);
  }
  const extent = templateExtent(analysis.template, index);
  yield;
  return yield* membersOf(root, { document, index, extent, blocksOf, handled });
}

function* membersOf(container: Node, ctx: Context): Steps<DocumentSymbol[]> {
  const members: Array<{ start: number; symbol: DocumentSymbol }> = [];
  const inArray = container.type === 'array';
  for (const [i, member] of (container.children ?? []).entries()) {
    if (++ctx.handled % SLICE_ITEMS === 0) yield;
    const symbol = memberSymbol(member, i, inArray, ctx);
    const value = !inArray && member.type === 'property' ? valueOf(member) : member;
    if (value && (value.type === 'object' || value.type === 'array')) symbol.children = yield* membersOf(value, ctx);
    members.push({ start: member.offset, symbol });
  }
  const blocks = ctx.blocksOf.get(container) ?? [];
  if (blocks.length === 0) return members.map((m) => m.symbol);

  // One sweep in source order: blocks nest properly, so the innermost open block at each start
  // (the top of a stack of blocks not yet ended) holds it.
  const items = [
    ...blocks.map((block) => ({ start: block.open.start, end: blockEnd(block), symbol: blockSymbol(block, ctx), isBlock: true })),
    ...members.map((m) => ({ start: m.start, end: m.start, symbol: m.symbol, isBlock: false })),
  ].sort((a, b) => a.start - b.start || Number(b.isBlock) - Number(a.isBlock));
  const top: DocumentSymbol[] = [];
  const open: Array<{ end: number; symbol: DocumentSymbol }> = [];
  for (const item of items) {
    while (open.length > 0 && open[open.length - 1].end <= item.start) open.pop();
    const holder = open[open.length - 1];
    if (holder) holder.symbol.children!.push(item.symbol);
    else top.push(item.symbol);
    if (item.isBlock) open.push({ end: item.end, symbol: item.symbol });
  }
  // A member whose value runs past `{{/if}}` (broken templates) widens the blocks around it.
  for (const symbol of top) if (symbol.kind === SymbolKind.Namespace) encloseChildren(symbol, ctx);
  return top;
}

function encloseChildren(symbol: DocumentSymbol, ctx: Context): void {
  for (const child of symbol.children ?? []) {
    if (child.kind === SymbolKind.Namespace) encloseChildren(child, ctx);
    symbol.range = union(symbol.range, child.range, ctx);
  }
}

function blockSymbol(block: Block, ctx: Context): DocumentSymbol {
  const text = ctx.index.source;
  const range = rangeOf(block.open.start, blockEnd(block), ctx);
  return {
    name: preview(text.slice(block.open.start, block.open.end)) || `{{#${block.name}}}`,
    detail: block.branches.length > 1 ? `with ${block.branches.length - 1} {{else}}` : undefined,
    kind: SymbolKind.Namespace,
    range,
    selectionRange: rangeOf(block.open.start, block.open.end, ctx),
    children: [],
  };
}

/** The member's own symbol; membersOf() adds the children of an object or array value. */
function memberSymbol(member: Node, position: number, inArray: boolean, ctx: Context): DocumentSymbol {
  const text = ctx.index.source;
  const isProperty = !inArray && member.type === 'property';
  const value = isProperty ? valueOf(member) : member;
  const keyNode = isProperty ? member.children?.[0] : undefined;
  const end = ctx.extent.endOf(member);
  // Where the value starts in the source: after the colon (a template value may start with a tag).
  const valueStart = keyNode ? keyNode.offset + keyNode.length : member.offset;
  const templated = value !== undefined && ctx.index.mustachesIn(valueStart, end).length > 0 && value.type !== 'object' && value.type !== 'array';
  const symbol: DocumentSymbol = {
    name: isProperty ? nameOf(keyOf(member, text)) : String(position),
    detail: value && value.type !== 'object' && value.type !== 'array' ? preview(text.slice(valueStart, end).replace(/^\s*:/, '')) : undefined,
    kind: kindOf(value, templated),
    range: rangeOf(member.offset, end, ctx),
    selectionRange: keyNode ? rangeOf(keyNode.offset, keyNode.offset + keyNode.length, ctx) : rangeOf(member.offset, member.offset + member.length, ctx),
  };
  return symbol;
}

/** Editors reject empty symbol names: an empty key shows as `""`. */
function nameOf(key: string): string {
  return key.trim() === '' ? JSON.stringify(key) : key;
}

function kindOf(value: Node | undefined, templated: boolean): SymbolKind {
  if (!value) return SymbolKind.Property;
  if (templated) return SymbolKind.Key;
  switch (value.type) {
    case 'object':
      return SymbolKind.Object;
    case 'array':
      return SymbolKind.Array;
    case 'string':
      return SymbolKind.String;
    case 'number':
      return SymbolKind.Number;
    case 'boolean':
      return SymbolKind.Boolean;
    case 'null':
      return SymbolKind.Null;
    default:
      return SymbolKind.Property;
  }
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH - 1)}…` : flat;
}

function rangeOf(start: number, end: number, ctx: Context): Range {
  return { start: ctx.document.positionAt(start), end: ctx.document.positionAt(end) };
}

function union(a: Range, b: Range, ctx: Context): Range {
  const offsets = [a.start, a.end, b.start, b.end].map((p) => ctx.document.offsetAt(p));
  return rangeOf(Math.min(offsets[0], offsets[2]), Math.max(offsets[1], offsets[3]), ctx);
}
