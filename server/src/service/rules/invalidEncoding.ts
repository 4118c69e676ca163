/**
 * `invalid-encoding`: Raised by the program that reads the file (the command line), not by the language service.
 */
import type { RuleDefinition } from './ruleDefinition';

export const invalidEncoding: RuleDefinition<'invalid-encoding'> = {
  code: 'invalid-encoding',
  severity: 'error',
  stage: 'host',
  meaning:
    'Reported by the command-line checker on a file that is not valid UTF-8, at the first bad byte; the file is not checked (an editor decodes files itself).',
  example: 'a payload saved as Latin-1 with `José` in it',
};
