/** VS Code's JSON language service, set up to validate with our schema as the benchmark compares it. */
import { getLanguageService, type LanguageService as JsonLanguageService } from 'vscode-json-languageservice';

export function createJsonService(schema: Record<string, unknown>): JsonLanguageService {
  const service = getLanguageService({});
  service.configure({ validate: true, allowComments: false, schemas: [{ uri: 'bench://regal-event.schema.json', fileMatch: ['*.json'], schema }] });
  return service;
}
