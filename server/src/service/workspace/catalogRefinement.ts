/**
 * Refines `quoted-boolean` with what the catalog says about the quoted field. The analysis of a
 * document is cached independently of the workspace, so this runs on its findings at validation
 * time. A boolean field wants `{{#if f}}true{{else}}false{{/if}}`; a string field holding
 * "true"/"false" wants `{{#ifEq f 'true'}}…` (`#if` on a non-empty string is always true).
 */
import type { Finding } from '../diagnosticCodes';
import { resolveField } from './fieldCatalog';
import type { FieldCatalog } from './workspaceContext';
import { plain, quoted } from '../util/plainText';

export function refineWithCatalog(finding: Finding, catalog: FieldCatalog | undefined): Finding {
  if (finding.code !== 'quoted-boolean' || !catalog || !finding.data) return finding;
  const field = finding.data.field;
  if (typeof field !== 'string' || field === '') return finding;
  const resolved = resolveField(field, catalog);
  if (!resolved?.type) return finding;
  const type = resolved.type;
  const path = finding.data.path;
  const key = Array.isArray(path) && path.length > 0 ? quoted(String(path[path.length - 1])) : 'this key';
  const where = resolved.origin === 'catalog' ? 'in your catalog' : 'in Iterable';
  const lower = type.toLowerCase();
  let fix: string;
  const name = plain(field);
  if (lower === 'boolean') fix = `Write {{#if ${name}}}true{{else}}false{{/if}}.`;
  else if (lower === 'string') fix = `Compare the text: {{#ifEq ${name} 'true'}}true{{else}}false{{/ifEq}}.`;
  else fix = `Write a real boolean, such as {{#if ${name}}}true{{else}}false{{/if}}.`;
  const sends = lower === 'boolean' ? 'sends the string "true", not a boolean' : 'sends its text as a string, not a boolean';
  return {
    ...finding,
    message: `Quoted boolean: render a real boolean without quotes. ${name} is ${article(type)} ${where}; "{{${name}}}" ${sends}, and ${key} needs a boolean. ${fix}`,
    data: { ...finding.data, fieldType: type },
  };
}

function article(type: string): string {
  return `${/^[aeiou]/i.test(type) ? 'an' : 'a'} ${type}`;
}
