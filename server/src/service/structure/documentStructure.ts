/**
 * Structure features of the language service: outline, folding, smart selection and formatting.
 * Each lives in its own module; this file keeps the entry points languageService.ts calls. Each
 * answers in steps (util/steps.ts), so that a long one can be stopped between slices.
 */
import type { DocumentSymbol, FoldingRange, FormattingOptions, Position, Range, SelectionRange, TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PayloadAnalysis } from '../payloadAnalysis';
import type { Steps } from '../util/steps';
import { documentSymbols } from './documentSymbols';
import { foldingRanges } from './foldingRanges';
import { formatPayload } from './formatPayload';
import { selectionRanges } from './selectionRanges';

export function findDocumentSymbols(document: TextDocument, analysis: PayloadAnalysis): Steps<DocumentSymbol[]> {
  return documentSymbols(document, analysis);
}

export function getFoldingRanges(document: TextDocument, analysis: PayloadAnalysis): Steps<FoldingRange[]> {
  return foldingRanges(document, analysis.template);
}

export function getSelectionRanges(document: TextDocument, positions: readonly Position[], analysis: PayloadAnalysis): Steps<SelectionRange[]> {
  return selectionRanges(document, positions, analysis);
}

/** Re-indents the JSON (the whole document, or the edits inside `range`), never touching strings or `{{ }}`. */
export function format(document: TextDocument, range: Range | undefined, options: FormattingOptions, analysis: PayloadAnalysis): Steps<TextEdit[]> {
  return formatPayload(document, range, options, analysis.template);
}
