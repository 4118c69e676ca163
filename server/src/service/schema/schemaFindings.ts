/**
 * Maps ajv errors to findings with precise ranges:
 * - `type` / `enum` → the value; `additionalProperties` → the unknown key;
 *   `required` → the key of the object that lacks the property (or its `{` for array items);
 * - `oneOf` / `anyOf` noise collapsed to the branch that got furthest;
 * - template-aware: a value placeholder (`"age": {{age}}`) or a string with merge fields never
 *   fails a type, enum or format check, and a quoted template where a boolean belongs is
 *   `quoted-boolean` rather than a type error.
 */
import { declaredProperties, type SchemaNode } from './schemaModel';
import type { ErrorObject } from 'ajv';
import type { Finding } from '../diagnosticCodes';
import { findNodeAtPath, findProperty, owningProperty, type Node } from '../json/jsonTree';
import type { TemplateIndex } from '../template/templateIndex';
import { closestMatches } from '../util/suggest';
import { plain, quoted } from '../util/plainText';

type Path = Array<string | number>;

export function schemaFindings(errors: readonly ErrorObject[], root: Node, source: string, template: TemplateIndex): Finding[] {
  const findings: Finding[] = [];
  for (const error of collapseAlternatives(errors)) {
    const path = parsePointer(error.instancePath);
    const node = findNodeAtPath(root, path, source);
    if (!node) continue;
    const finding = toFinding(error, path, node, source, template);
    if (finding) findings.push(finding);
  }
  return findings;
}

function toFinding(error: ErrorObject, path: Path, node: Node, source: string, template: TemplateIndex): Finding | undefined {
  const where = describePath(path);
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      const property = findProperty(node, key, source);
      const keyNode = property?.children?.[0] ?? node;
      const allowed = declaredProperties((error.parentSchema ?? {}) as SchemaNode).map(([name]) => name);
      const suggestions = closestMatches(key, allowed);
      return {
        code: 'unknown-property',
        start: keyNode.offset,
        end: keyNode.offset + keyNode.length,
        message: unknownPropertyMessage(key, path, suggestions, allowed),
        data: { key, path, suggestions, allowed },
      };
    }
    case 'required': {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      const range = requiredRange(node);
      const inOptIn = isOptInItem(path);
      const data = { missingProperty: missing, path };
      if (inOptIn) {
        const message = `Incomplete opt-in: add ${quoted(missing)} to this optIn item. Regal needs both channel and subscribed in every opt-in.`;
        return { code: 'optin-required', ...range, message, data };
      }
      return { code: 'schema', ...range, message: `Missing property ${quoted(missing)}: add it. ${capitalize(where)} requires it.`, data };
    }
    case 'enum': {
      if (template.containsTemplate(node)) return undefined;
      const allowed = ((error.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
      const value = String(error.data);
      const suggestions = closestMatches(value, allowed);
      const list = allowed.map((a) => plain(a)).join(', ');
      const isChannel = isOptInItem(path.slice(0, -1)) && path[path.length - 1] === 'channel';
      const range = { start: node.offset, end: node.offset + node.length };
      const data = { value, allowed, suggestions, path };
      if (isChannel) {
        const message = `Unsupported channel ${quoted(value)}: use ${suggestions.length ? quoted(suggestions[0]) : `${list}`}. Regal supports the opt-in channels ${list}.`;
        return { code: 'optin-channel', ...range, message, data };
      }
      return {
        code: 'schema',
        ...range,
        message: `Value ${quoted(value)} is not allowed: use one of the allowed values. ${capitalize(where)} accepts ${list}.`,
        data,
      };
    }
    case 'type':
      return typeFinding(error, path, node, template);
    default:
      if (template.containsTemplate(node)) return undefined;
      return {
        code: 'schema',
        start: node.offset,
        end: node.offset + node.length,
        message: `Invalid value: correct it to match the Regal schema. ${capitalize(where)} ${plain(error.message ?? 'is not valid')}.`,
        data: { keyword: error.keyword, path },
      };
  }
}

function typeFinding(error: ErrorObject, path: Path, node: Node, template: TemplateIndex): Finding | undefined {
  const expected = ([] as string[]).concat((error.params as { type: string | string[] }).type);
  const range = { start: node.offset, end: node.offset + node.length };
  if (template.isValuePlaceholder(node)) return undefined;
  const name = path.length ? quoted(String(path[path.length - 1])) : 'the payload';
  if (node.type === 'string' && template.containsTemplate(node)) {
    if (expected.includes('boolean')) {
      const field = template.singleMergeField(node);
      const condition = field || 'field';
      return {
        code: 'quoted-boolean',
        ...range,
        message:
          `Quoted boolean: render a real boolean without quotes. ${capitalize(name)} is a quoted template, so Iterable sends the string "true" or "false", not a boolean. ` +
          `Write {{#if ${plain(condition)}}}true{{else}}false{{/if}} for a boolean field, ` +
          `or {{#ifEq ${plain(condition)} 'true'}}true{{else}}false{{/ifEq}} for a field holding the text "true".`,
        data: { path, field, expected },
      };
    }
    // A string that is one merge field may hold anything once rendered; only literal text decides.
    if (template.singleMergeField(node) !== undefined) return undefined;
  }
  const actual = jsonTypeOf(error.data);
  const wanted = expected.map(article).join(' or ');
  let advice = `write ${wanted}`;
  if (expected.includes('boolean') && (error.data === 'true' || error.data === 'false')) advice = `remove the quotes: ${String(error.data)}`;
  else if (expected.includes('boolean')) advice = 'write true or false, without quotes';
  else if (expected.includes('object')) advice = 'write an object, { … }';
  else if (expected.includes('string')) advice = 'put the value in double quotes';
  return {
    code: 'type',
    ...range,
    message: `Wrong type for ${name}: ${advice}. ${capitalize(name)} must be ${wanted}, not ${article(actual)}.`,
    data: { path, expected, actual },
  };
}

/** Keeps, for each failed `oneOf`/`anyOf`, only the errors of the branch that matched best. */
export function collapseAlternatives(errors: readonly ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  const replaced = new Map<ErrorObject, ErrorObject>();
  const alternatives = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const alternative of alternatives) {
    if (dropped.has(alternative)) continue;
    const prefix = `${alternative.schemaPath}/`;
    const members = errors.filter(
      (e) => e !== alternative && !dropped.has(e) && e.schemaPath.startsWith(prefix) && e.instancePath.startsWith(alternative.instancePath),
    );
    if (members.length === 0) continue; // e.g. oneOf matching several branches: its own message is the news
    const branches = new Map<string, ErrorObject[]>();
    for (const e of members) {
      const branch = e.schemaPath.slice(prefix.length).split('/')[0];
      branches.set(branch, [...(branches.get(branch) ?? []), e]);
    }
    const depth = (e: ErrorObject) => e.instancePath.split('/').length;
    const score = (list: ErrorObject[]) => Math.max(...list.map(depth));
    let best: ErrorObject[] | undefined;
    for (const list of branches.values()) {
      if (!best || score(list) > score(best) || (score(list) === score(best) && list.length < best.length)) best = list;
    }
    const winner = best as ErrorObject[];
    for (const e of members) if (!winner.includes(e)) dropped.add(e);
    dropped.add(alternative);
    // Every branch failed on the value's type: one error listing every accepted type says it all.
    const ownDepth = depth(alternative);
    const typeOnly = [...branches.values()].every((list) => list.every((e) => e.keyword === 'type' && depth(e) === ownDepth));
    if (typeOnly) {
      const types = [...new Set(members.flatMap((e) => ([] as string[]).concat((e.params as { type: string | string[] }).type)))];
      const first = winner[0];
      for (const e of winner.slice(1)) dropped.add(e);
      replaced.set(first, { ...first, params: { type: types } });
    }
  }
  return errors.filter((e) => !dropped.has(e)).map((e) => replaced.get(e) ?? e);
}

function requiredRange(node: Node): { start: number; end: number } {
  const property = owningProperty(node);
  const key = property?.children?.[0];
  if (key) return { start: key.offset, end: key.offset + key.length };
  return { start: node.offset, end: node.offset + 1 };
}

function unknownPropertyMessage(key: string, path: Path, suggestions: string[], allowed: string[]): string {
  const where = path.length === 0 ? 'at the top level of the body' : `in ${describePath(path)}`;
  const shown = quoted(key);
  const explanation = `Regal defines no such property ${where}.`;
  if (path.length === 0 && ['phone', 'email', 'firstName', 'lastName', 'optIn', 'phones', 'emails', 'address'].includes(key)) {
    return `Contact attribute ${shown} outside traits: move it into traits. ${explanation}`;
  }
  if (suggestions.length) return `Unknown property ${shown}: rename it to ${quoted(suggestions[0])}. ${explanation}`;
  if (allowed.length) return `Unknown property ${shown}: remove it or use an allowed one. ${explanation} Allowed: ${allowed.map(plain).join(', ')}.`;
  return `Unknown property ${shown}: remove it. ${explanation}`;
}

export function parsePointer(pointer: string): Path {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment));
}

/** traits.optIn[0], traits.phones["+12225555555"].voiceOptIn, or "the body" for the root: plain text, as messages show it. */
export function describePath(path: Path): string {
  if (path.length === 0) return 'the body';
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) text += text ? `.${segment}` : segment;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

function isOptInItem(path: Path): boolean {
  return path.length === 3 && path[0] === 'traits' && path[1] === 'optIn' && typeof path[2] === 'number';
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function article(type: string): string {
  switch (type) {
    case 'object':
    case 'array':
    case 'integer':
      return `an ${type}`;
    case 'null':
      return 'null';
    default:
      return `a ${type}`;
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
