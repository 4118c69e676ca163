/**
 * Reads the payload snippets file (snippets/regal-webhook.code-snippets, also contributed to VS Code
 * as snippets of the `regal-webhook` language) into a list that `Regal: New Payload…` offers.
 * Pure (no `vscode` import) so the unit tests read the same file the same way.
 */
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

/** Where the snippets live inside the extension (package.json contributes the same path). */
export const PAYLOAD_SNIPPETS_PATH = 'snippets/regal-webhook.code-snippets';

export interface PayloadSnippet {
  /** The snippet's key in the file, e.g. "Create contact". */
  name: string;
  /** What to type for snippet completion, e.g. "regal-contact". */
  prefix: string;
  description: string;
  /** The snippet text in VS Code snippet syntax (tab stops, choices), lines joined with "\n". */
  body: string;
}

/** Parses the snippets file; throws with the position of the first problem (the file ships with the extension). */
export function parsePayloadSnippets(text: string): PayloadSnippet[] {
  const errors: ParseError[] = [];
  // .code-snippets files are JSON with comments, like VS Code reads them.
  const value: unknown = parse(text, errors, { allowTrailingComma: true });
  if (errors.length > 0) {
    const first = errors[0] as ParseError;
    throw new Error(`${PAYLOAD_SNIPPETS_PATH}: ${printParseErrorCode(first.error)} at offset ${first.offset}`);
  }
  if (!isRecord(value)) throw new Error(`${PAYLOAD_SNIPPETS_PATH}: expected an object of snippets`);
  return Object.entries(value).map(([name, entry]) => {
    if (!isRecord(entry)) throw new Error(`${PAYLOAD_SNIPPETS_PATH}: snippet "${name}" is not an object`);
    const prefix = Array.isArray(entry.prefix) ? entry.prefix[0] : entry.prefix;
    const body = Array.isArray(entry.body) ? entry.body.join('\n') : entry.body;
    if (typeof prefix !== 'string' || typeof body !== 'string' || body.trim() === '') {
      throw new Error(`${PAYLOAD_SNIPPETS_PATH}: snippet "${name}" needs a prefix and a body`);
    }
    return { name, prefix, description: typeof entry.description === 'string' ? entry.description : '', body };
  });
}

/** The snippet called `nameOrPrefix` (its name, or its prefix), ignoring case. */
export function findPayloadSnippet(snippets: readonly PayloadSnippet[], nameOrPrefix: string): PayloadSnippet | undefined {
  const wanted = nameOrPrefix.trim().toLowerCase();
  return snippets.find((s) => s.name.toLowerCase() === wanted) ?? snippets.find((s) => s.prefix.toLowerCase() === wanted);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
