/**
 * Settings of the language service, and the defaults used when a client sends none (or `null`,
 * or values of the wrong shape: a malformed setting never disables validation).
 */
import { diagnosticCodes, isDiagnosticCode, type DiagnosticCode, type SeverityName } from './diagnosticCodes';

export type SeveritySetting = SeverityName | 'off';

export interface ValidationSettings {
  enable: boolean;
  /** Per-code severity overrides. */
  severity: Partial<Record<DiagnosticCode, SeveritySetting>>;
  /** Workspace-relative path of the merge-field catalog (`regal.fieldsFile`); unset means DEFAULT_FIELDS_FILE. */
  fieldsFile?: string;
  /**
   * True when the client says `regal.fieldsFile` comes from the user's own settings (the VS Code
   * client adds `fieldsFileScope: "user"` to the section it sends). Only then may the catalog lie
   * outside the workspace folder: a value from a workspace's settings, which a cloned repository
   * brings along, must not make the server read any file on the machine.
   */
  fieldsFileFromUser?: boolean;
}

export const DEFAULT_FIELDS_FILE = 'iterable-fields.json';

/** The catalog path the settings name, or the default. */
export function fieldsFileOf(settings: ValidationSettings): string {
  return settings.fieldsFile ?? DEFAULT_FIELDS_FILE;
}

export const defaultSettings: ValidationSettings = { enable: true, severity: {} };

const SEVERITY_VALUES: ReadonlySet<string> = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Reads the `regal` settings section as a client sends it; anything unusable falls back to defaults. */
export function normalizeSettings(raw: unknown): ValidationSettings {
  return readSettings(raw).settings;
}

/**
 * Reads the `regal` settings section, and says what it could not use: each problem names the
 * setting and what applies instead (the values themselves are never repeated). `null` counts as
 * unset, as clients send it for settings nobody wrote.
 */
export function readSettings(raw: unknown): { settings: ValidationSettings; problems: string[] } {
  const problems: string[] = [];
  if (raw === null || raw === undefined) return { settings: defaultSettings, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(`The "regal" settings are ${kindOf(raw)}, not an object; the defaults apply.`);
    return { settings: defaultSettings, problems };
  }
  const section = raw as { validate?: unknown; diagnostics?: unknown; fieldsFile?: unknown };
  const validate = objectSetting('regal.validate', section.validate, 'validation stays on', problems);
  const enableValue = validate?.enable;
  const enable = typeof enableValue === 'boolean' ? enableValue : true;
  if (enableValue !== undefined && enableValue !== null && typeof enableValue !== 'boolean') {
    problems.push(`regal.validate.enable is ${kindOf(enableValue)}, not true or false; validation stays on.`);
  }
  const severity: ValidationSettings['severity'] = {};
  const diagnostics = objectSetting('regal.diagnostics', section.diagnostics, 'the default severities apply', problems);
  const overrides = objectSetting('regal.diagnostics.severity', diagnostics?.severity, 'the default severities apply', problems);
  for (const [code, value] of Object.entries(overrides ?? {})) {
    if (!isDiagnosticCode(code))
      problems.push(`regal.diagnostics.severity names ${JSON.stringify(code.slice(0, 60))}, which is no diagnostic code of this extension; it is ignored.`);
    else if (typeof value === 'string' && SEVERITY_VALUES.has(value)) severity[code] = value as SeveritySetting;
    else if (value !== null) {
      const what = typeof value === 'string' ? (SEVERITY_VALUES.has(value.toLowerCase()) ? 'not in lowercase' : 'another word') : kindOf(value);
      problems.push(`regal.diagnostics.severity.${code} is ${what}, not one of ${[...SEVERITY_VALUES].join(', ')}; its default severity applies.`);
    }
  }
  // Only a usable path is kept, so an empty or malformed setting means the default file.
  const file = section.fieldsFile;
  const fieldsFile = typeof file === 'string' && file.trim() !== '' ? file.trim() : undefined;
  if (typeof file === 'string' && fieldsFile === undefined) problems.push(`regal.fieldsFile is empty; ${DEFAULT_FIELDS_FILE} is read.`);
  else if (file !== undefined && file !== null && typeof file !== 'string')
    problems.push(`regal.fieldsFile is ${kindOf(file)}, not a path; ${DEFAULT_FIELDS_FILE} is read.`);
  const fromUser = (section as { fieldsFileScope?: unknown }).fieldsFileScope === 'user';
  const settings: ValidationSettings = fieldsFile === undefined ? { enable, severity } : { enable, severity, fieldsFile };
  if (fieldsFile !== undefined && fromUser) settings.fieldsFileFromUser = true;
  return { settings, problems };
}

/** A setting that must be an object: the object, or undefined (with a problem when it is something else). */
function objectSetting(name: string, value: unknown, fallback: string, problems: string[]): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  problems.push(`${name} is ${kindOf(value)}, not an object; ${fallback}.`);
  return undefined;
}

/** What a JSON value is, without its content: settings may hold anything, and logs must not repeat it. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export function severityOf(code: DiagnosticCode, settings: ValidationSettings): SeveritySetting {
  return settings.severity[code] ?? diagnosticCodes[code].severity;
}
