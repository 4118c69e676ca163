/**
 * What the language service knows beyond the document it is asked about: the user's Iterable
 * merge-field catalog (setting `regal.fieldsFile`) and summaries of the workspace's other payload
 * files. The server builds it (it does the I/O); the service only reads it.
 */
import type { Range } from 'vscode-languageserver-types';

/** Iterable's user-field types, as its API names them (`string`, `boolean`, `long`, `double`, `date`, `object`, `nested`, `geo_location`, ...). */
export type IterableFieldType = string;

export interface FieldCatalog {
  /** The catalog file, for hovers and messages. */
  uri: string;
  /** Field name (dotted for nested fields) → Iterable type. */
  fields: ReadonlyMap<string, IterableFieldType>;
}

/** What one payload file contributes to workspace-wide features, with ranges for relatedInformation. */
export interface PayloadFileSummary {
  uri: string;
  /** Merge-field names the file uses (`{{phoneNumber}}` → `phoneNumber`), helpers and `this`/`@`-data excluded. */
  mergeFields: ReadonlyMap<string, Range>;
  /** Literal event names (`"name": "..."`) with the range of the string. */
  eventNames: ReadonlyArray<{ name: string; range: Range }>;
  /** JSON type sent for each event property and custom trait (key `properties.x` / `traits.x`). */
  valueTypes: ReadonlyMap<string, { type: JsonValueType; range: Range }>;
  /**
   * The string sent for each event property and custom trait (same keys as `valueTypes`), as the
   * file writes it, quotes and merge fields included (`"gold"`, `"{{plan}}"`): value completion
   * offers it for the same key. Absent from summaries built before it existed.
   */
  stringValues?: ReadonlyMap<string, string>;
}

export type JsonValueType = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null';

export interface WorkspaceContext {
  catalog?: FieldCatalog;
  /** Summaries of the other payload files of the workspace (never the document being served). */
  files: readonly PayloadFileSummary[];
}

export const emptyWorkspace: WorkspaceContext = { files: [] };
