/**
 * The contract between the VS Code client and the language server: the ids both sides must spell
 * the same way, the setting keys, and the custom requests with their parameter and result types.
 * Both sides import this module (it has no imports itself, so it bundles into the client, the
 * Node server and the browser server alike); a renamed id is then a compile error, not a silent
 * mismatch between two string literals.
 */

/** The language id of payload files (package.json `contributes.languages`). */
export const PAYLOAD_LANGUAGE_ID = 'regal-webhook';

/** The `source` of every diagnostic the language service publishes. */
export const DIAGNOSTIC_SOURCE = 'regal';

/** The settings section; every key below lives under it (`regal.<key>`). */
export const SETTINGS_SECTION = 'regal';

/** Setting keys, relative to {@link SETTINGS_SECTION}. */
export const SettingKeys = {
  fieldsFile: 'fieldsFile',
  sampleData: 'sampleData',
  endpoint: 'endpoint',
  historySize: 'send.historySize',
  diagnosticsSeverity: 'diagnostics.severity',
} as const;

/** The catalog file a folder uses when `regal.fieldsFile` is not set. */
export const DEFAULT_FIELDS_FILE_NAME = 'iterable-fields.json';
