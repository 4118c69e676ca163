/**
 * `comment`: Raised by the JSON syntax pass (lint/syntaxFindings.ts) on every view.
 */
import { removeCommentFix } from '../codeActions/commentFixes';
import type { RuleDefinition } from './ruleDefinition';

export type CommentData = { kind: 'line' | 'block' };

export const comment: RuleDefinition<'comment', CommentData> = {
  code: 'comment',
  severity: 'error',
  stage: 'syntax',
  meaning: 'A `//` or `/* */` comment. Iterable sends the body verbatim and JSON has no comments.',
  example: '`"userId": "{{userId}}", //this is optional`',
  fixes: (context) => removeCommentFix(context),
};
