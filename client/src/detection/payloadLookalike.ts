/**
 * Spots a JSON file that is a Regal webhook payload under another name (`send-event.json`): the
 * extension then offers to rename it to `*.regal.json` or to associate it with the `regal-webhook`
 * language. Pure (no `vscode` import); test/unit/payloadLookalike.test.ts.
 */
import { parseTree } from 'jsonc-parser';
import { parseTemplate } from '../../../server/src/service/template/templateModel';
import { PAYLOAD_EXTENSION } from '../snippets/payloadFileName';

/** Bigger files are no payload someone writes by hand (and are not worth parsing on every open). */
export const MAX_LOOKALIKE_CHARS = 200_000;

/** JSON files that are something else, whatever they hold. */
const OTHER_FILES = /(^|[\\/])(package(-lock)?|tsconfig.*|jsconfig|composer|\.?eslintrc|settings|launch|tasks|extensions|keybindings|iterable-fields|regal\.sample)\.json$/i;

/**
 * Whether `text`, the content of `fileName`, looks like a Regal payload written for an Iterable
 * webhook: a `.json` file (not `*.regal.json`) holding Handlebars (`{{`) whose top-level object has
 * the keys of Regal's events API: `traits`, `userId` or `eventSource`, or `name` with `properties`.
 */
export function looksLikeRegalPayload(fileName: string, text: string): boolean {
  const lower = fileName.toLowerCase();
  if (!lower.endsWith('.json') || lower.endsWith(PAYLOAD_EXTENSION) || OTHER_FILES.test(fileName)) return false;
  if (text.length > MAX_LOOKALIKE_CHARS || !text.includes('{{')) return false;
  // The JSON the template renders when every condition holds, mustaches blanked (the server's view 0):
  // `"subscribed": {{#if x}}true{{else}}false{{/if}}` reads as `"subscribed": true`.
  let json: string;
  try {
    json = parseTemplate(text).view(0).text;
  } catch {
    return false;
  }
  const root = parseTree(json, [], { allowTrailingComma: true });
  if (root?.type !== 'object') return false;
  const keys = new Set((root.children ?? []).map((property) => property.children?.[0]?.value).filter((key): key is string => typeof key === 'string'));
  return keys.has('traits') || keys.has('userId') || keys.has('eventSource') || (keys.has('name') && keys.has('properties'));
}

// The `files.associations` pattern for one file, from its workspace-relative path: its name when it
// sits at the folder's root (`send-event.json`), `**/payloads/send-event.json` otherwise (VS Code
// matches patterns with a `/` against the whole path).
export function associationPattern(relativePath: string): string {
  const posix = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
  return posix.includes('/') ? `**/${posix}` : posix;
}

/** The name a renamed file gets: `send-event.json` → `send-event.regal.json`. */
export function regalFileName(fileName: string): string {
  return fileName.replace(/\.json$/i, PAYLOAD_EXTENSION);
}
