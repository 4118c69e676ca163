/**
 * The user's Iterable merge-field catalog (setting `regal.fieldsFile`, default
 * `iterable-fields.json`): the JSON Iterable's `GET /api/users/getFields` returns,
 * `{"fields": {"phoneNumber": "string", "voice_optin": "boolean", "address.city": "string", ...}}`,
 * nested fields flattened with dots. Parsing is strict: a catalog with any problem is not used
 * (a half-read catalog would report its missing fields as unknown everywhere), and each problem
 * is reported at the token at fault.
 */
import type { InvalidCatalogData } from '../rules/invalidCatalog';
import { ParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Finding } from '../diagnosticCodes';
import { iterableStandardFields } from '../iterable/iterableFields';
import { keyOf, parseJsonView, propertiesOf, valueOf } from '../json/jsonTree';
import { lineLookup } from '../util/lineIndex';
import type { FieldCatalog, IterableFieldType } from './workspaceContext';
import { quoted } from '../util/plainText';

export interface CatalogParseResult {
  /** Absent when the text has any problem. */
  catalog?: FieldCatalog;
  /** `invalid-catalog` findings in offsets of the catalog text. */
  problems: Finding[];
}

/** Past this many, more problems of one broken catalog tell the reader nothing new. */
const MAX_PROBLEMS = 100;
/**
 * More fields than this make every `{{` completion a list of megabytes and every suggestion search
 * slow; a catalog that long is a whole data warehouse, not the fields payloads read, so it is refused.
 */
export const MAX_CATALOG_FIELDS = 20_000;
/** A catalog is two levels deep; far deeper nesting is garbage that would exhaust the parser's stack. */
const MAX_CATALOG_NESTING = 64;
/** The fix for a catalog of the wrong shape, and what that shape is: messages give the fix first. */
const SHAPE_FIX = "write the response of Iterable's GET /api/users/getFields";
const SHAPE = 'The catalog reads {"fields": {"phoneNumber": "string", ...}}.';
const TYPES = 'string, boolean, long, double, date, object, nested, geo_location';

export function parseFieldCatalog(uri: string, text: string): CatalogParseResult {
  const problems: Finding[] = [];
  const problem = (start: number, end: number, message: string, data?: InvalidCatalogData) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ code: 'invalid-catalog', start, end: Math.max(end, start + 1), message, data });
  };
  if (text.trim() === '') {
    problem(0, text.length, `Empty field catalog: ${SHAPE_FIX}. ${SHAPE}`, { reason: 'empty' });
    return { problems };
  }
  const tooDeep = nestingBeyond(text, MAX_CATALOG_NESTING);
  if (tooDeep !== undefined) {
    problem(
      tooDeep,
      tooDeep + 1,
      `Field catalog nested too deep: ${SHAPE_FIX}. It nests objects or arrays more than ${MAX_CATALOG_NESTING} levels deep here. ${SHAPE}`,
      { reason: 'shape' },
    );
    return { problems };
  }
  // Windows editors and PowerShell's `Out-File` start UTF-8 files with a byte order mark, which is no
  // JSON token; read it as a space so that offsets stay those of the file.
  const parsed = parseJsonView(text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text);
  const root = parsed.root;
  // The first error of each of the first lines: later errors of a garbled file are its echoes.
  const lines = new Set<number>();
  const lineOf = lineLookup(text);
  for (const error of parsed.errors) {
    const line = lineOf(error.offset);
    if (lines.has(line) || lines.size >= 20) continue;
    lines.add(line);
    problem(error.offset, error.offset + error.length, `Invalid JSON in the field catalog: ${syntaxMessage(error)}`, { reason: 'json' });
  }
  if (problems.length > 0 || !root) return { problems };
  if (root.type !== 'object') {
    problem(root.offset, root.offset + root.length, `Field catalog is ${article(root.type)}, not an object: ${SHAPE_FIX}. ${SHAPE}`, { reason: 'shape' });
    return { problems };
  }
  const fieldsProperty = propertiesOf(root)
    .filter((p) => keyOf(p, text) === 'fields')
    .pop();
  const fieldsNode = valueOf(fieldsProperty);
  if (!fieldsProperty || !fieldsNode) {
    problem(root.offset, root.offset + 1, `No "fields" object in the field catalog: ${SHAPE_FIX}. ${SHAPE}`, { reason: 'shape' });
    return { problems };
  }
  if (fieldsNode.type !== 'object') {
    problem(
      fieldsNode.offset,
      fieldsNode.offset + fieldsNode.length,
      `"fields" is ${article(fieldsNode.type)}: make it an object mapping each field name to its Iterable type. ${SHAPE}`,
      {
        reason: 'shape',
      },
    );
    return { problems };
  }

  const fields = new Map<string, IterableFieldType>();
  for (const property of propertiesOf(fieldsNode)) {
    const keyNode = property.children?.[0];
    const name = keyOf(property, text);
    const value = valueOf(property);
    if (!keyNode || !value) continue; // a syntax error, reported above
    if (name.trim() === '') {
      problem(
        keyNode.offset,
        keyNode.offset + keyNode.length,
        'Empty field name: name an Iterable user field or remove the entry. Every catalog entry names a field.',
        { reason: 'name' },
      );
      continue;
    }
    if (value.type !== 'string') {
      problem(
        value.offset,
        value.offset + value.length,
        `Invalid type for ${quoted(name, 30)}: write an Iterable type in double quotes, such as "long". The types are ${TYPES}; this is ${article(value.type)}.`,
        {
          reason: 'type',
          field: name,
        },
      );
      continue;
    }
    const type = String(value.value).trim();
    if (type === '') {
      problem(
        value.offset,
        value.offset + value.length,
        `Empty type for ${quoted(name, 30)}: write an Iterable type, such as "string". The types are ${TYPES}.`,
        { reason: 'type', field: name },
      );
      continue;
    }
    fields.set(name, type);
  }
  if (fields.size > MAX_CATALOG_FIELDS) {
    const keyNode = fieldsProperty.children?.[0] ?? fieldsNode;
    problem(
      keyNode.offset,
      keyNode.offset + keyNode.length,
      `Too many fields: keep the ones your payloads use. The field catalog lists ${fields.size.toLocaleString('en-US')} fields, more than the ${MAX_CATALOG_FIELDS.toLocaleString('en-US')} the extension reads.`,
      { reason: 'size', fields: fields.size, limit: MAX_CATALOG_FIELDS },
    );
  }
  if (problems.length > 0) return { problems };
  return { catalog: { uri, fields }, problems };
}

export type FieldOrigin = 'catalog' | 'standard';

export interface ResolvedField {
  origin: FieldOrigin;
  /** The catalog or standard entry the reference resolved to (`address` for `address.city` when only `address` is listed). */
  entry: string;
  /** The entry's Iterable type; undefined for a path inside an object field, whose type the catalog does not give. */
  type?: IterableFieldType;
}

/** Iterable types whose values have sub-fields (`{{address.city}}`, `{{orders.0.sku}}`). */
const CONTAINER_TYPES: ReadonlySet<string> = new Set(['object', 'nested']);
/** A `geo_location` value is an object of a latitude and a longitude (`{{lastKnownLocation.lat}}`). */
const GEO_LOCATION_PARTS: ReadonlySet<string> = new Set(['lat', 'lon']);

/**
 * Resolves a merge-field path as written (`phoneNumber`, `profile.phoneNumber`, `address.city`,
 * `orders.[0].sku`) against the catalog and Iterable's standard fields. `profile.` reads the user
 * profile even where an event field has the same name (docs/iterable.md §2.2), so it is looked through;
 * array indexes are dropped, as Iterable lists an array's sub-fields without them.
 */
export function resolveField(path: string, catalog: FieldCatalog | undefined): ResolvedField | undefined {
  const segments = path.split('.').filter((s) => s !== '' && !/^\d+$/.test(s));
  if (segments[0] === 'profile' && segments.length > 1) segments.shift();
  const key = segments.join('.');
  const fields = catalog?.fields;
  const listed = fields?.get(key);
  if (listed !== undefined) return { origin: 'catalog', entry: key, type: listed };
  const standard = iterableStandardFields.get(key);
  if (standard) return { origin: 'standard', entry: key, type: standard.type };
  if (!fields) return undefined;
  // A path inside an object field: `address.city` with `address: object`.
  for (let n = segments.length - 1; n >= 1; n--) {
    const prefix = segments.slice(0, n).join('.');
    const type = fields.get(prefix);
    if (type === undefined) continue;
    const lower = type.toLowerCase();
    if (CONTAINER_TYPES.has(lower)) return { origin: 'catalog', entry: prefix };
    if (lower === 'geo_location' && n === segments.length - 1 && GEO_LOCATION_PARTS.has(segments[n]))
      return { origin: 'catalog', entry: prefix, type: 'double' };
    return undefined;
  }
  // The parent of listed fields: `address` when the catalog lists `address.city`.
  if (parentsOf(fields).has(key)) return { origin: 'catalog', entry: key, type: 'object' };
  return undefined;
}

const parentCache = new WeakMap<ReadonlyMap<string, IterableFieldType>, Set<string>>();

function parentsOf(fields: ReadonlyMap<string, IterableFieldType>): Set<string> {
  let parents = parentCache.get(fields);
  if (!parents) {
    parents = new Set();
    for (const name of fields.keys()) {
      for (let dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) parents.add(name.slice(0, dot));
    }
    parentCache.set(fields, parents);
  }
  return parents;
}

/** Every name a reference could be corrected to: the catalog's fields and Iterable's standard ones. */
export function knownFieldNames(catalog: FieldCatalog | undefined): string[] {
  return [...new Set([...(catalog?.fields.keys() ?? []), ...iterableStandardFields.keys()])];
}

/** The offset of the first bracket nested deeper than `limit` (strings skipped), if any. */
function nestingBeyond(text: string, limit: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip the string (an unterminated one runs to the end of its line, as the JSON scanner reads it).
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === 0x5c) i++;
        else if (s === 0x22 || s === 0x0a || s === 0x0d) break;
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return i;
    } else if ((c === 0x7d || c === 0x5d) && depth > 0) depth--;
  }
  return undefined;
}

function syntaxMessage(error: ParseError): string {
  switch (error.error) {
    case ParseErrorCode.InvalidCommentToken:
    case ParseErrorCode.UnexpectedEndOfComment:
      return 'remove the comment. Comments are not JSON.';
    case ParseErrorCode.PropertyNameExpected:
      return 'write a field name in double quotes, or remove the comma before }.';
    case ParseErrorCode.ValueExpected:
      return 'write a value, or remove the comma before } or ].';
    case ParseErrorCode.ColonExpected:
      return 'write : between the field name and its type.';
    case ParseErrorCode.CommaExpected:
      return 'write , between two entries.';
    case ParseErrorCode.CloseBraceExpected:
      return 'write } to close the object.';
    case ParseErrorCode.CloseBracketExpected:
      return 'write ] to close the array.';
    case ParseErrorCode.EndOfFileExpected:
      return 'remove the content after the end of the object.';
    case ParseErrorCode.UnexpectedEndOfString:
      return 'add the closing " of the string.';
    default:
      return 'correct the JSON here.';
  }
}

function article(type: Node['type']): string {
  return type === 'array' || type === 'object' ? `an ${type}` : type === 'null' ? 'null' : `a ${type}`;
}
