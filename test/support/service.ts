/**
 * Test helpers around the pure language service: validate a text, and read expected ranges from
 * ⟦ ⟧ markers placed in a payload (brackets that neither JSON nor Handlebars use).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/service/languageService';
import type { ValidationSettings } from '../../server/src/service/settings';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const regalSchema = JSON.parse(readFileSync(path.join(repoRoot, 'schemas', 'regal-event.schema.json'), 'utf8')) as Record<string, unknown>;
export const service = createLanguageService({ schema: regalSchema });

let version = 0;
export function documentOf(text: string, uri = 'file:///test/payload.regal.json'): TextDocument {
  return TextDocument.create(uri, 'regal-webhook', ++version, text);
}

export interface Found {
  code: string;
  /** The source text the diagnostic's range covers. */
  covers: string;
  start: number;
  end: number;
  message: string;
  diagnostic: Diagnostic;
}

export function validate(text: string, settings?: ValidationSettings): Found[] {
  const document = documentOf(text);
  return service.doValidation(document, settings).map((diagnostic) => {
    const start = document.offsetAt(diagnostic.range.start);
    const end = document.offsetAt(diagnostic.range.end);
    return { code: String(diagnostic.code), covers: text.slice(start, end), start, end, message: messageOf(diagnostic), diagnostic };
  });
}

/** Strips ⟦ ⟧ markers and returns the text with the offsets they marked. */
export function marked(withMarkers: string): { text: string; ranges: Array<{ start: number; end: number }> } {
  const ranges: Array<{ start: number; end: number }> = [];
  let text = '';
  let open = -1;
  for (const ch of withMarkers) {
    if (ch === '⟦') open = text.length;
    else if (ch === '⟧') {
      ranges.push({ start: open, end: text.length });
      open = -1;
    } else text += ch;
  }
  return { text, ranges };
}

export function codesOf(found: readonly Found[]): string[] {
  return found.map((f) => f.code);
}

/** LSP 3.18 allows markup messages; the service always writes plain strings. */
export function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}
