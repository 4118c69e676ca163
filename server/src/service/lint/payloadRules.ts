/**
 * Runs the rules that check the JSON tree themselves (stage `payload` in rules/registry.ts): all
 * of them on a view's tree, or, on the fast path, only to ask whether any of them could report on
 * a view's JSON.parse value. The registry lists every such rule, so neither can forget one.
 */
import type { Finding } from '../diagnosticCodes';
import type { Node } from '../json/jsonTree';
import { payloadRules } from '../rules/registry';
import type { TemplateIndex } from '../template/templateIndex';

export function payloadRuleFindings(root: Node, source: string, template: TemplateIndex): Finding[] {
  const findings: Finding[] = [];
  for (const rule of payloadRules) {
    // The rule's check returns its own findings; the code is the rule's.
    for (const finding of rule.check({ root, source, template })) findings.push({ ...finding, code: rule.code } as Finding);
  }
  return findings;
}

/** Whether any payload rule could report on a view whose JSON.parse value is `instance`. */
export function mayReportPayloadRules(instance: unknown): boolean {
  return payloadRules.some((rule) => rule.mayReport(instance));
}
