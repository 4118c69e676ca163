/**
 * `optin-channel`: replace the channel with each one Regal supports (docs/regal.md §1.4: voice, sms,
 * email), closest first. `optin-required`: add the missing `channel` and/or `subscribed` to the
 * item, with values that validate: each channel not yet used by another item first, and
 * `"subscribed": true` (an opt-in item says the contact subscribed; edit it for an opt-out).
 */
import type { FindingOf } from '../diagnosticCodes';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { findNodeAtPath, findProperty, valueOf, type Node } from '../json/jsonTree';
import { editDistance } from '../util/suggest';
import { code, pathData, quickFix, replace, stringData, stringListData, type FixContext, type OffsetEdit } from './fixContext';

const CHANNELS = ['voice', 'sms', 'email'];

export function optInChannelFixes(context: FixContext<FindingOf<'optin-channel'>>): CodeAction[] {
  const { finding, text } = context;
  const value = stringData(finding, 'value') ?? '';
  const allowed = stringListData(finding, 'allowed');
  const suggestions = stringListData(finding, 'suggestions');
  const written = text.slice(finding.start, finding.end);
  if (!written.startsWith('"') || !written.endsWith('"') || written.length < 2) return [];
  const channels = allowed.length > 0 ? allowed : CHANNELS;
  const lower = value.toLowerCase();
  const ranked = [...channels].sort((a, b) => closeness(lower, a) - closeness(lower, b));
  // Preferred only when one channel is clearly meant: suggested by the finding, or near and nearer than the others.
  const [best, second] = ranked.map((c) => closeness(lower, c));
  const clear = suggestions.includes(ranked[0]) || ranked.length === 1 || (best <= 2 && best < second);
  return ranked.map((channel, i) =>
    quickFix(
      `Change the channel to ${code(channel)}`,
      context,
      [context.diagnostic],
      [replace(finding.start, finding.end, JSON.stringify(channel))],
      i === 0 && clear,
    ),
  );
}

/** Suggested (close) channels first; a value that contains the channel (`"sms-text"`) counts as close. */
function closeness(value: string, channel: string): number {
  if (value.includes(channel) || channel.includes(value)) return Math.abs(value.length - channel.length) * 0.01;
  return editDistance(value, channel);
}

export function optInRequiredFixes(context: FixContext<FindingOf<'optin-required'>>, requestDiagnostics: readonly Diagnostic[]): CodeAction[] {
  const { finding, analysis, text } = context;
  const missing = stringData(finding, 'missingProperty');
  const path = pathData(finding);
  if (!path || !analysis.root || (missing !== 'channel' && missing !== 'subscribed')) return [];
  const item = findNodeAtPath(analysis.root, path, text);
  if (item?.type !== 'object' || text[item.offset] !== '{') return [];
  const hasChannel = findProperty(item, 'channel', text) !== undefined;
  const hasSubscribed = findProperty(item, 'subscribed', text) !== undefined;
  const subscribed = '"subscribed": true';
  if (missing === 'subscribed') {
    const edit = hasSubscribed ? undefined : insertProperties(item, text, [subscribed]);
    // When both are missing the channel fix adds both; this one adds only its own property.
    return edit ? [quickFix(`Add ${code(subscribed)}`, context, [context.diagnostic], [edit], true)] : [];
  }
  if (hasChannel) return [];
  const addsSubscribed = !hasSubscribed;
  // The diagnostic for the missing `subscribed` of the same item, so the combined fix clears both.
  const sibling = addsSubscribed
    ? requestDiagnostics.find(
        (d) => d !== context.diagnostic && d.code === 'optin-required' && sameRange(d, context.diagnostic) && dataOf(d).missingProperty === 'subscribed',
      )
    : undefined;
  const used = new Set(otherChannels(item, text));
  const order = [...CHANNELS.filter((c) => !used.has(c)), ...CHANNELS.filter((c) => used.has(c))];
  const actions: CodeAction[] = [];
  for (const channel of order) {
    const properties = [`"channel": ${JSON.stringify(channel)}`, ...(addsSubscribed ? [subscribed] : [])];
    const edit = insertProperties(item, text, properties);
    if (!edit) return [];
    const title = `Add ${properties.map(code).join(' and ')}`;
    // Never preferred: which channel the contact consented to is the author's to say.
    actions.push(quickFix(title, context, sibling ? [context.diagnostic, sibling] : [context.diagnostic], [edit]));
  }
  return actions;
}

function sameRange(a: Diagnostic, b: Diagnostic): boolean {
  return JSON.stringify(a.range) === JSON.stringify(b.range);
}

function dataOf(d: Diagnostic): Record<string, unknown> {
  return typeof d.data === 'object' && d.data !== null ? (d.data as Record<string, unknown>) : {};
}

/** Literal channels of the other items of the same `optIn` array. */
function otherChannels(item: Node, text: string): string[] {
  const array = item.parent;
  if (array?.type !== 'array') return [];
  return (array.children ?? [])
    .filter((other) => other !== item)
    .map((other) => valueOf(findProperty(other, 'channel', text)))
    .filter((v): v is Node => v?.type === 'string')
    .map((v) => String(v.value));
}

/**
 * Inserts properties right after the object's `{`, so they never land inside a block that wraps
 * the first existing property: on their own line(s) when the object is written over several lines,
 * inline otherwise; with a comma after them when the object already has properties.
 */
export function insertProperties(object: Node, text: string, properties: readonly string[]): OffsetEdit | undefined {
  const open = object.offset + 1;
  const first = object.children?.[0];
  if (!first) {
    // An object left open (`[ {` at the end of the file) ends where its last character is.
    const end = object.offset + object.length;
    const close = end > open && text[end - 1] === '}' ? end - 1 : end;
    // An object empty only in view 0 holds a block that renders properties elsewhere: leave it alone.
    if (text.slice(open, close).trim() !== '') return undefined;
    return replace(open, close, ` ${properties.join(', ')} `);
  }
  const between = text.slice(open, first.offset);
  const lineBreak = between.lastIndexOf('\n');
  if (lineBreak === -1) return replace(open, open, ` ${properties.join(', ')},`);
  const indent = /^[ \t]*/.exec(between.slice(lineBreak + 1))?.[0] ?? '';
  const newline = between.slice(0, lineBreak + 1).includes('\r\n') ? '\r\n' : '\n';
  return replace(open, open, properties.map((p) => `${newline}${indent}${p},`).join(''));
}
