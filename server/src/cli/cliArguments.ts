/**
 * Parses `regal-webhook check [options] <files, directories or globs>`.
 */
import { isDiagnosticCode, type DiagnosticCode } from '../service/diagnosticCodes';
import type { SeveritySetting } from '../service/settings';

export type OutputFormat = 'text' | 'json';
export type FailOn = 'error' | 'warning' | 'never';
export type MinSeverity = 'error' | 'warning' | 'information' | 'hint';

export interface CheckOptions {
  patterns: string[];
  format: OutputFormat;
  failOn: FailOn;
  minSeverity: MinSeverity;
  severity: Partial<Record<DiagnosticCode, SeveritySetting>>;
  /** The merge-field catalog to check `{{ }}` fields against (as `regal.fieldsFile` in the editor). */
  fields?: string;
}

export type ParsedCommand = { command: 'help' } | { command: 'version' } | { command: 'check'; options: CheckOptions };

export class UsageError extends Error {}

export const USAGE = `Usage: regal-webhook check [options] <files, directories or globs...>

Checks Iterable webhook bodies for Regal (*.regal.json) with the same rules as the editor.
A directory stands for every *.regal.json below it. The files checked together are
compared with each other too (inconsistent-type, similar-event-name), as in an editor
workspace.

Options:
  --format text|json           output format (default: text)
  --fail-on error|warning|never
                               exit with 1 when a finding of this severity or worse
                               is printed (default: error)
  --min-severity error|warning|information|hint
                               hide findings below this severity (default: information)
  --severity CODE=LEVEL        override a code's severity (error, warning,
                               information, hint, off); repeatable
  --fields FILE                Iterable merge-field catalog ({"fields": {...}}, as
                               GET /api/users/getFields returns it): enables
                               unknown-merge-field and catalog-typed advice
  -h, --help                   show this help
  -v, --version                show the version

Exit codes: 0 no failing finding, 1 failing findings, 2 usage or file errors.`;

const FORMATS = ['text', 'json'];
const FAIL_ON = ['error', 'warning', 'never'];
const MIN_SEVERITIES = ['error', 'warning', 'information', 'hint'];
const LEVELS = ['error', 'warning', 'information', 'hint', 'off'];

export function parseArguments(argv: readonly string[]): ParsedCommand {
  if (argv.length === 0) throw new UsageError('Name a command: "check".');
  if (argv[0] === '-h' || argv[0] === '--help' || argv[0] === 'help') return { command: 'help' };
  if (argv[0] === '-v' || argv[0] === '--version') return { command: 'version' };
  if (argv[0] !== 'check') throw new UsageError(`Unknown command "${argv[0]}": the command is "check".`);
  const options: CheckOptions = { patterns: [], format: 'text', failOn: 'error', minSeverity: 'information', severity: {} };
  for (let i = 1; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === '-h' || argument === '--help') return { command: 'help' };
    if (!argument.startsWith('--') || argument === '--') {
      if (argument !== '--') options.patterns.push(argument);
      else options.patterns.push(...argv.slice(i + 1));
      if (argument === '--') break;
      continue;
    }
    const eq = argument.indexOf('=');
    const name = eq === -1 ? argument : argument.slice(0, eq);
    const value = eq === -1 ? argv[++i] : argument.slice(eq + 1);
    if (value === undefined) throw new UsageError(`${name} needs a value.`);
    switch (name) {
      case '--format':
        options.format = oneOf(name, value, FORMATS) as OutputFormat;
        break;
      case '--fail-on':
        options.failOn = oneOf(name, value, FAIL_ON) as FailOn;
        break;
      case '--min-severity':
        options.minSeverity = oneOf(name, value, MIN_SEVERITIES) as MinSeverity;
        break;
      case '--fields':
        options.fields = value;
        break;
      case '--severity': {
        const [code, level] = value.split('=');
        if (!code || !isDiagnosticCode(code)) throw new UsageError(`--severity: unknown diagnostic code "${code ?? ''}".`);
        options.severity[code] = oneOf('--severity', level ?? '', LEVELS) as SeveritySetting;
        break;
      }
      default:
        throw new UsageError(`Unknown option ${name}.`);
    }
  }
  if (options.patterns.length === 0) throw new UsageError('Name at least one file, directory or glob to check.');
  return { command: 'check', options };
}

function oneOf(option: string, value: string, allowed: readonly string[]): string {
  if (!allowed.includes(value)) throw new UsageError(`${option} must be one of ${allowed.join(', ')} (got "${value}").`);
  return value;
}
