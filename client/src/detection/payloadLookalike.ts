/**
 * Spots a JSON file that is a Regal webhook payload under another name (`send-event.json`): the
 * extension then offers to rename it to `*.regal.json` or to associate it with the `regal-webhook`
 * language. The client rules out most files by name and content here; whether the text reads as a
 * payload the language server decides (`regal/looksLikePayload`, server/src/service/workspace/payloadLookalike.ts).
 * Pure (no `vscode` import); test/unit/payloadLookalike.test.ts.
 */
import { MAX_LOOKALIKE_CHARS } from '../../../server/src/protocol/contract';
import { PAYLOAD_EXTENSION } from '../snippets/payloadFileName';

/** JSON files that are something else, whatever they hold. */
const OTHER_FILES =
  /(^|[\\/])(package(-lock)?|tsconfig.*|jsconfig|composer|\.?eslintrc|settings|launch|tasks|extensions|keybindings|iterable-fields|regal\.sample)\.json$/i;

/**
 * Whether the server should be asked about `text`, the content of `fileName`: a `.json` file (not
 * `*.regal.json`, not a well-known configuration file) of a hand-written size holding Handlebars (`{{`).
 */
export function isLookalikeCandidate(fileName: string, text: string): boolean {
  const lower = fileName.toLowerCase();
  if (!lower.endsWith('.json') || lower.endsWith(PAYLOAD_EXTENSION) || OTHER_FILES.test(fileName)) return false;
  return text.length <= MAX_LOOKALIKE_CHARS && text.includes('{{');
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
