/**
 * Entry point of the language server in a browser web worker (the extension bundle's web server role, client/src/main.ts), for the web
 * extension (vscode.dev, github.dev): the same server as dist/server.js, over the worker's
 * postMessage channel, reading the workspace's files through the client (host/clientFiles.ts).
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import schema from '../../schemas/regal-event.schema.json';
import { clientWorkspaceFiles } from './host/clientFiles';
import { startLanguageServer } from './languageServer';

/** The worker's global scope (the project compiles without the DOM library's types). */
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
startLanguageServer(connection, { schema, files: clientWorkspaceFiles(connection) });
