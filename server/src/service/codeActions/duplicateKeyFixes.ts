/**
 * `duplicate-key`: Regal keeps only the last of two equal keys (JSON.parse does the same), so the
 * fix that keeps what Regal receives today removes the earlier property, with its comma.
 */
import type { CodeAction } from 'vscode-languageserver-types';
import { keyOf, nodeAtOffset } from '../json/jsonTree';
import { code, quickFix, stringData, type FixContext } from './fixContext';
import { removeProperty } from './textRemoval';

export function duplicateKeyFix(context: FixContext): CodeAction | undefined {
  const { finding, analysis, text } = context;
  const firstOffset = finding.data?.firstOffset;
  const key = stringData(finding, 'key');
  if (typeof firstOffset !== 'number' || key === undefined || !analysis.root) return undefined;
  const keyNode = nodeAtOffset(analysis.root, firstOffset);
  const property = keyNode?.parent;
  if (!keyNode || keyNode.offset !== firstOffset || property?.type !== 'property' || property.children?.[0] !== keyNode) return undefined;
  if (keyOf(property, text) !== key) return undefined;
  const removal = removeProperty(property, analysis);
  return removal && quickFix(`Remove the earlier ${code(key)}`, context, [context.diagnostic], [removal], true);
}
