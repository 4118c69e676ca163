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

/**
 * `regal/looksLikePayload` (client → server): whether a JSON file that is not a payload file looks
 * like a Regal payload (its top level read through the Handlebars template). The request carries the
 * text: the file is plain JSON, which the client does not synchronise with the server.
 */
export const LOOKS_LIKE_PAYLOAD_REQUEST = 'regal/looksLikePayload';
/** Longer texts are no payload someone writes by hand: the client does not ask, and the server answers no. */
export const MAX_LOOKALIKE_CHARS = 200_000;

export interface LooksLikePayloadParams {
  text: string;
}

export interface LooksLikePayloadResult {
  looksLike: boolean;
  /** Why, in a few words: the keys found (`top-level "traits"`), or what is missing. */
  reason: string;
}

/**
 * `regal/mergeFieldsUsed` (client → server): the merge fields a payload template reads from the
 * profile or the triggering event, each with a sample value typed from the folder's field catalog
 * (or Iterable's standard fields). `uri` picks the folder (and its catalog); the text is the
 * payload's current text, saved or not.
 */
export const MERGE_FIELDS_USED_REQUEST = 'regal/mergeFieldsUsed';
/** Longer templates are not read for their fields (the answer is an empty list). */
export const MAX_FIELD_SCAN_CHARS = 500_000;

export interface MergeFieldsUsedParams {
  uri: string;
  text: string;
}

export interface MergeFieldUsed {
  /** As Handlebars reads it, brackets removed: `profile.firstName`, `orders.0.sku`, `First Name`. */
  name: string;
  /** Its Iterable type, from the catalog or the standard fields; absent when neither knows it. */
  type?: string;
  /** The placeholder a new sample file gets for it (typed: `0`, `false`, a date, `""`). */
  sample: unknown;
}

export interface MergeFieldsUsedResult {
  fields: MergeFieldUsed[];
  /** The field catalog the types come from, when the folder has a usable one. */
  catalogUri?: string;
}

/**
 * Workspace files in a browser (vscode.dev, github.dev): the language server runs in a web worker
 * without a file system, so it asks the client, which answers with `vscode.workspace.fs` and
 * `vscode.workspace.findFiles` (server/src/host/clientFiles.ts, client/src/web/workspaceFileRequests.ts).
 * Files are named by their URIs. The desktop server reads the disk itself and sends neither request.
 */
export const ReadWorkspaceFileRequest = 'regal/readWorkspaceFile';

export interface ReadWorkspaceFileParams {
  uri: string;
  /** A bigger file is not read: the answer is `tooLarge`, its size in bytes (the server words the problem). */
  maxBytes: number;
  /** Refuse a symbolic link (the catalog: the client cannot tell where a link leads in every file system). */
  refuseSymbolicLinks: boolean;
}

/** The text (UTF-8), or that there is no such file, or its size when it is too large, or why it could not be read (a clause that follows "could not be read: "). */
export type ReadWorkspaceFileResult = { text: string } | { missing: true } | { tooLarge: number } | { problem: string };

export const FindPayloadFilesRequest = 'regal/findPayloadFiles';

export interface FindPayloadFilesParams {
  /** The workspace folder to search. */
  folderUri: string;
  /** Relative to the folder, e.g. `**\/*.regal.json`. */
  include: string;
  /** Relative to the folder, e.g. `**\/{node_modules,.git}/**`. */
  exclude: string;
  maxResults: number;
}

export interface FindPayloadFilesResult {
  uris: string[];
}

/**
 * `regal/check` (client → server): the errors of an open payload document now, at the version the
 * client names, for Send's preflight. The published diagnostics wait for a pause in typing; this
 * request does not, so a send right after an edit never reads the diagnostics of the text before it.
 */
export const CHECK_REQUEST = 'regal/check';

export interface CheckParams {
  uri: string;
  /** The document version the client sees; the server answers for the version it has (`version`). */
  version: number;
}

export interface CheckResult {
  /** The version checked; absent when the server does not have the document open. */
  version?: number;
  /** Diagnostics of severity error, with the user's severity settings applied. */
  errorCount: number;
  /** The first error in the document (0-based position, as LSP). */
  firstError?: { line: number; character: number; message: string; code?: string };
}
