/**
 * Runs every check on one payload text and returns findings in document offsets.
 *
 * View 0 (every block's first branch) gets every check. The other views (see jsonView.ts) exist to
 * catch what only breaks in another branch: they report JSON syntax problems anywhere, other
 * problems only inside the branches they render, and nothing view 0 already reported.
 */
import type { Finding } from './diagnosticCodes';
import { parseJsonView, toInstance } from './json/jsonTree';
import { payloadLints } from './lint/payloadLints';
import { syntaxFindings } from './lint/syntaxFindings';
import { unquotedMergeFields } from './lint/unquotedMergeFields';
import { schemaFindings } from './schema/schemaFindings';
import type { SchemaValidator } from './schema/schemaValidator';
import type { JsonView } from './template/jsonView';
import { indexTemplate, type TemplateIndex } from './template/templateIndex';
import { parseTemplate, type TemplateModel } from './template/templateModel';

/** Deeper nesting than this is no Regal payload, and would exhaust recursive parsers' stacks. */
export const MAX_NESTING = 512;

const SYNTAX_CODES = new Set(['invalid-json', 'trailing-comma']);

export interface PayloadAnalysis {
  template: TemplateModel;
  findings: Finding[];
}

export function analyzePayload(text: string, validator: SchemaValidator): PayloadAnalysis {
  const template = parseTemplate(text);
  const findings: Finding[] = template.problems.map((p) => ({ ...p }));
  if (template.maxDepth > MAX_NESTING) {
    findings.push({
      code: 'invalid-json',
      start: template.maxDepthOffset,
      end: template.maxDepthOffset + 1,
      message: `Objects and arrays are nested more than ${MAX_NESTING} levels deep here; a Regal payload is a few levels deep. JSON checks are skipped for this file.`,
    });
    return { template, findings };
  }
  const index = indexTemplate(template);
  const primary = viewFindings(template.view(0), validator, index);
  // A mustache where JSON expects no value (a key, say) is invalid JSON, not an unquoted value.
  const brokenAt = new Set(primary.filter((f) => f.code === 'invalid-json').map((f) => f.start));
  findings.push(...primary, ...unquotedMergeFields(template).filter((f) => !brokenAt.has(f.start)));

  const seen = new Set(primary.map(findingKey));
  for (let v = 1; v < template.viewCount; v++) {
    const view = template.view(v);
    for (const finding of viewFindings(view, validator, index)) {
      const key = findingKey(finding);
      if (seen.has(key)) continue;
      if (!SYNTAX_CODES.has(finding.code) && !view.focus.some((span) => finding.start >= span.start && finding.end <= span.end)) continue;
      seen.add(key);
      findings.push({ ...finding, message: `${finding.message} ${branchContext(template, finding.start)}` });
    }
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  return { template, findings };
}

function viewFindings(view: JsonView, validator: SchemaValidator, template: TemplateIndex): Finding[] {
  const parsed = parseJsonView(view.text);
  const source = template.source;
  const findings = syntaxFindings(view.text, parsed.errors, source).map((f) => widenToMustache(f, template));
  const root = parsed.root;
  if (!root) return findings;
  findings.push(...schemaFindings(validator.validate(toInstance(root, source)), root, source, template));
  findings.push(...payloadLints(root, source, template));
  return findings;
}

/** A JSON error on a value placeholder covers the whole mustache, not its one-character mask. */
function widenToMustache(finding: Finding, template: TemplateIndex): Finding {
  const [m] = template.mustachesIn(finding.start, finding.start + 1);
  return m && m.start === finding.start && finding.end < m.end ? { ...finding, end: m.end } : finding;
}

function findingKey(f: Finding): string {
  return `${f.code}:${f.start}:${f.end}`;
}

/** "(when `{{#if email}}` renders nothing)": the block nearest the offset (innermost when inside several). */
function branchContext(template: TemplateModel, offset: number): string {
  let best: { block: TemplateModel['blocks'][number]; distance: number } | undefined;
  for (const block of template.blocks) {
    if (!block.close) continue;
    const { start } = block.open;
    const { end } = block.close;
    const distance = offset < start ? start - offset : offset > end ? offset - end : 0;
    if (!best || distance < best.distance || (distance === best.distance && start >= best.block.open.start)) best = { block, distance };
  }
  if (!best) return '';
  const tag = template.text.slice(best.block.open.start, best.block.open.end);
  return best.block.hasFinalElse ? `(when \`${tag}\` takes its \`{{else}}\` branch)` : `(when \`${tag}\` renders nothing)`;
}
