/**
 * The fast path of diagnostics: a JSON view read with JSON.parse (the engine's native parser, ten
 * times faster than building a tree, see docs/performance-notes.md), for the common case where the view is
 * strict JSON. Returns undefined whenever the result could differ from what the tree-based checks
 * see, so that they decide: when JSON.parse rejects the text, when a key in the view does not read
 * like the template's key (a masked or blanked mustache in it, or an escape beside a mustache: see
 * keyOf in jsonTree.ts), or when an object repeats a key (JSON.parse keeps only the last).
 */

const COLON = 0x3a;

export function parseViewInstance(viewText: string, source: string): { instance: unknown } | undefined {
  let instance: unknown;
  try {
    instance = JSON.parse(viewText);
  } catch {
    return undefined;
  }
  // The text is valid JSON now, so every `"` outside a string opens one, and a string followed by
  // `:` is a key. Counting keys here and in the parsed value tells whether any key was repeated.
  // indexOf jumps from quote to quote natively; the next backslash is looked up only when passed.
  let keys = 0;
  let nextBackslash = viewText.indexOf('\\');
  for (let open = viewText.indexOf('"'); open !== -1;) {
    let close = viewText.indexOf('"', open + 1);
    let escaped = false;
    while (nextBackslash !== -1 && nextBackslash < close) {
      escaped = true;
      // A backslash escapes the next character: a quote there does not close the string.
      if (nextBackslash + 1 === close) close = viewText.indexOf('"', close + 1);
      nextBackslash = viewText.indexOf('\\', nextBackslash + 2);
    }
    let after = close + 1;
    while (isJsonSpace(viewText.charCodeAt(after))) after++;
    if (viewText.charCodeAt(after) === COLON) {
      keys++;
      if (!sameSpan(viewText, source, open, close + 1)) return undefined;
      if (escaped && source.slice(open, close + 1).includes('{{')) return undefined;
    }
    open = viewText.indexOf('"', close + 1);
  }
  return countKeys(instance) === keys ? { instance } : undefined;
}

function sameSpan(a: string, b: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false;
  return true;
}

/**
 * Own keys of every object in a parsed JSON value (no prototypes to worry about: JSON.parse makes
 * plain data). Object.values and a type check before recursing: a third faster than for…in with a
 * call per value (measured on a parsed 100 KB payload).
 */
function countKeys(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const items = Array.isArray(value) ? (value as unknown[]) : Object.values(value as Record<string, unknown>);
  let count = Array.isArray(value) ? 0 : items.length;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item !== null && typeof item === 'object') count += countKeys(item);
  }
  return count;
}

function isJsonSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
