/**
 * Every diagnostic rule, once. Adding a rule means a module in this folder and a line here; the
 * codes (diagnosticCodes.ts), the README's table and the severity setting (scripts/generateRuleDocs.ts),
 * the fast path (payloadRules) and the quick fixes (codeActions/doCodeActions.ts) all read this.
 * The order is the README's.
 */
import { comment } from './comment';
import { comparisonOnMissingField } from './comparisonOnMissingField';
import { documentTooLarge } from './documentTooLarge';
import { duplicateKey } from './duplicateKey';
import { emptyEventName } from './emptyEventName';
import { handlebarsSyntax } from './handlebarsSyntax';
import { helperArguments } from './helperArguments';
import { inconsistentType } from './inconsistentType';
import { invalidCatalog } from './invalidCatalog';
import { invalidEncoding } from './invalidEncoding';
import { invalidJson } from './invalidJson';
import { legacyShape } from './legacyShape';
import { missingIdentifier } from './missingIdentifier';
import { missingPhone } from './missingPhone';
import { nestedDoubleQuotes } from './nestedDoubleQuotes';
import { optInChannel } from './optInChannel';
import { optInRequired } from './optInRequired';
import { otherSchema } from './otherSchema';
import { phoneFormat } from './phoneFormat';
import { phoneNotE164 } from './phoneNotE164';
import { propertiesWithoutName } from './propertiesWithoutName';
import { quotedBoolean } from './quotedBoolean';
import { reservedEventName } from './reservedEventName';
import type { PayloadRule, RuleDefinition } from './ruleDefinition';
import { similarEventName } from './similarEventName';
import { trailingComma } from './trailingComma';
import { tooManyProblems } from './tooManyProblems';
import { tripleStashInString } from './tripleStashInString';
import { unknownHelper } from './unknownHelper';
import { unknownMergeField } from './unknownMergeField';
import { unknownProperty } from './unknownProperty';
import { unquotedMergeField } from './unquotedMergeField';
import { wrongType } from './wrongType';

export const rules = {
  'invalid-json': invalidJson,
  comment,
  'trailing-comma': trailingComma,
  'duplicate-key': duplicateKey,
  'missing-identifier': missingIdentifier,
  'missing-phone': missingPhone,
  'optin-required': optInRequired,
  'optin-channel': optInChannel,
  'quoted-boolean': quotedBoolean,
  'unquoted-merge-field': unquotedMergeField,
  type: wrongType,
  'phone-format': phoneFormat,
  'phone-not-e164': phoneNotE164,
  'unknown-property': unknownProperty,
  'handlebars-syntax': handlebarsSyntax,
  'helper-arguments': helperArguments,
  'nested-double-quotes': nestedDoubleQuotes,
  'triple-stash-in-string': tripleStashInString,
  'comparison-on-missing-field': comparisonOnMissingField,
  'unknown-helper': unknownHelper,
  'reserved-event-name': reservedEventName,
  'empty-event-name': emptyEventName,
  'properties-without-name': propertiesWithoutName,
  'legacy-shape': legacyShape,
  'unknown-merge-field': unknownMergeField,
  'inconsistent-type': inconsistentType,
  'similar-event-name': similarEventName,
  'invalid-catalog': invalidCatalog,
  'invalid-encoding': invalidEncoding,
  'document-too-large': documentTooLarge,
  'too-many-problems': tooManyProblems,
  schema: otherSchema,
} as const;

export type DiagnosticCode = keyof typeof rules;

/** The `data` type rule `C` declares. */
export type DataOf<C extends DiagnosticCode> = (typeof rules)[C] extends { readonly dataType?: infer D } ? D : never;

// Each entry must be the rule of its own key: a rule filed under another code does not compile.
rules satisfies { [C in DiagnosticCode]: RuleDefinition<C, DataOf<C>> };

/** The rules with a check of their own on the JSON tree; the fast path asks each of them (payloadAnalysis.ts). */
export const payloadRules: ReadonlyArray<PayloadRule<DiagnosticCode, unknown>> = Object.values(rules).filter(
  (rule): rule is (typeof rules)[DiagnosticCode] & PayloadRule<DiagnosticCode, unknown> => rule.stage === 'payload',
) as ReadonlyArray<PayloadRule<DiagnosticCode, unknown>>;

export function isDiagnosticCode(value: string): value is DiagnosticCode {
  return Object.prototype.hasOwnProperty.call(rules, value);
}
