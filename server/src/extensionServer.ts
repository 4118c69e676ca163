/**
 * The language server as the VS Code extension runs it (client/src/main.ts, in the extension's one
 * bundle): as server.ts, except that the schema is read from the extension's `schemas/` folder, the
 * file the language status's "Open Schema" shows, instead of being bundled a second time.
 * The transport comes from the command line (`--node-ipc`, as the language client forks it).
 */
import { readFileSync } from 'node:fs';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { diskWorkspaceFiles } from './host/diskFiles';
import { startLanguageServer } from './languageServer';

/** `schemaFile`: the extension's schemas/regal-event.schema.json. */
export function startExtensionServer(schemaFile: string): void {
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
  startLanguageServer(createConnection(ProposedFeatures.all), { schema, files: diskWorkspaceFiles });
}
