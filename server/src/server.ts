/**
 * Entry point of the Regal payload language server (dist/server.js). The transport comes from the
 * command line, as vscode-languageserver reads it: `--stdio`, `--node-ipc` or `--socket=N`.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import schema from '../../schemas/regal-event.schema.json';
import { diskWorkspaceFiles } from './host/diskFiles';
import { startLanguageServer } from './languageServer';

startLanguageServer(createConnection(ProposedFeatures.all), { schema, files: diskWorkspaceFiles });
