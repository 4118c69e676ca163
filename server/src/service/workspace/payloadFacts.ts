/**
 * What a payload says that matters beyond the file, in document offsets: the merge fields it reads
 * from the user profile (or the triggering event), its literal event name, and the JSON type it
 * sends for each event property and custom trait. summarizePayload turns these into a
 * PayloadFileSummary for other files; workspaceFindings compares them with the workspace.
 */
import type { Node } from 'jsonc-parser';
import { iterableHelpers } from '../iterable/iterableHelpers';
import { keyOf, propertiesOf, quotedKeyText, valueOf } from '../json/jsonTree';
import { strictObjectMembers } from '../json/strictJsonMembers';
import type { PayloadAnalysis } from '../payloadAnalysis';
import { innermostBlockAt, type Block } from '../template/blockStructure';
import { headName } from '../template/templateModel';
import type { JsonValueType } from './workspaceContext';

export interface FieldReference {
  /** The path as Handlebars reads it (`First Name` for `{{[First Name]}}`, `orders.0.sku`). */
  name: string;
  /** The path's span in the mustache. */
  start: number;
  end: number;
}

export interface PayloadFacts {
  /** Profile (or event) fields the template reads, in document order. */
  fields: FieldReference[];
  /** The top-level `name` when it is a literal string. */
  eventName?: { name: string; start: number; end: number };
  /** `properties.x` and custom `traits.x` → the JSON type of the value written there. */
  valueTypes: Map<string, { type: JsonValueType; start: number; end: number }>;
}

/**
 * Blocks whose body renders with another context (an item of a list, a catalog item): a path
 * there is relative to that context, not a profile field, so it is not checked against the catalog.
 */
const changesContext = (name: string) => iterableHelpers.get(name)?.changesContext === true;

/** Iterable namespaces that are no user fields: `{{liveData.objectName.fieldName}}` (journeys, docs/iterable.md §2.3). */
const NAMESPACES: ReadonlySet<string> = new Set(['liveData']);

/**
 * Traits Regal defines itself (docs/regal.md §1.3, schemas/regal-event.schema.json); every other trait
 * is a custom contact attribute, whose type Regal fixes when it first sees it (§1.6).
 */
export const STANDARD_TRAITS: ReadonlySet<string> = new Set(['phone', 'email', 'firstName', 'lastName', 'optIn', 'phones', 'emails', 'address', 'subBrand']);

const cache = new WeakMap<PayloadAnalysis, PayloadFacts>();

export function payloadFacts(analysis: PayloadAnalysis): PayloadFacts {
  let facts = cache.get(analysis);
  if (!facts) {
    facts = { fields: fieldReferences(analysis), ...jsonFacts(analysis) };
    cache.set(analysis, facts);
  }
  return facts;
}

function fieldReferences(analysis: PayloadAnalysis): FieldReference[] {
  const { template } = analysis;
  const text = template.text;
  // What the blocks around a body do to paths there, per block and its ancestors, worked out once
  // per block: walking up from each mustache was quadratic in the nesting depth.
  const scopes = new Map<Block, Scope>();
  const scopeOf = (block: Block | undefined): Scope => {
    if (!block) return NO_SCOPE;
    let scope = scopes.get(block);
    if (!scope) {
      const outer = scopeOf(block.parent);
      const names = blockParams(text, block);
      scope = {
        context: outer.context || changesContext(block.name),
        params: names.length === 0 ? outer.params : new Set([...outer.params, ...names]),
      };
      scopes.set(block, scope);
    }
    return scope;
  };
  // Whether an enclosing block gives `root` another meaning at `offset`: the innermost block whose
  // body holds it (its tags are in its parent's body), then its ancestors, whose bodies hold it too.
  const scoped = (offset: number, root: string) => {
    let block = innermostBlockAt(template.blocks, offset);
    if (block && !inBody(block, offset, text.length)) block = block.parent;
    const scope = scopeOf(block);
    return scope.context || scope.params.has(root);
  };
  // `{{#assign 'total'}}…{{/assign}}` defines `{{total}}` for the rest of the template.
  // Only block tags whose head reads like `assign` are parsed for it: parsing every expression
  // twice was half of what the facts of a large payload cost.
  const assigned = new Set<string>();
  template.mustaches.forEach((m, i) => {
    if (m.kind !== 'blockOpen' || !headName(text, m).includes('assign')) return;
    const expression = template.expressionOnce(i);
    const head = expression?.head;
    const first = expression?.args[0];
    if (head?.name === 'assign' && first?.kind === 'literal' && typeof first.value === 'string') assigned.add(first.value);
  });

  const references: FieldReference[] = [];
  template.forEachExpression((expression, i) => {
    const m = template.mustaches[i];
    if (!expression) return;
    for (const field of expression.fields) {
      const root = field.name.split(/[./]/)[0];
      if (root === 'this' || root === '' || NAMESPACES.has(root) || assigned.has(root)) continue;
      if (scoped(m.start, root)) continue;
      references.push({ name: field.name, start: field.start, end: field.end });
    }
  });
  return references;
}

interface Scope {
  /** Some block around gives paths another context (an item of `{{#each}}`, ...). */
  context: boolean;
  /** Names declared with `as |item index|` by the blocks around. */
  params: ReadonlySet<string>;
}

const NO_SCOPE: Scope = { context: false, params: new Set() };

/** Whether `offset` is after the block's open tag and before its close tag. */
function inBody(block: Block, offset: number, textEnd: number): boolean {
  return offset >= block.open.end && offset < (block.close?.start ?? textEnd);
}

/** The names a block tag declares with `as |item index|`. */
function blockParams(text: string, block: Block): string[] {
  const match = /\bas\s*\|([^|]*)\|/.exec(text.slice(block.open.contentStart, block.open.contentEnd));
  return match ? match[1].trim().split(/\s+/).filter(Boolean) : [];
}

function jsonFacts(analysis: PayloadAnalysis): Omit<PayloadFacts, 'fields'> {
  const valueTypes: PayloadFacts['valueTypes'] = new Map();
  const { index } = analysis;
  if (!index) return { valueTypes };
  const source = index.source;
  const json = analysis.strictPrimary ? scannedMembers(analysis.template.view(0).text, source) : treeMembers(analysis.root, source);
  const top = new Map(json.membersOf(json.root).map((m) => [m.key, m.value]));

  let eventName: PayloadFacts['eventName'];
  const name = top.get('name');
  if (name?.type === 'string' && !index.containsTemplate(name)) {
    const value = json.stringValue(name);
    if (value.trim() !== '') eventName = { name: value, start: name.offset, end: name.offset + name.length };
  }

  const record = (prefix: string, object: Node | undefined, skip?: ReadonlySet<string>) => {
    if (object?.type !== 'object') return;
    for (const { key, value } of json.membersOf(object)) {
      // A templated key names no one property; a bare merge field's type is whatever it renders.
      if (!value || key.includes('{{') || skip?.has(key) || index.isValuePlaceholder(value)) continue;
      valueTypes.set(`${prefix}.${key}`, { type: value.type as JsonValueType, start: value.offset, end: value.offset + value.length });
    }
  };
  record('properties', top.get('properties'));
  record('traits', top.get('traits'), STANDARD_TRAITS);
  return { eventName, valueTypes };
}

/** View 0's JSON as the facts read it: its members with their value nodes (offsets and types). */
interface JsonMembers {
  root: Node | undefined;
  membersOf(object: Node | undefined): Array<{ key: string; value: Node | undefined }>;
  stringValue(node: Node): string;
}

/** From view 0's tree: any JSON, including what only the tolerant parser reads. */
function treeMembers(root: Node | undefined, source: string): JsonMembers {
  return {
    root,
    membersOf: (object) => propertiesOf(object).map((property) => ({ key: keyOf(property, source), value: valueOf(property) })),
    stringValue: (node) => (typeof node.value === 'string' ? node.value : ''),
  };
}

/**
 * From a scan of view 0's text, when JSON.parse has read it (analysis.strictPrimary): no tree is built
 * for a clean payload. Keys are read from the source as keyOf reads them (the fast path checked that
 * each key is written the same in the view and the source).
 */
function scannedMembers(viewText: string, source: string): JsonMembers {
  const first = viewText.search(/\S/);
  return {
    root: viewText.charCodeAt(first) === 0x7b ? { type: 'object', offset: first, length: viewText.length - first } : undefined,
    membersOf: (object) =>
      object?.type === 'object'
        ? strictObjectMembers(viewText, object.offset).map((m) => ({ key: quotedKeyText(source.slice(m.keyStart, m.keyEnd)), value: m.value }))
        : [],
    stringValue: (node) => JSON.parse(viewText.slice(node.offset, node.offset + node.length)) as string,
  };
}
