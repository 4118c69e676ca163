/**
 * Runs every check on one payload text and returns findings in document offsets.
 *
 * View 0 (every condition true) gets every check. The other views (see jsonView.ts) exist to
 * catch what only breaks in another branch: they report JSON syntax problems anywhere, other
 * problems only where they touch the branches they render, and nothing view 0 already reported.
 * A view that JSON.parse, the schema and the lint triggers find clean gets no syntax tree at all
 * (choosePath); the tree of view 0 is built when a feature first asks for `root`.
 */
import type { Finding } from './diagnosticCodes';
import { toInstance, viewTree, type Node } from './json/jsonTree';
import { parseViewInstance } from './json/viewInstance';
import { mayReportPayloadRules, payloadRuleFindings } from './lint/payloadRules';
import { syntaxFindings } from './lint/syntaxFindings';
import { unquotedMergeFields } from './lint/unquotedMergeFields';
import { schemaFindings } from './schema/schemaFindings';
import type { SchemaValidator } from './schema/schemaValidator';
import { blockEnd, innermostBlockAt, type Block } from './template/blockStructure';
import { selectedBranch, type JsonView } from './template/jsonView';
import { indexTemplate, type TemplateIndex } from './template/templateIndex';
import { parseTemplate, type TemplateModel } from './template/templateModel';
import { append } from './util/append';
import { plain } from './util/plainText';

/** Deeper nesting than this is no Regal payload, and would exhaust recursive parsers' stacks. */
export const MAX_NESTING = 512;

const SYNTAX_CODES = new Set(['invalid-json', 'trailing-comma']);

export interface PayloadAnalysis {
  template: TemplateModel;
  /** Lookups over the template (mustaches, blocks); absent when the nesting is too deep to analyse. */
  index?: TemplateIndex;
  /** The JSON tree of view 0 (every condition true), in document offsets; absent if nothing parsed. */
  root?: Node;
  /**
   * View 0 is strict JSON (JSON.parse read it, no key repeated) that the fast path found clean or
   * lint-only: a scan can locate its members (strictJsonMembers.ts) without building `root`.
   */
  strictPrimary?: boolean;
  findings: Finding[];
}

export interface AnalysisOptions {
  /**
   * Let a view that JSON.parse reads, the schema accepts and no lint could object to skip the
   * tree-based checks (true by default). Tests turn it off to compare both paths.
   */
  fastPath?: boolean;
}

export function analyzePayload(text: string, validator: SchemaValidator, options: AnalysisOptions = {}): PayloadAnalysis {
  const fastPath = options.fastPath ?? true;
  const template = parseTemplate(text);
  const findings: Finding[] = template.problems.map((p) => ({ ...p }));
  if (template.maxDepth > MAX_NESTING) {
    findings.push({
      code: 'invalid-json',
      start: template.maxDepthOffset,
      end: template.maxDepthOffset + 1,
      message: `Nested more than ${MAX_NESTING} levels deep: flatten the payload. A Regal payload is a few levels deep; JSON checks are skipped for this file.`,
    });
    return { template, findings };
  }
  const index = indexTemplate(template);
  const primaryView = template.view(0);
  const primaryPath = fastPath ? choosePath(primaryView, validator, index.source) : 'tree';
  const primary = viewFindings(primaryView, validator, index, primaryPath);
  append(findings, primary);
  // A mustache where JSON expects no value (a key, say) is invalid JSON, not an unquoted value.
  const brokenAt = new Set(primary.filter((f) => f.code === 'invalid-json').map((f) => f.start));
  const root = () => viewTree(primaryView).root;
  for (const f of unquotedMergeFields(template, root, validator.propertyTypes)) if (!brokenAt.has(f.start)) findings.push(f);

  const seen = new Set(primary.map(findingKey));
  for (let v = 1; v < template.viewCount; v++) {
    const view = template.view(v);
    for (const finding of viewFindings(view, validator, index, fastPath ? choosePath(view, validator, index.source) : 'tree')) {
      const key = findingKey(finding);
      if (seen.has(key)) continue;
      if (!SYNTAX_CODES.has(finding.code) && !touchesFocus(finding, view)) continue;
      seen.add(key);
      findings.push({ ...finding, branch: branchContext(template, finding.start, v) });
    }
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  return {
    template,
    index,
    findings,
    strictPrimary: primaryPath !== 'tree',
    // Built on first use when the fast path did not need it (completion, hover, outline… ask).
    get root() {
      return root();
    },
  };
}

/** The findings of one view; its tree, when one was needed, stays with the view (viewTree). */
function viewFindings(view: JsonView, validator: SchemaValidator, template: TemplateIndex, path: 'clean' | 'lints' | 'tree'): Finding[] {
  if (path === 'clean') return [];
  if (path === 'lints') {
    // Valid JSON the schema accepts: only the Regal rules remain, and they need the tree's ranges.
    const root = viewTree(view).root;
    return root ? payloadRuleFindings(root, template.source, template) : [];
  }
  return checkViewTree(view, validator, template);
}

/**
 * How much of the tree-based checking a view needs: none when JSON.parse reads it, the schema
 * accepts the value as is and no lint could object (see viewInstance.ts and each payload rule's mayReport); only the
 * lints when they could; everything otherwise.
 */
export function choosePath(view: JsonView, validator: SchemaValidator, source: string): 'clean' | 'lints' | 'tree' {
  const parsed = parseViewInstance(view.text, source);
  if (!parsed || validator.validate(parsed.instance).length > 0) return 'tree';
  return mayReportPayloadRules(parsed.instance) ? 'lints' : 'clean';
}

function checkViewTree(view: JsonView, validator: SchemaValidator, template: TemplateIndex): Finding[] {
  const parsed = viewTree(view);
  const source = template.source;
  const findings = syntaxFindings(view.text, parsed.errors, source, parsed.root, template).map((f) => widenToMustache(f, template));
  const root = parsed.root;
  if (!root) return findings;
  append(findings, schemaFindings(validator.validate(toInstance(root, source)), root, source, template));
  append(findings, payloadRuleFindings(root, source, template));
  return findings;
}

/** The finding, or one of the places it relates (the first of two duplicate keys), is in a branch this view alone renders. */
function touchesFocus(finding: Finding, view: JsonView): boolean {
  const inFocus = (start: number, end: number) => view.focus.some((span) => start >= span.start && end <= span.end);
  return inFocus(finding.start, finding.end) || (finding.related ?? []).some((r) => inFocus(r.start, r.end));
}

/** A JSON error on a value placeholder covers the whole mustache, not its one-character mask. */
function widenToMustache(finding: Finding, template: TemplateIndex): Finding {
  const [m] = template.mustachesIn(finding.start, finding.start + 1);
  return m && m.start === finding.start && finding.end < m.end ? { ...finding, end: m.end } : finding;
}

function findingKey(f: Finding): string {
  return `${f.code}:${f.start}:${f.end}`;
}

/**
 * Says which branch a finding of view `index` depends on: the branch of the innermost block that
 * holds it, or else what the nearest block renders in that view.
 */
function branchContext(template: TemplateModel, offset: number, index: number): string {
  const text = template.text;
  const tagOf = (block: Block) => plain(text.slice(block.open.start, block.open.end));
  for (let block = innermostBlockAt(template.blocks, offset); block; block = block.parent) {
    const branch = block.branches.findIndex((b) => offset >= b.start && offset < b.end);
    if (branch === -1 || !block.close) continue;
    const elseTag = block.branches[branch].elseTag;
    if (!elseTag) return `(when ${tagOf(block)} renders its first branch)`;
    return `(in the ${plain(text.slice(elseTag.start, elseTag.end))} branch of ${tagOf(block)})`;
  }
  const block = nearestClosedBlock(template.blocks, offset);
  if (!block) return '';
  const selected = selectedBranch(block, index);
  if (selected === block.branches.length) return `(when ${tagOf(block)} renders nothing)`;
  const elseTag = block.branches[selected].elseTag;
  return elseTag
    ? `(when ${tagOf(block)} takes its ${plain(text.slice(elseTag.start, elseTag.end))} branch)`
    : `(when ${tagOf(block)} renders its first branch)`;
}

/**
 * The block that ends last before `offset` or starts first after it, whichever is nearer, for an
 * offset inside no block. Binary search: blocks are in the order their tags open.
 */
function nearestClosedBlock(blocks: readonly Block[], offset: number): Block | undefined {
  let low = 0;
  let high = blocks.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (blocks[mid].open.start <= offset) low = mid + 1;
    else high = mid;
  }
  // The outermost ancestor of the last block opened before the offset ends last among them.
  let before: Block | undefined = blocks[low - 1];
  while (before?.parent) before = before.parent;
  let after: Block | undefined;
  for (let i = low; i < blocks.length && !after; i++) if (blocks[i].close && !blocks[i].parent) after = blocks[i];
  if (!before?.close) return after;
  if (!after) return before;
  return offset - blockEnd(before) <= after.open.start - offset ? before : after;
}
