/**
 * The JSON-service side of the whole-process comparison (processBench.ts): VS Code's JSON language
 * service, in a process of its own, reads one file and validates it with our schema, as `check` does
 * with ours. Bundled on its own (esbuild.mjs --bench), minified like dist/cli.js, so that neither
 * process loads more code than it needs. Prints the number of diagnostics.
 */
import { readFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import schema from '../schemas/regal-event.schema.json';
import { createJsonService } from './jsonService';

async function main(file: string): Promise<void> {
  const service = createJsonService(schema as Record<string, unknown>);
  const document = TextDocument.create('file:///bench/payload.json', 'json', 1, readFileSync(file, 'utf8'));
  const diagnostics = await service.doValidation(document, service.parseJSONDocument(document));
  console.log(`${diagnostics.length} diagnostics`);
}

main(process.argv[2] as string).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
