/**
 * Entry point of the Regal payload language server (dist/server.js, the `regal-webhook-language-server`
 * bin). The transport comes from the command line, as vscode-languageserver reads it: `--stdio`,
 * `--node-ipc`, `--socket=N` or `--pipe=NAME`. `--version` and `--help` answer a person at a terminal;
 * without a transport, the server says how to start it instead of failing with a stack trace.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import schema from '../../schemas/regal-event.schema.json';
import { version } from '../../package.json';
import { diskWorkspaceFiles } from './host/diskFiles';
import { startLanguageServer } from './languageServer';

const USAGE = `Usage: regal-webhook-language-server --stdio | --node-ipc | --socket=PORT | --pipe=NAME

The Regal webhook payload language server (Language Server Protocol) for *.regal.json files.
Editors start it with one of the transports above, usually --stdio.
  --version   print the version
  --help      show this help`;

const args = process.argv.slice(2);
const TRANSPORT = /^--(stdio|node-ipc|socket|pipe)(=|$)/;

if (args.includes('--version') || args.includes('-v')) console.log(version);
else if (args.includes('--help') || args.includes('-h')) console.log(USAGE);
else if (!args.some((arg) => TRANSPORT.test(arg))) {
  console.error(`regal-webhook-language-server: name a transport (--stdio for most editors).\n\n${USAGE}`);
  process.exitCode = 2;
} else startLanguageServer(createConnection(ProposedFeatures.all), { schema, files: diskWorkspaceFiles });
