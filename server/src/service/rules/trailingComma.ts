/**
 * `trailing-comma`: Raised by the JSON syntax pass (lint/syntaxFindings.ts) on every view.
 */
import { trailingCommaFix } from '../codeActions/trailingCommaFixes';
import type { RuleDefinition } from './ruleDefinition';

export type TrailingCommaData = { offset: number };

export const trailingComma: RuleDefinition<'trailing-comma', TrailingCommaData> = {
  code: 'trailing-comma',
  severity: 'error',
  stage: 'syntax',
  meaning: 'A comma before `}` or `]` (possibly only when a `{{#if}}` renders nothing).',
  example: '`{ "name": "Signup", }`',
  fixes: (context) => trailingCommaFix(context),
};
