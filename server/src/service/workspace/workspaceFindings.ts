/**
 * Findings that need more than the document: the merge-field catalog (`unknown-merge-field`) and
 * the other payload files of the workspace (`inconsistent-type`, `similar-event-name`).
 */
import type { Finding } from '../diagnosticCodes';
import type { PayloadAnalysis } from '../payloadAnalysis';
import { inconsistentTypes, similarEventNames } from './crossFileFindings';
import { payloadFacts } from './payloadFacts';
import { unknownMergeFields } from './unknownMergeFields';
import type { WorkspaceContext } from './workspaceContext';

/** `uri` is the document's own: a workspace that still lists it is not compared with itself. */
export function workspaceFindings(analysis: PayloadAnalysis, workspace: WorkspaceContext, uri?: string): Finding[] {
  const others = workspace.files.filter((file) => file.uri !== uri);
  if (!workspace.catalog && others.length === 0) return [];
  const facts = payloadFacts(analysis);
  return [...unknownMergeFields(facts, workspace.catalog), ...inconsistentTypes(facts, others), ...similarEventNames(facts, others)];
}
