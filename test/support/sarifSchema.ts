/**
 * A validator for SARIF 2.1.0 logs: the official OASIS schema (test/fixtures/sarif/, draft-04)
 * compiled with ajv's draft-07 engine. That is sound only because every keyword the schema uses means
 * the same in both drafts; `compileSarifSchema` checks that first and throws on any other keyword.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { repoRoot } from './service';

export const sarifSchemaPath = path.join(repoRoot, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json');

/** Draft-04 keywords whose meaning draft-07 kept (draft-04's boolean exclusiveMinimum, for one, is not here). */
const SAME_IN_DRAFT_07 = new Set([
  '$schema',
  'id',
  'title',
  'description',
  'default',
  'type',
  'enum',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'uniqueItems',
  'minimum',
  'maximum',
  'pattern',
  'format',
  'oneOf',
  'anyOf',
  '$ref',
  'definitions',
]);

/** Every keyword a schema uses: the keys of each schema object, not of its `properties`/`definitions` maps. */
export function schemaKeywords(schema: unknown): Set<string> {
  const keywords = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      keywords.add(key);
      if (key === 'properties' || key === 'definitions') Object.values(value as object).forEach(visit);
      else if (key !== 'enum' && key !== 'default' && key !== 'required') visit(value);
    }
  };
  visit(schema);
  return keywords;
}

// RFC 3986: an absolute URI, and a URI reference (absolute or relative), percent-encoded where needed.
const URI_CHAR = String.raw`(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-Fa-f]{2})`;
const URI = new RegExp(`^[A-Za-z][A-Za-z0-9+.-]*:${URI_CHAR}*$`);
const URI_REFERENCE = new RegExp(`^${URI_CHAR}*$`);
// RFC 3339 date-time.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

export function compileSarifSchema(): ValidateFunction {
  const official = JSON.parse(readFileSync(sarifSchemaPath, 'utf8')) as Record<string, unknown>;
  const unexpected = [...schemaKeywords(official)].filter((k) => !SAME_IN_DRAFT_07.has(k));
  if (unexpected.length > 0) throw new Error(`The SARIF schema uses keywords that may differ between draft-04 and draft-07: ${unexpected.join(', ')}`);
  if (official.$schema !== 'http://json-schema.org/draft-04/schema#')
    throw new Error(`Expected the draft-04 OASIS schema, got $schema ${String(official.$schema)}`);
  const { $schema: _draft04, id, ...rest } = official;
  const ajv = new Ajv({ allErrors: true });
  ajv.addFormat('uri', URI);
  ajv.addFormat('uri-reference', URI_REFERENCE);
  ajv.addFormat('date-time', DATE_TIME);
  return ajv.compile({ $id: String(id), ...rest });
}

export function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`).join('\n');
}
