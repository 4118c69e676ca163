/**
 * `duplicate-key`: the same key twice in one object; Regal keeps only the last value.
 */
import { duplicateKeyFix } from '../codeActions/duplicateKeyFixes';
import { keyOf, type Node } from '../json/jsonTree';
import { quoted } from '../util/plainText';
import type { RuleDefinition, RuleFinding } from './ruleDefinition';

export type DuplicateKeyData = { key: string; firstOffset: number };

export const duplicateKey: RuleDefinition<'duplicate-key', DuplicateKeyData> = {
  code: 'duplicate-key',
  severity: 'warning',
  stage: 'payload',
  meaning: 'The same key twice in one object; Regal keeps only the last.',
  example: '`{ "name": "A", "name": "B" }`',
  check: ({ root, source }) => {
    const findings: Array<RuleFinding<DuplicateKeyData>> = [];
    collectDuplicates(root, source, findings);
    return findings;
  },
  // JSON.parse keeps only the last of two equal keys, so its value cannot show them; instead the
  // fast path's reader (json/viewInstance.ts) refuses a text that repeats a key, and the tree decides.
  mayReport: () => false,
  fixes: (context) => duplicateKeyFix(context),
};

function collectDuplicates(node: Node, source: string, findings: Array<RuleFinding<DuplicateKeyData>>): void {
  if (node.type === 'object') {
    const seen = new Map<string, Node>();
    for (const property of node.children ?? []) {
      const key = keyOf(property, source);
      const keyNode = property.children?.[0];
      const first = seen.get(key);
      if (first && keyNode) {
        const firstKey = first.children?.[0] as Node;
        findings.push({
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
  for (const child of node.children ?? []) collectDuplicates(child, source, findings);
}
