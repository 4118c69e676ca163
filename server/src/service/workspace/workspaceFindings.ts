// PLACEHOLDER (issue 3, workspace helper replaces this file): catalog and cross-file findings.
import type { Finding } from '../diagnosticCodes';
import type { PayloadAnalysis } from '../payloadAnalysis';
import type { WorkspaceContext } from './workspaceContext';

/** Findings that need the workspace: unknown-merge-field (catalog) and the cross-file type and event-name checks. */
export function workspaceFindings(_analysis: PayloadAnalysis, _workspace: WorkspaceContext): Finding[] {
  return [];
}
