/**
 * `too-many-problems`: Raised after the first MAX_DIAGNOSTICS diagnostics of a document (limits.ts,
 * limitedFindings.ts), on the first problem left out.
 */
import type { RuleDefinition } from './ruleDefinition';

export type TooManyProblemsData = { hidden: number };

export const tooManyProblems: RuleDefinition<'too-many-problems', TooManyProblemsData> = {
  code: 'too-many-problems',
  severity: 'warning',
  stage: 'host',
  meaning: 'The document has more than 1,000 problems: the 1,000 most severe are shown, and this one, on the first problem left out, counts the rest.',
  example: 'a file of 5,000 lines, each with a comment',
};
