/**
 * The JSON view that renders the text at a cursor. View 0 (every condition true, see
 * template/jsonView.ts) blanks `{{else}}` branches and `{{#unless}}` bodies; a cursor typing there
 * needs a view that renders that branch, whose tree is parsed once (json/jsonTree.ts viewTree).
 */
import type { Node } from 'jsonc-parser';
import { viewTree } from './json/jsonTree';
import type { PayloadAnalysis } from './payloadAnalysis';
import type { JsonView } from './template/jsonView';

export interface RenderedView {
  view: JsonView;
  root: Node | undefined;
}

/**
 * The first view whose hidden branches do not hold `offset` (a branch's edges count as inside it:
 * right after `{{else}}` or right before `{{/if}}` the user types into the branch), or undefined
 * when no view renders it (long `{{else if}}` chains beyond the views that are built).
 */
export function renderedViewAt(analysis: PayloadAnalysis, offset: number): RenderedView | undefined {
  const { template } = analysis;
  const first = template.view(0);
  if (!hides(first, offset)) return { view: first, root: analysis.root };
  for (let v = 1; v < template.viewCount; v++) {
    const view = template.view(v);
    if (!hides(view, offset)) return { view, root: viewTree(view).root };
  }
  return undefined;
}

/** The trees of every view that renders `offset` (view 0's first when it does), for checks across branches. */
export function renderedRootsAt(analysis: PayloadAnalysis, offset: number): Node[] {
  const { template } = analysis;
  const roots: Node[] = [];
  for (let v = 0; v < template.viewCount; v++) {
    const view = template.view(v);
    const root = v === 0 ? analysis.root : hides(view, offset) ? undefined : viewTree(view).root;
    if (root && !(v === 0 && hides(view, offset))) roots.push(root);
  }
  return roots;
}

function hides(view: JsonView, offset: number): boolean {
  return view.hidden.some((span) => offset >= span.start && offset <= span.end);
}
