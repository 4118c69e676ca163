/**
 * What one payload file contributes to the features of the others (completion of event names and
 * merge fields, the cross-file checks): its payload facts, with LSP ranges for relatedInformation.
 */
import type { Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PayloadAnalysis } from '../payloadAnalysis';
import { payloadFacts } from './payloadFacts';
import type { JsonValueType, PayloadFileSummary } from './workspaceContext';

/** Longer strings are no values to offer as completions. */
const MAX_VALUE_LENGTH = 200;

export function summarizePayload(document: TextDocument, analysis: PayloadAnalysis): PayloadFileSummary {
  const facts = payloadFacts(analysis);
  const range = (span: { start: number; end: number }): Range => ({ start: document.positionAt(span.start), end: document.positionAt(span.end) });
  const mergeFields = new Map<string, Range>();
  for (const field of facts.fields) if (!mergeFields.has(field.name)) mergeFields.set(field.name, range(field));
  const valueTypes = new Map<string, { type: JsonValueType; range: Range }>();
  const stringValues = new Map<string, string>();
  const text = document.getText();
  for (const [key, value] of facts.valueTypes) {
    valueTypes.set(key, { type: value.type, range: range(value) });
    const written = text.slice(value.start, value.end);
    if (value.type === 'string' && written.length <= MAX_VALUE_LENGTH && !/[\r\n]/.test(written)) stringValues.set(key, written);
  }
  return {
    uri: document.uri,
    mergeFields,
    eventNames: facts.eventName ? [{ name: facts.eventName.name, range: range(facts.eventName) }] : [],
    valueTypes,
    stringValues,
  };
}
