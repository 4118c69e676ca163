/**
 * Language status items for `regal-webhook` documents (the `{}` next to the language name in the
 * status bar): the schema payloads are checked against, the merge-field catalog (setting
 * `regal.fieldsFile`: found or not, click to open it) and the endpoint test events go to
 * (`regal.endpoint`). They follow settings, the active editor's folder and the catalog file itself.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_ENDPOINT, checkEndpoint, ignoredEndpointNote, userOrDefault } from '../send/endpoint';
import { workspaceEndpointValues } from '../send/workspaceEndpoint';
import { fieldsFileScope } from './settingsScope';
import { SETTINGS_SECTION, PAYLOAD_LANGUAGE_ID } from '../../../server/src/protocol/contract';

const SELECTOR: vscode.DocumentSelector = { language: PAYLOAD_LANGUAGE_ID };
const SCHEMA_PATH = 'schemas/regal-event.schema.json';
const DEFAULT_FIELDS_FILE = 'iterable-fields.json';

/** What one item shows; `snapshot()` returns these so tests can read what the user sees. */
export interface LanguageStatusState {
  text: string;
  detail: string;
  /** The whole story, on the command link (details must stay short). */
  tooltip?: string;
  severity: 'information' | 'warning';
  command?: string;
}

export interface LanguageStatusSnapshot {
  schema: LanguageStatusState;
  catalog: LanguageStatusState & { uri?: string; found: boolean };
  endpoint: LanguageStatusState;
}

/*
 * VS Code shows the items in one hover, a row each: "text – detail  [command]". Longer rows are
 * clipped at the window's edge, hiding the command link, so details stay short (the setting
 * behind each item is one click away).
 */
export class RegalLanguageStatus implements vscode.Disposable {
  private readonly schemaItem = vscode.languages.createLanguageStatusItem('regal.schema', SELECTOR);
  private readonly catalogItem = vscode.languages.createLanguageStatusItem('regal.catalog', SELECTOR);
  private readonly endpointItem = vscode.languages.createLanguageStatusItem('regal.endpoint', SELECTOR);
  private readonly changed = new vscode.EventEmitter<LanguageStatusSnapshot>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private catalogWatcher: { key: string; watcher: vscode.FileSystemWatcher } | undefined;
  private current: LanguageStatusSnapshot | undefined;
  private generation = 0;

  /** Fires after each refresh with what the items now show. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly extensionUri: vscode.Uri) {
    this.schemaItem.name = 'Regal schema';
    this.catalogItem.name = 'Regal merge-field catalog';
    this.endpointItem.name = 'Regal endpoint';
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('regal.fieldsFile') || event.affectsConfiguration('regal.endpoint')) void this.refresh();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => void this.refresh()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.refresh()),
    );
    void this.refresh();
  }

  snapshot(): LanguageStatusSnapshot | undefined {
    return this.current;
  }

  async refresh(): Promise<LanguageStatusSnapshot> {
    const generation = ++this.generation;
    const schema = this.describeSchema();
    const catalog = await this.describeCatalog();
    const endpoint = await describeEndpoint();
    // A later refresh started while this one awaited the file system: its answer wins.
    if (generation !== this.generation && this.current) return this.current;
    this.current = { schema, catalog, endpoint };
    apply(this.schemaItem, schema, this.schemaCommand());
    apply(
      this.catalogItem,
      catalog,
      catalog.found && catalog.uri
        ? { title: 'Open', command: 'vscode.open', arguments: [vscode.Uri.parse(catalog.uri)] }
        : { title: 'Configure', command: 'workbench.action.openSettings', arguments: ['regal.fieldsFile'], tooltip: catalog.tooltip },
    );
    apply(this.endpointItem, endpoint, {
      title: 'Configure',
      command: 'workbench.action.openSettings',
      arguments: ['regal.endpoint'],
      tooltip: endpoint.tooltip,
    });
    this.changed.fire(this.current);
    return this.current;
  }

  dispose(): void {
    for (const disposable of [...this.subscriptions, this.schemaItem, this.catalogItem, this.endpointItem, this.changed]) disposable.dispose();
    this.catalogWatcher?.watcher.dispose();
  }

  private describeSchema(): LanguageStatusState {
    // The server validates against the schema bundled into dist/server.js from this same file.
    return { text: 'Regal events API', detail: `Schema: ${path.basename(SCHEMA_PATH)}`, severity: 'information', command: 'vscode.open' };
  }

  private schemaCommand(): vscode.Command {
    return { title: 'Open Schema', command: 'vscode.open', arguments: [vscode.Uri.joinPath(this.extensionUri, SCHEMA_PATH)] };
  }

  private async describeCatalog(): Promise<LanguageStatusSnapshot['catalog']> {
    const folder = activeFolder();
    const setting =
      vscode.workspace.getConfiguration(SETTINGS_SECTION, folder?.uri).get<string>('fieldsFile', DEFAULT_FIELDS_FILE).trim() || DEFAULT_FIELDS_FILE;
    const target = catalogUri(setting, folder);
    this.watchCatalog(setting, folder);
    if (!target) {
      return {
        text: 'No merge-field catalog',
        detail: `Open a folder to use ${setting}`,
        severity: 'information',
        found: false,
        command: 'workbench.action.openSettings',
      };
    }
    if (!vscode.workspace.getWorkspaceFolder(target) && fieldsFileScope(folder?.uri.toString()) === 'workspace') {
      // The server does not read it either (settingsScope.ts): say so, and where the setting belongs.
      const tooltip = `${setting} is outside the workspace and is named in the workspace settings, so it is not read. Move it into the folder, or set regal.fieldsFile in your user settings.`;
      return {
        text: 'Catalog not read',
        detail: 'Outside the workspace',
        tooltip,
        severity: 'warning',
        found: false,
        uri: target.toString(),
        command: 'workbench.action.openSettings',
      };
    }
    const found = await isFile(target);
    return found
      ? {
          text: `Fields: ${path.basename(setting)}`,
          detail: 'Iterable merge-field catalog',
          severity: 'information',
          found,
          uri: target.toString(),
          command: 'vscode.open',
        }
      : {
          text: 'No merge-field catalog',
          detail: `${setting} not found`,
          severity: 'information',
          found,
          uri: target.toString(),
          command: 'workbench.action.openSettings',
        };
  }

  /** Watches the catalog file so creating, changing or deleting it updates the item. */
  private watchCatalog(setting: string, folder: vscode.WorkspaceFolder | undefined): void {
    const pattern = path.isAbsolute(setting)
      ? new vscode.RelativePattern(vscode.Uri.file(path.dirname(setting)), path.basename(setting))
      : folder
        ? new vscode.RelativePattern(folder, setting)
        : undefined;
    const key = pattern ? `${pattern.baseUri.toString()}|${pattern.pattern}` : '';
    if (this.catalogWatcher?.key === key) return;
    this.catalogWatcher?.watcher.dispose();
    this.catalogWatcher = undefined;
    if (!pattern) return;
    const watcher = vscode.workspace.createFileSystemWatcher(pattern);
    const refresh = () => void this.refresh();
    watcher.onDidCreate(refresh);
    watcher.onDidDelete(refresh);
    watcher.onDidChange(refresh);
    this.catalogWatcher = { key, watcher };
  }
}

async function describeEndpoint(): Promise<LanguageStatusState> {
  // Same rule as sending: only the user's value counts, never a workspace's.
  const inspected = vscode.workspace.getConfiguration(SETTINGS_SECTION).inspect<string>('endpoint');
  const check = checkEndpoint(userOrDefault(inspected, DEFAULT_ENDPOINT));
  const ignored = ignoredEndpointNote(await workspaceEndpointValues(activeFolder()));
  if (!check.ok)
    return { text: 'Endpoint not usable', detail: check.problem, tooltip: check.message, severity: 'warning', command: 'workbench.action.openSettings' };
  if (ignored)
    return { text: check.url.host, detail: 'Workspace value ignored', tooltip: ignored, severity: 'warning', command: 'workbench.action.openSettings' };
  return { text: check.url.host, detail: `Test events: POST ${check.url.pathname}`, severity: 'information', command: 'workbench.action.openSettings' };
}

/** The folder of the active editor's file, or the first folder: the catalog setting is per folder. */
function activeFolder(): vscode.WorkspaceFolder | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  return (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
}

function catalogUri(setting: string, folder: vscode.WorkspaceFolder | undefined): vscode.Uri | undefined {
  if (path.isAbsolute(setting)) return vscode.Uri.file(setting);
  return folder ? vscode.Uri.joinPath(folder.uri, setting) : undefined;
}

async function isFile(uri: vscode.Uri): Promise<boolean> {
  try {
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.File) !== 0;
  } catch {
    return false;
  }
}

function apply(item: vscode.LanguageStatusItem, state: LanguageStatusState, command: vscode.Command): void {
  item.text = state.text;
  item.detail = state.detail;
  item.severity = state.severity === 'warning' ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
  item.command = command;
}
