/**
 * Registers the Iterable commands: the Iterable API key (set, clear), the field catalog fetch, an
 * Iterable user as sample data, and Copy Body for Iterable with its checklist documents.
 */
import * as vscode from 'vscode';
import { CHECKLIST_SCHEME, ChecklistDocuments, copyBodyCommand, type CheckPayload } from './copyBodyCommand';
import { fetchCatalogCommand } from './fetchCatalogCommand';
import { clearIterableKey, setIterableKey } from './iterableKeyCommands';
import { userSampleCommand } from './userSampleCommand';

export function registerIterableCommands(context: vscode.ExtensionContext, check: CheckPayload): void {
  const checklists = new ChecklistDocuments();
  context.subscriptions.push(
    checklists,
    vscode.workspace.registerTextDocumentContentProvider(CHECKLIST_SCHEME, checklists),
    vscode.commands.registerCommand('regal.setIterableApiKey', (argument?: unknown) => setIterableKey(context.secrets, argument)),
    vscode.commands.registerCommand('regal.clearIterableApiKey', () => clearIterableKey(context.secrets)),
    vscode.commands.registerCommand('regal.fetchIterableFieldCatalog', (argument?: unknown) => fetchCatalogCommand(context.secrets, argument)),
    vscode.commands.registerCommand('regal.useIterableUserAsSample', (argument?: unknown) => userSampleCommand(context.secrets, argument)),
    vscode.commands.registerCommand('regal.copyBodyForIterable', (resource?: unknown) => copyBodyCommand(checklists, resource, check)),
  );
}
