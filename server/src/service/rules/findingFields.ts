/**
 * The fields every finding has, whatever its rule: a problem in document offsets, before severities
 * are applied and before its message is composed for a client (languageService.ts, toDiagnostic).
 */
import type { Range } from 'vscode-languageserver-types';

export interface FindingFields {
  start: number;
  end: number;
  /** What is wrong and how to fix it, for people; fixes never read it. */
  message: string;
  related?: Array<{ start: number; end: number; message: string }>;
  /** Places in other files (cross-file checks), already as LSP locations. */
  relatedElsewhere?: Array<{ uri: string; range: Range; message: string }>;
}
