/**
 * `regal-webhook`: the language service on the command line, for CI pipelines (dist/cli.js):
 * `check` validates payload files, `render` renders one with sample data (in the render worker),
 * `fetch-fields` writes the merge-field catalog from Iterable's API.
 */
import schema from '../../schemas/regal-event.schema.json';
import { version } from '../../package.json';
import { parseArguments, UsageError, USAGE } from './cli/cliArguments';
import { checkFiles, type CliOutput } from './cli/checkFiles';
import { fetchFieldsCommand } from './cli/fetchFields';
import { renderFile } from './cli/renderFile';
import { RenderWorkerPool } from './rendering/renderInWorker';
import { createLanguageService } from './service/languageService';

export async function runCli(argv: readonly string[], io: CliOutput): Promise<number> {
  let parsed;
  try {
    parsed = parseArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`regal-webhook: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.command === 'help') {
    io.out(USAGE);
    return 0;
  }
  if (parsed.command === 'version') {
    io.out(version);
    return 0;
  }
  if (parsed.command === 'render') {
    // dist/renderWorker.js, next to dist/cli.js.
    const renderer = new RenderWorkerPool();
    try {
      return await renderFile(parsed.options, renderer, io);
    } finally {
      renderer.dispose();
    }
  }
  if (parsed.command === 'fetch-fields') return fetchFieldsCommand(parsed.options, io, { env: process.env, cwd: process.cwd() });
  return checkFiles(parsed.options, createLanguageService({ schema }), io);
}

const io: CliOutput = { out: (text) => console.log(text), err: (text) => console.error(text) };
runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`regal-webhook: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 2;
  },
);
