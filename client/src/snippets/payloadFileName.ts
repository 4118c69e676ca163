/**
 * File names for `Regal: New Payload…`: the default one (`<workflow>.regal.json`, or the first free
 * `<workflow>-2.regal.json`, …) and what a typed name becomes. Pure (no `vscode` import).
 */

export const PAYLOAD_EXTENSION = '.regal.json';

/**
 * A typed name as a payload file name: `.regal.json` is appended when missing (a `.json` ending is
 * replaced, so `send-event.json` becomes `send-event.regal.json`). Surrounding spaces are trimmed;
 * undefined for an empty name or one that ends in a folder separator.
 */
export function withPayloadExtension(typed: string): string | undefined {
  const name = typed.trim();
  if (name === '' || /[\\/]$/.test(name)) return undefined;
  if (name.toLowerCase().endsWith(PAYLOAD_EXTENSION)) return name;
  const stem = name.toLowerCase().endsWith('.json') ? name.slice(0, -'.json'.length) : name;
  if (stem === '' || /[\\/]$/.test(stem)) return undefined;
  return `${stem}${PAYLOAD_EXTENSION}`;
}

/** `<stem>.regal.json`, or `<stem>-2.regal.json`, `<stem>-3.regal.json`, … : the first that `taken` does not hold. */
export async function freePayloadFileName(stem: string, taken: (name: string) => boolean | Promise<boolean>): Promise<string> {
  const first = `${stem}${PAYLOAD_EXTENSION}`;
  if (!(await taken(first))) return first;
  for (let n = 2; n < 10_000; n++) {
    const name = `${stem}-${n}${PAYLOAD_EXTENSION}`;
    if (!(await taken(name))) return name;
  }
  return `${stem}-${Date.now()}${PAYLOAD_EXTENSION}`;
}
