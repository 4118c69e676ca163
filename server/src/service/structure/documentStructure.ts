// PLACEHOLDER (issue 3, structure helper replaces this file).
import type { DocumentSymbol, FoldingRange, FormattingOptions, Position, Range, SelectionRange, TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PayloadAnalysis } from '../payloadAnalysis';

export function findDocumentSymbols(_document: TextDocument, _analysis: PayloadAnalysis): DocumentSymbol[] {
  return [];
}
export function getFoldingRanges(_document: TextDocument, _analysis: PayloadAnalysis): FoldingRange[] {
  return [];
}
export function getSelectionRanges(_document: TextDocument, positions: readonly Position[], _analysis: PayloadAnalysis): SelectionRange[] {
  return positions.map((p) => ({ range: { start: p, end: p } }));
}
export function format(_document: TextDocument, _range: Range | undefined, _options: FormattingOptions, _analysis: PayloadAnalysis): TextEdit[] {
  return [];
}
