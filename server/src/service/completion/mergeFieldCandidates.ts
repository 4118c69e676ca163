/**
 * The merge fields completion can offer, each once, with every place it is known from: Iterable's
 * standard fields (iterableFields.ts), the user's catalog (regal.fieldsFile), the workspace's other
 * payload files, and the other mustaches of this file (the analysis already parsed them).
 */
import { iterableStandardFields, type IterableStandardField } from '../iterable/iterableFields';
import type { TemplateModel } from '../template/templateModel';
import type { WorkspaceContext } from '../workspace/workspaceContext';

export interface MergeFieldCandidate {
  name: string;
  standard?: IterableStandardField;
  /** The type the catalog gives the field. */
  catalogType?: string;
  /** Names of the other payload files that use it (in workspace order). */
  usedIn: string[];
  usedInThisFile: boolean;
}

/** How many file names a field's documentation lists before "and N more". */
export const MAX_FILES_LISTED = 3;

export function mergeFieldCandidates(template: TemplateModel, exceptMustache: number, workspace: WorkspaceContext): MergeFieldCandidate[] {
  const byName = new Map<string, MergeFieldCandidate>();
  const candidate = (name: string): MergeFieldCandidate => {
    let found = byName.get(name);
    if (!found) byName.set(name, (found = { name, usedIn: [], usedInThisFile: false }));
    return found;
  };
  for (const field of iterableStandardFields.values()) candidate(field.name).standard = field;
  for (const [name, type] of workspace.catalog?.fields ?? []) candidate(name).catalogType = type;
  for (const file of workspace.files) {
    const fileName = fileNameOf(file.uri);
    for (const name of file.mergeFields.keys()) {
      const usedIn = candidate(name).usedIn;
      if (usedIn[usedIn.length - 1] !== fileName) usedIn.push(fileName);
    }
  }
  template.forEachExpression((expression, i) => {
    if (!expression || i === exceptMustache) return;
    for (const field of expression.fields) if (isFieldName(field.name)) candidate(field.name).usedInThisFile = true;
  });
  return [...byName.values()];
}

/** `this`, `.`, `@index` and friends are no profile fields. */
function isFieldName(name: string): boolean {
  return name !== '' && name !== 'this' && name !== '.' && !name.startsWith('@') && !name.startsWith('this.');
}

/** The last segment of a URI's path, decoded when it is valid percent-encoding. */
export function fileNameOf(uri: string): string {
  const last =
    uri
      .replace(/[?#].*$/, '')
      .split('/')
      .pop() || uri;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
