/**
 * Parses `regal-webhook check [options] <files, directories or globs>` and
 * `regal-webhook render [--sample FILE] [--format text|json] <file>`.
 */
import { isDiagnosticCode, type DiagnosticCode } from '../service/diagnosticCodes';
import type { SeveritySetting } from '../service/settings';
import { FETCH_FIELDS_USAGE, parseFetchFields, type FetchFieldsOptions } from './fetchFieldsArguments';

export type OutputFormat = 'text' | 'json';
/** `check` also writes SARIF 2.1.0 (code scanning) and GitHub workflow commands (annotations). */
export type CheckFormat = OutputFormat | 'sarif' | 'github';
export type FailOn = 'error' | 'warning' | 'never';
export type MinSeverity = 'error' | 'warning' | 'information' | 'hint';

export interface CheckOptions {
  patterns: string[];
  format: CheckFormat;
  failOn: FailOn;
  minSeverity: MinSeverity;
  severity: Partial<Record<DiagnosticCode, SeveritySetting>>;
  /** The merge-field catalog to check `{{ }}` fields against (as `regal.fieldsFile` in the editor). */
  fields?: string;
}

export interface RenderCommandOptions {
  /** The payload template to render. */
  file: string;
  /** The sample data file (the format of regal.sample.json); without it every merge field renders blank. */
  sample?: string;
  format: OutputFormat;
}

export type ParsedCommand =
  | { command: 'help' }
  | { command: 'version' }
  | { command: 'check'; options: CheckOptions }
  | { command: 'render'; options: RenderCommandOptions }
  | { command: 'fetch-fields'; options: FetchFieldsOptions };

export class UsageError extends Error {}

export const USAGE = `Usage: regal-webhook check [options] <files, directories or globs...>
       regal-webhook render [--sample FILE] [--format text|json] <file>
       regal-webhook fetch-fields [--region us|eu] [--api-base URL] [--out FILE]

check: checks Iterable webhook bodies for Regal (*.regal.json) with the same rules as the
editor. A directory stands for every *.regal.json below it. The files checked together are
compared with each other too (inconsistent-type, similar-event-name), as in an editor
workspace.

render: renders one payload the way Iterable would, with sample data, and prints the body
(re-indented when it is valid JSON), or each problem as file:line:col: message. Rendering
runs in a worker within a budget (2 s, 1,000,000 characters, 512 MB).
  --sample FILE                sample data: {"profile": {...}, "event": {...}}, as
                               regal.sample.json (default: none, every field renders blank)
  --format text|json           text (default) or the whole render result as JSON

${FETCH_FIELDS_USAGE}

check options:
  --format text|json|sarif|github
                               output format (default: text): sarif is SARIF 2.1.0
                               for code scanning, github prints GitHub Actions
                               ::error/::warning/::notice annotations
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

Exit codes: check: 0 no failing finding, 1 failing findings; render: 0 rendered, 1 a render
problem (template error, skipped send, rendering stopped, invalid JSON); both: 2 usage or file
errors.`;

const FORMATS = ['text', 'json'];
const CHECK_FORMATS = [...FORMATS, 'sarif', 'github'];
const FAIL_ON = ['error', 'warning', 'never'];
const MIN_SEVERITIES = ['error', 'warning', 'information', 'hint'];
const LEVELS = ['error', 'warning', 'information', 'hint', 'off'];

export function parseArguments(argv: readonly string[]): ParsedCommand {
  if (argv.length === 0) throw new UsageError('Name a command: "check", "render" or "fetch-fields".');
  if (argv[0] === '-h' || argv[0] === '--help' || argv[0] === 'help') return { command: 'help' };
  if (argv[0] === '-v' || argv[0] === '--version') return { command: 'version' };
  if (argv[0] === 'render') return parseRender(argv.slice(1));
  if (argv[0] === 'fetch-fields') {
    const options = parseFetchFields(argv.slice(1), (message) => {
      throw new UsageError(message);
    });
    return options === 'help' ? { command: 'help' } : { command: 'fetch-fields', options };
  }
  if (argv[0] !== 'check') throw new UsageError(`Unknown command "${argv[0]}": the commands are "check", "render" and "fetch-fields".`);
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
        options.format = oneOf(name, value, CHECK_FORMATS) as CheckFormat;
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

function parseRender(argv: readonly string[]): ParsedCommand {
  const files: string[] = [];
  let sample: string | undefined;
  let format: OutputFormat = 'text';
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i] as string;
    if (argument === '-h' || argument === '--help') return { command: 'help' };
    if (argument === '--') {
      files.push(...argv.slice(i + 1));
      break;
    }
    if (!argument.startsWith('--')) {
      files.push(argument);
      continue;
    }
    const eq = argument.indexOf('=');
    const name = eq === -1 ? argument : argument.slice(0, eq);
    const value = eq === -1 ? argv[++i] : argument.slice(eq + 1);
    if (value === undefined) throw new UsageError(`${name} needs a value.`);
    if (name === '--sample') sample = value;
    else if (name === '--format') format = oneOf(name, value, FORMATS) as OutputFormat;
    else throw new UsageError(`Unknown option ${name} for render (its options are --sample and --format).`);
  }
  if (files.length !== 1)
    throw new UsageError(files.length === 0 ? 'Name the payload file to render.' : `render takes one payload file (got ${files.length}).`);
  return { command: 'render', options: { file: files[0] as string, format, ...(sample !== undefined ? { sample } : {}) } };
}

function oneOf(option: string, value: string, allowed: readonly string[]): string {
  if (!allowed.includes(value)) throw new UsageError(`${option} must be one of ${allowed.join(', ')} (got "${value}").`);
  return value;
}
