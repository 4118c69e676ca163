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

/** What a snippet's payload sends, for the picker of `Regal: New Payload…` (by prefix). */
const SENDS: Readonly<Record<string, string>> = {
  'regal-contact-phones': 'Sends traits.phones keyed by {{phoneNumber}} with per-phone voice/SMS opt-in, traits.emails, names and custom traits.',
  'regal-optin-phones': "Sends voiceOptIn / smsOptIn with real booleans on the phone's entry in traits.phones.",
  'regal-event-phones': 'Sends an event name and properties for the contact identified by its number in traits.phones.',
  'regal-contact': 'Sends traits.phone, email, names, voice and SMS optIn[] and custom traits.',
  'regal-optin': 'Sends voice/SMS optIn[] with real booleans ({{#if field}}true{{else}}false{{/if}}) for traits.phone.',
  'regal-event': "Sends an event name and properties for the contact's traits.phone.",
};

/** Marks the snippets in the legacy shape (`traits.phone` + `optIn[]`), the one Regal's Iterable guide shows. */
export const GUIDE_SHAPE_NOTE = "as in Regal's Iterable guide";

/** Whether a snippet writes the current API shape (`traits.phones`). */
export const isCurrentShape = (snippet: PayloadSnippet) => snippet.name.includes('traits.phones') || snippet.prefix.endsWith('-phones');

export interface PayloadPickItem {
  label: string;
  description: string;
  detail: string;
  snippet: PayloadSnippet;
}

/**
 * The items of the New Payload picker: the current shape (`traits.phones`) first, then the legacy
 * shape, marked as in Regal's Iterable guide; each says what it sends.
 */
export function payloadPickItems(snippets: readonly PayloadSnippet[]): PayloadPickItem[] {
  const current = snippets.filter(isCurrentShape);
  const legacy = snippets.filter((s) => !isCurrentShape(s));
  return [...current, ...legacy].map((snippet) => ({
    label: snippet.name,
    description: isCurrentShape(snippet)
      ? `${snippet.prefix} · traits.phones, the shape Regal recommends`
      : `${snippet.prefix} · traits.phone + optIn[], ${GUIDE_SHAPE_NOTE}`,
    detail: SENDS[snippet.prefix] ?? snippet.description,
    snippet,
  }));
}

/** The workflow a snippet writes, as a file name stem: `Send event (traits.phones)` → `send-event`. */
export function workflowSlug(snippet: PayloadSnippet): string {
  const slug = snippet.name
    .replace(/\(.*?\)/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'payload';
}
