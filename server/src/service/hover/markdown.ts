/**
 * Small Markdown builders for hovers: inline code that survives backticks in user text, and JSON
 * paths written the way a reader of the payload recognises them.
 */
import type { PathSegment } from '../schema/schemaModel';

/** `text` as inline code; a longer fence when the text itself holds backticks. */
export function code(text: string): string {
  const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced code block (the fence outgrows any run of backticks in the text). */
export function codeBlock(language: string, text: string): string {
  const longest = Math.max(2, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${text}\n${fence}`;
}

/** `traits.optIn[0].channel`, `traits.phones["+12225555555"].isPrimary`. */
export function displayPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out || '(payload)';
}

/** Shortens one-line previews of user text. */
export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** User text shown as plain text in Markdown: every character Markdown gives a meaning is escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

/**
 * A link to a workspace file. The label is a file name anyone can choose (`a](https:evil)![b.regal.json`):
 * escaped, it stays text; the target goes in angle brackets with the characters that could end it
 * percent-encoded, so it can only be the file's own URI.
 */
export function fileLink(label: string, uri: string): string {
  const target = uri.replace(/[<>()\s\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${escapeMarkdown(label)}](<${target}>)`;
}
