/**
 * Re-indents valid JSON by changing whitespace only: a JSON.parse round trip would merge duplicate
 * keys and round big numbers, and the preview and `regal-webhook render` must show what Regal
 * receives. Two spaces, `\n` line ends.
 */
import { applyEdits, format } from 'jsonc-parser';

export function reindentJson(json: string): string {
  return applyEdits(json, format(json, undefined, { tabSize: 2, insertSpaces: true, eol: '\n' })).trim();
}
