/**
 * `duplicate-key`: Regal keeps only the last of equal keys (JSON.parse does the same), so the fix
 * that keeps what Regal receives today removes the earlier properties, each with its comma. All of
 * them: with three `name`s, removing only the first would leave the one the diagnostic is on a
 * duplicate of the second.
 */
import type { FindingOf } from '../diagnosticCodes';
import type { CodeAction } from 'vscode-languageserver-types';
import { keyOf, nodeAtOffset, type Node } from '../json/jsonTree';
import { renderedRootsAt } from '../renderedView';
import { code, quickFix, stringData, type FixContext, type OffsetEdit } from './fixContext';
import { removeProperty } from './textRemoval';

const MAX_REMOVED = 20;

export function duplicateKeyFix(context: FixContext<FindingOf<'duplicate-key'>>): CodeAction | undefined {
  const { finding, analysis, text } = context;
  const key = stringData(finding, 'key');
  if (typeof finding.data?.firstOffset !== 'number' || key === undefined) return undefined;
  // The earlier copies in the first view that renders this one; every other view that renders it
  // must see no other copy, or the diagnostic would stay for that branch.
  const [primary, ...others] = renderedRootsAt(analysis, finding.start).map((root) => earlierCopies(root, finding.start, key, text));
  // A key written dozens of times is no typo a fix can guess at, and one fix per copy, each removing
  // all the copies before it, would grow with the square of their number.
  if (!primary || primary === 'tooMany' || primary.length === 0) return undefined;
  const removable = new Set(primary.map((p) => p.offset));
  if (others.some((copies) => copies === 'tooMany' || copies?.some((p) => !removable.has(p.offset)))) return undefined;
  const removals: OffsetEdit[] = [];
  for (const p of primary) {
    const removal = removeProperty(p, analysis);
    // A removal that would cut through a block is refused: then the fix would not clear the diagnostic.
    if (!removal) return undefined;
    removals.push(removal);
  }
  const title = removals.length === 1 ? `Remove the earlier ${code(key)}` : `Remove the ${removals.length} earlier ${code(key)}`;
  return quickFix(title, context, [context.diagnostic], mergeOverlapping(removals), true);
}

/**
 * The properties before the one whose key starts at `keyOffset` with the same key, in a view's
 * tree; `tooMany` past MAX_REMOVED. The object's properties are grouped by key once per tree, so a
 * request for thousands of duplicates reads each object once.
 */
function earlierCopies(root: Node, keyOffset: number, key: string, text: string): Node[] | 'tooMany' | undefined {
  const keyNode = nodeAtOffset(root, keyOffset);
  const property = keyNode?.parent;
  if (!keyNode || keyNode.offset !== keyOffset || property?.type !== 'property' || property.children?.[0] !== keyNode || !property.parent) return undefined;
  const copies = propertiesByKey(property.parent, text).get(key) ?? [];
  const index = copies.indexOf(property);
  if (index === -1) return undefined;
  return index > MAX_REMOVED ? 'tooMany' : copies.slice(0, index);
}

const groupedObjects = new WeakMap<Node, Map<string, Node[]>>();

function propertiesByKey(object: Node, text: string): Map<string, Node[]> {
  let groups = groupedObjects.get(object);
  if (!groups) {
    groups = new Map();
    for (const p of object.children ?? []) {
      const k = keyOf(p, text);
      const list = groups.get(k);
      if (list) list.push(p);
      else groups.set(k, [p]);
    }
    groupedObjects.set(object, groups);
  }
  return groups;
}

/** Removals of neighbouring properties touch or share the space between them: one edit each stretch. */
function mergeOverlapping(removals: readonly OffsetEdit[]): OffsetEdit[] {
  const merged: OffsetEdit[] = [];
  for (const r of [...removals].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}
