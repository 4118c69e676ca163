/**
 * `legacy-shape`: rewrites `traits.phone` + `traits.optIn[]` (Regal's Iterable guide) into the shape
 * Regal now recommends (docs/regal.md §1.4, "phones / emails objects"):
 *
 *   "phones": { "{{phoneNumber}}": { "isPrimary": true, "voiceOptIn": { "subscribed": …, "source": … }, "smsOptIn": { … } } }
 *
 * The number is the phone value as written (merge fields kept), the voice and sms items become its
 * `voiceOptIn` / `smsOptIn` with their other properties (subscribed, source, ip, text, timestamp),
 * and an email item becomes `emails.<traits.email>.emailOptIn`. `isPrimary: true` keeps what
 * Regal does with the legacy shape, which makes that phone (and email) the primary one (docs/regal.md
 * §1.4, "Legacy shape"). The rest of `traits` is kept verbatim, in its order.
 *
 * One edit replaces the whole `traits` value, laid out with the document's indentation (on one
 * line when `traits` was written on one line). Values move as written, so mustaches (and blocks
 * written inside one value, such as `{{#if f}}true{{else}}false{{/if}}`) are never altered. When a block wraps more than one value
 * (an optional opt-in item, a property inside `{{#if}}`), a comment, or a syntax error is inside
 * `traits`, or `phone`, `email` or `optIn` is written twice, nothing is offered: moving those
 * safely needs a person.
 */
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { findProperty, keyOf, propertiesOf, valueOf, type Node } from '../json/jsonTree';
import type { PayloadAnalysis } from '../payloadAnalysis';
import { blockEnd } from '../template/blockStructure';
import { code, quickFix, replace, type FixContext } from './fixContext';
import { propertyEnd, valueStart } from './textRemoval';

const OPT_IN_KEYS: Record<string, string> = { voice: 'voiceOptIn', sms: 'smsOptIn', email: 'emailOptIn' };
const BROKEN_CODES = new Set(['invalid-json', 'comment', 'trailing-comma', 'handlebars-syntax']);

/** A span of source text that moves as a whole. */
interface Unit {
  start: number;
  end: number;
}

interface OptInItem {
  channel: string;
  /** `"key": value` texts of the item's other properties, as written. */
  properties: string[];
}

export function legacyShapeFix(context: Pick<FixContext, 'document' | 'analysis' | 'text'>, diagnostics: Diagnostic[]): CodeAction | undefined {
  const { analysis, text, document } = context;
  const traitsProperty = findProperty(analysis.root, 'traits', text);
  const traits = valueOf(traitsProperty);
  if (!traitsProperty || traits?.type !== 'object' || text[traits.offset] !== '{' || text[traits.offset + traits.length - 1] !== '}') return undefined;
  const traitsEnd = traits.offset + traits.length;
  // This converts view 0's `traits`: a hint about the `traits` another branch sends is not its to clear.
  const onTraits = (d: Diagnostic) => document.offsetAt(d.range.start) >= traitsProperty.offset && document.offsetAt(d.range.end) <= traitsEnd;
  if (!diagnostics.every(onTraits)) return undefined;
  if (analysis.findings.some((f) => BROKEN_CODES.has(f.code) && f.start < traitsEnd && f.end > traits.offset)) return undefined;

  // A repeated `phone`, `email` or `optIn`: the conversion reads one, the other would stay behind.
  const keys = propertiesOf(traits).map((p) => keyOf(p, text));
  if (['phone', 'email', 'optIn'].some((key) => keys.indexOf(key) !== keys.lastIndexOf(key))) return undefined;
  const phone = findProperty(traits, 'phone', text);
  const optIn = findProperty(traits, 'optIn', text);
  if (!phone || findProperty(traits, 'phones', text)) return undefined;
  const phoneKey = phoneKeyText(phone, analysis);
  if (!phoneKey) return undefined;

  const units: Unit[] = [];
  for (const property of propertiesOf(traits)) if (property !== optIn) units.push({ start: property.offset, end: propertyEnd(property, analysis) });
  const items = optIn ? readOptIn(optIn, analysis, units) : [];
  if (!items) return undefined;
  if (!onlyWithinUnits(analysis, traits.offset + 1, traitsEnd - 1, units)) return undefined;

  const email = findProperty(traits, 'email', text);
  const emailItem = items.find((i) => i.channel === 'email');
  const emailKey = emailItem ? (email ? phoneKeyText(email, analysis) : undefined) : undefined;
  if (emailItem && (!emailKey || findProperty(traits, 'emails', text))) return undefined;

  const layout = layoutOf(text, traits);
  const { newline } = layout;
  const at = (depth: number) => layout.base + layout.unit.repeat(depth);
  // A `traits` written on one line stays on one line, as the author wrote the rest of it.
  const inline = !/[\r\n]/.test(text.slice(traits.offset, traitsEnd));
  const object = (entries: string[], depth: number) => {
    if (entries.length === 0) return '{}';
    if (inline) return `{ ${entries.join(', ')} }`;
    return `{${newline}${entries.map((e) => at(depth) + e).join(`,${newline}`)}${newline}${at(depth - 1)}}`;
  };
  const optInObject = (item: OptInItem, depth: number) => `"${OPT_IN_KEYS[item.channel]}": ${object(item.properties, depth)}`;

  const phoneEntry = object(['"isPrimary": true', ...items.filter((i) => i.channel !== 'email').map((i) => optInObject(i, 4))], 3);
  const entries: string[] = [];
  for (const property of propertiesOf(traits)) {
    if (property === optIn) continue;
    if (property === phone) entries.push(`"phones": ${object([`${phoneKey}: ${phoneEntry}`], 2)}`);
    else if (property === email && emailItem && emailKey) {
      entries.push(`"emails": ${object([`${emailKey}: ${object(['"isPrimary": true', optInObject(emailItem, 4)], 3)}`], 2)}`);
    } else entries.push(text.slice(property.offset, propertyEnd(property, analysis)));
  }
  const title = `Convert to the ${code('traits.phones')} shape${items.length ? ' (opt-ins move under the number)' : ''}`;
  return quickFix(title, context, diagnostics, [replace(traits.offset, traitsEnd, object(entries, 1))], diagnostics.length > 0);
}

/** The key a phone (or email) value becomes: the string as written, or a bare mustache put in quotes. */
function phoneKeyText(property: Node, analysis: PayloadAnalysis): string | undefined {
  const value = valueOf(property);
  if (!value) return undefined;
  const end = propertyEnd(property, analysis);
  const text = analysis.template.text;
  if (analysis.index?.isValuePlaceholder(value)) {
    const [m] = analysis.index.mustachesIn(value.offset, value.offset + 1);
    return m && m.end === end ? `"${text.slice(m.start, m.end)}"` : undefined;
  }
  // A value a block renders (`{{#if a}}"x"{{else}}"y"{{/if}}`) makes no key.
  return value.type === 'string' && end === value.offset + value.length ? text.slice(value.offset, end) : undefined;
}

/**
 * The items of `optIn`, each property's extent added to `units`; undefined when an item cannot
 * move (not an object, no literal channel Regal supports, a channel twice).
 */
function readOptIn(optIn: Node, analysis: PayloadAnalysis, units: Unit[]): OptInItem[] | undefined {
  const text = analysis.template.text;
  const array = valueOf(optIn);
  if (array?.type !== 'array') return undefined;
  const items: OptInItem[] = [];
  for (const item of array.children ?? []) {
    if (item.type !== 'object') return undefined;
    const channelValue = valueOf(findProperty(item, 'channel', text));
    const channel = channelValue?.type === 'string' && !analysis.index?.containsTemplate(channelValue) ? String(channelValue.value) : undefined;
    if (!channel || !(channel in OPT_IN_KEYS) || items.some((i) => i.channel === channel)) return undefined;
    const properties: string[] = [];
    for (const property of propertiesOf(item)) {
      const end = propertyEnd(property, analysis);
      units.push({ start: property.offset, end });
      if (keyOf(property, text) === 'channel') continue;
      const key = property.children?.[0];
      const start = valueStart(property, text);
      if (!key || start === undefined) return undefined;
      properties.push(`${text.slice(key.offset, key.offset + key.length)}: ${text.slice(start, end)}`);
    }
    // `subscribed` first, as in Regal's examples; the others keep their order.
    const subscribedFirst = [...properties.filter((p) => p.startsWith('"subscribed"')), ...properties.filter((p) => !p.startsWith('"subscribed"'))];
    items.push({ channel, properties: subscribedFirst });
  }
  return items;
}

/** Every mustache in [start, end) lies inside one unit, and every block with a tag there keeps all its tags in one unit. */
function onlyWithinUnits(analysis: PayloadAnalysis, start: number, end: number, units: readonly Unit[]): boolean {
  const unitOf = (offset: number, until: number) => units.find((u) => offset >= u.start && until <= u.end);
  for (const m of analysis.index?.mustachesIn(start, end) ?? []) if (!unitOf(m.start, m.end)) return false;
  for (const block of analysis.template.blocks) {
    const tags = [block.open, ...block.branches.flatMap((b) => (b.elseTag ? [b.elseTag] : [])), ...(block.close ? [block.close] : [])];
    if (!tags.some((t) => t.start < end && t.end > start)) continue;
    const unit = unitOf(block.open.start, blockEnd(block));
    if (!unit) return false;
  }
  return true;
}

/** The indentation of the line holding `traits`, one indentation step, and the line break the document uses. */
function layoutOf(text: string, traits: Node): { base: string; unit: string; newline: string } {
  const lineStart = text.lastIndexOf('\n', traits.offset - 1) + 1;
  const base = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const first = traits.children?.[0];
  if (first) {
    const firstLineStart = text.lastIndexOf('\n', first.offset - 1) + 1;
    const indent = text.slice(firstLineStart, first.offset);
    if (firstLineStart > traits.offset && /^[ \t]*$/.test(indent) && indent.length > base.length && indent.startsWith(base)) {
      return { base, unit: indent.slice(base.length), newline };
    }
  }
  const indents = [...text.matchAll(/\n([ \t]+)\S/g)].map((m) => m[1]);
  const tab = indents.find((i) => i.startsWith('\t'));
  const spaces = indents.filter((i) => !i.startsWith('\t')).map((i) => i.length);
  return { base, unit: tab && spaces.length === 0 ? '\t' : ' '.repeat(spaces.length ? Math.min(...spaces) : 2), newline };
}
