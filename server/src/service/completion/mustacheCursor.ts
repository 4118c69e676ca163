/**
 * Where the cursor is inside a Handlebars mustache being typed: which mustache (binary search over
 * the analysis' mustaches, which include unclosed ones), which word, and whether that word is the
 * head of the expression (a helper or a merge field) or an argument (a merge field).
 */
import type { Mustache } from '../template/mustacheScanner';
import { lastStartingBefore } from '../template/mustacheLookup';

export interface MustacheCursor {
  mustache: Mustache;
  /** Index of the mustache in the template's list. */
  index: number;
  /** The word the completion replaces (`phoneNu|mber` → the whole name). */
  word: { start: number; end: number };
  /** The part of the word before the cursor: what the editor filters the items with. */
  typed: string;
  /** The word is the first of the expression (or of a subexpression): helpers are allowed there. */
  isHead: boolean;
  /** The word heads a subexpression `( … )`, which only an inline helper can. */
  inSubexpression: boolean;
  /** What closes this mustache (`}}`, or `}}}` after `{{{`), to insert when it is missing. */
  closer: string;
}

/** Characters of a Handlebars path as it is typed (brackets included: `[First Name]` is completed whole). */
const NAME_CHAR = /[^\s(){}~'"=|]/;

export function mustacheCursorAt(source: string, mustaches: readonly Mustache[], offset: number): MustacheCursor | undefined {
  const index = lastStartingBefore(mustaches, offset);
  if (index === -1) return undefined;
  const m = mustaches[index];
  const contentLimit = m.closed ? m.contentEnd : m.end;
  if (offset < m.contentStart || offset > contentLimit) return undefined;
  if (m.kind === 'comment' || m.kind === 'partial' || m.kind === 'inverseOpen') return undefined;

  let start = offset;
  while (start > m.contentStart && NAME_CHAR.test(source[start - 1])) start--;
  let end = offset;
  while (end < contentLimit && NAME_CHAR.test(source[end])) end++;
  const before = source.slice(m.contentStart, start);
  const inSubexpression = /\(\s*$/.test(before);
  return {
    mustache: m,
    index,
    word: { start, end },
    typed: source.slice(start, offset),
    isHead: before.trim() === '' || inSubexpression,
    inSubexpression,
    closer: source.startsWith('{{{', m.start) ? '}}}' : '}}',
  };
}
