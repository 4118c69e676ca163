/**
 * Completion and hover latency at 100 positions spread over a 2 KB payload, as the editor asks for
 * them: the document's analysis is already cached (diagnostics ran when it was opened).
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../server/src/service/languageService';
import { generatePayload } from './generatePayload';
import { summarize, type Summary } from './measure';

export interface EditingResult {
  length: number;
  positions: number;
  completion: Summary;
  hover: Summary;
}

export function benchEditing(service: LanguageService, rounds = 20): EditingResult {
  const text = generatePayload(2_000);
  const document = TextDocument.create('file:///bench/editing.regal.json', 'regal-webhook', 1, text);
  service.doValidation(document);
  const positions = Array.from({ length: 100 }, (_, k) => document.positionAt(Math.floor(((k + 0.5) * text.length) / 100)));
  const completion: number[] = [];
  const hover: number[] = [];
  for (let round = 0; round < rounds + 2; round++) {
    for (const position of positions) {
      const start = performance.now();
      service.doComplete(document, position);
      const completed = performance.now();
      service.doHover(document, position);
      const hovered = performance.now();
      if (round < 2) continue; // warm-up rounds
      completion.push(completed - start);
      hover.push(hovered - completed);
    }
  }
  return { length: text.length, positions: positions.length, completion: summarize(completion), hover: summarize(hover) };
}
