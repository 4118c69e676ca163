/**
 * Refines `quoted-boolean` with what the catalog says about the quoted field. The analysis of a
 * document is cached independently of the workspace, so this runs on its findings at validation
 * time. A boolean field wants `{{#if f}}true{{else}}false{{/if}}`; a string field holding
 * "true"/"false" wants `{{#ifEq f 'true'}}…` (`#if` on a non-empty string is always true).
 */
import type { Finding } from '../diagnosticCodes';
import { resolveField } from './fieldCatalog';
import type { FieldCatalog } from './workspaceContext';

/** The branch note analyzePayload appends to findings of views after the first ("(when `{{#if x}}` renders nothing)"). */
const BRANCH_NOTE = / \((?:when|in the) [^]*\)$/;

export function refineWithCatalog(finding: Finding, catalog: FieldCatalog | undefined): Finding {
  if (finding.code !== 'quoted-boolean' || !catalog) return finding;
  const field = finding.data?.field;
  if (typeof field !== 'string' || field === '') return finding;
  const resolved = resolveField(field, catalog);
  if (!resolved?.type) return finding;
  const type = resolved.type;
  const path = finding.data?.path;
  const key = Array.isArray(path) && path.length > 0 ? `\`${String(path[path.length - 1])}\`` : 'This key';
  const where = resolved.origin === 'catalog' ? 'in your catalog' : 'in Iterable';
  const lower = type.toLowerCase();
  let fix: string;
  if (lower === 'boolean') fix = `Write a real boolean without quotes: \`{{#if ${field}}}true{{else}}false{{/if}}\`.`;
  else if (lower === 'string') fix = `Compare the text without quotes: \`{{#ifEq ${field} 'true'}}true{{else}}false{{/ifEq}}\`.`;
  else fix = `Write a real boolean without quotes, e.g. \`{{#if ${field}}}true{{else}}false{{/if}}\`.`;
  const sends = lower === 'boolean' ? 'sends the string "true", not a boolean' : 'sends its text as a string, not a boolean';
  const note = BRANCH_NOTE.exec(finding.message)?.[0] ?? '';
  return {
    ...finding,
    message: `\`${field}\` is ${article(type)} ${where}; "{{${field}}}" ${sends}, and ${key} needs a boolean. ${fix}${note}`,
    data: { ...finding.data, fieldType: type },
  };
}

function article(type: string): string {
  return `${/^[aeiou]/i.test(type) ? 'an' : 'a'} ${type}`;
}
