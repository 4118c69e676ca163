/**
 * The extension's own requests (contract.ts), answered from the language service: the client asks
 * rather than bundling the service a second time. Each request carries the text it is about; its
 * parameters are checked (a malformed request gets a clear InvalidParams error, never a crash).
 */
import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';
import { mergeFieldsUsed } from '../service/workspace/mergeFieldsUsed';
import { readsAsRegalPayload } from '../service/workspace/payloadLookalike';
import type { WorkspaceContext } from '../service/workspace/workspaceContext';
import {
  LOOKS_LIKE_PAYLOAD_REQUEST,
  MAX_FIELD_SCAN_CHARS,
  MAX_LOOKALIKE_CHARS,
  MERGE_FIELDS_USED_REQUEST,
  type LooksLikePayloadResult,
  type MergeFieldsUsedResult,
} from './contract';

const invalid = (message: string) => new ResponseError<void>(ErrorCodes.InvalidParams, message);

function stringParam(params: unknown, name: string): string | undefined {
  const value: unknown = typeof params === 'object' && params !== null ? (params as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

export function registerCustomRequests(connection: Connection, workspaceFor: (uri: string) => WorkspaceContext): void {
  connection.onRequest(LOOKS_LIKE_PAYLOAD_REQUEST, (params: unknown): LooksLikePayloadResult | ResponseError<void> => {
    const text = stringParam(params, 'text');
    if (text === undefined) return invalid(`${LOOKS_LIKE_PAYLOAD_REQUEST} needs { text: string }.`);
    if (text.length > MAX_LOOKALIKE_CHARS) return { looksLike: false, reason: `longer than ${MAX_LOOKALIKE_CHARS} characters` };
    return readsAsRegalPayload(text);
  });

  connection.onRequest(MERGE_FIELDS_USED_REQUEST, (params: unknown): MergeFieldsUsedResult | ResponseError<void> => {
    const uri = stringParam(params, 'uri');
    const text = stringParam(params, 'text');
    if (uri === undefined || text === undefined) return invalid(`${MERGE_FIELDS_USED_REQUEST} needs { uri: string, text: string }.`);
    if (text.length > MAX_FIELD_SCAN_CHARS) return { fields: [] };
    const catalog = workspaceFor(uri).catalog;
    return { fields: mergeFieldsUsed(text, catalog), ...(catalog ? { catalogUri: catalog.uri } : {}) };
  });
}
