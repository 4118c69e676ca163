/**
 * What one diagnostic rule declares. Every rule is one module in this folder, listed once in
 * registry.ts; the codes, the README's diagnostics table, the `regal.diagnostics.severity`
 * setting, the fast path and the quick fixes are all read from there.
 */
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { FixContext } from '../codeActions/fixContext';
import type { Node } from '../json/jsonTree';
import type { TemplateIndex } from '../template/templateIndex';
import type { FindingFields } from './findingFields';

export type SeverityName = 'error' | 'warning' | 'information' | 'hint';

/**
 * Where a rule's findings come from:
 * - `payload`: its own check on the JSON tree of each view (the rule declares `check` and the
 *   fast-path trigger `mayReport`);
 * - `template`: the Handlebars scan (template/templateModel.ts calls the check the rule exports);
 * - `syntax`: the JSON parser's errors and the comment scan (lint/syntaxFindings.ts);
 * - `schema`: the mapping of JSON Schema errors (schema/schemaFindings.ts);
 * - `values`: the merge-field value scan (lint/unquotedMergeFields.ts);
 * - `workspace`: the catalog and the other payload files (service/workspace/);
 * - `host`: the program reading the file (the CLI, the server's limits).
 */
export type RuleStage = 'payload' | 'template' | 'syntax' | 'schema' | 'values' | 'workspace' | 'host';

/** What a `payload` rule's check reads: the tree of one view, in document offsets. */
export interface PayloadCheckInput {
  root: Node;
  /** The document text (the template; every view shares its offsets). */
  source: string;
  template: TemplateIndex;
}

/** A finding of a rule before its code is attached (a check knows its own code). */
export type RuleFinding<D> = FindingFields & { data?: D };

/** The quick fixes of a rule: the context's finding is one of this rule's, with this rule's data. */
export type RuleFixes<C extends string, D> = (
  context: FixContext<FindingFields & { code: C; data?: D; branch?: string }>,
  /** Every diagnostic of the request matched to a finding (a fix may clear several). */
  all: readonly Diagnostic[],
) => CodeAction | CodeAction[] | undefined;

interface RuleBase<C extends string, D> {
  code: C;
  severity: SeverityName;
  /** One or two sentences for the README's table and hovers of the setting; markdown allowed. */
  meaning: string;
  /** A payload fragment that raises it, for the README's table; markdown allowed. */
  example: string;
  fixes?: RuleFixes<C, D>;
  /** Only a type carrier for the rule's `data` (never set): `FindingOf<C>` reads it. */
  readonly dataType?: D;
}

/** A rule with its own check on the JSON tree. */
export interface PayloadRule<C extends string, D> extends RuleBase<C, D> {
  stage: 'payload';
  /** The rule's findings in one view's tree. */
  check(input: PayloadCheckInput): Array<RuleFinding<D>>;
  /**
   * The fast-path trigger: whether `check` could report anything on a view whose JSON.parse value
   * is `instance` (strict JSON the schema accepts, no repeated keys). It must never say no where
   * `check` would report (fastPath.test.ts compares both paths); a yes only costs a tree.
   */
  mayReport(instance: unknown): boolean;
}

/** A rule whose findings a shared pass produces (see RuleStage). */
export interface PassRule<C extends string, D> extends RuleBase<C, D> {
  stage: Exclude<RuleStage, 'payload'>;
}

export type RuleDefinition<C extends string, D = undefined> = PayloadRule<C, D> | PassRule<C, D>;
