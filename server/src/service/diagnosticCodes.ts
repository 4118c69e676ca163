/**
 * The diagnostic codes and the shape of a finding, both read from the rule registry
 * (rules/registry.ts): a code exists because a rule module declares it.
 */
import type { DataOf, DiagnosticCode } from './rules/registry';
import { rules } from './rules/registry';
import type { FindingFields } from './rules/findingFields';
import type { SeverityName } from './rules/ruleDefinition';

export type { DiagnosticCode } from './rules/registry';
export { isDiagnosticCode } from './rules/registry';
export type { SeverityName } from './rules/ruleDefinition';

export interface CodeInfo {
  severity: SeverityName;
  meaning: string;
  example: string;
}

/** Each code's default severity, meaning and example, in the registry's order. */
export const diagnosticCodes: Record<DiagnosticCode, CodeInfo> = Object.fromEntries(
  Object.values(rules).map(({ code, severity, meaning, example }) => [code, { severity, meaning, example }]),
) as Record<DiagnosticCode, CodeInfo>;

/** A finding of rule `C` (of any of them, for a union of codes), with the data that rule declares. */
export type FindingOf<C extends DiagnosticCode> = C extends DiagnosticCode
  ? FindingFields & {
      code: C;
      data?: DataOf<C>;
      /**
       * Set on findings of views after the first: the branch the problem depends on ("when {{#if x}}
       * renders nothing"). The message for people is composed from it at the edge (toDiagnostic).
       */
      branch?: string;
    }
  : never;

/** A problem found in a payload, in document offsets, before severities are applied: one union member per code. */
export type Finding = FindingOf<DiagnosticCode>;
