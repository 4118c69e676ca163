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
  if (!raw || typeof raw !== 'object') return defaultSettings;
  const section = raw as { validate?: { enable?: unknown }; diagnostics?: { severity?: unknown }; fieldsFile?: unknown };
  const enable = typeof section.validate?.enable === 'boolean' ? section.validate.enable : true;
  const severity: ValidationSettings['severity'] = {};
  const overrides = section.diagnostics?.severity;
  if (overrides && typeof overrides === 'object') {
    for (const [code, value] of Object.entries(overrides as Record<string, unknown>)) {
      if (isDiagnosticCode(code) && typeof value === 'string' && SEVERITY_VALUES.has(value)) severity[code] = value as SeveritySetting;
    }
  }
  // Only a usable path is kept, so an empty or malformed setting means the default file.
  const fieldsFile = typeof section.fieldsFile === 'string' && section.fieldsFile.trim() !== '' ? section.fieldsFile.trim() : undefined;
  return fieldsFile === undefined ? { enable, severity } : { enable, severity, fieldsFile };
}

export function severityOf(code: DiagnosticCode, settings: ValidationSettings): SeveritySetting {
  return settings.severity[code] ?? diagnosticCodes[code].severity;
}
