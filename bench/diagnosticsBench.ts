/**
 * Full diagnostics of a payload template by our language service, next to VS Code's JSON language
 * service validating the same document with the same schema, and JSON.parse (the floor).
 *
 * A template is not JSON (`"quantity": {{defaultIfEmpty q 1}}` is a syntax error), so the JSON
 * service and JSON.parse read the placeholder JSON our service builds for it (view 0: every
 * mustache replaced by characters of the same length). That text is as long as the template and
 * valid JSON, so the comparison is on the same bytes, and only our service also reads the template.
 */
import type { LanguageService as JsonLanguageService } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../server/src/service/languageService';
import { generatePayload } from './generatePayload';
import { interleave, type Summary } from './measure';

export interface SizeCase {
  label: string;
  bytes: number;
  rounds: number;
  warmup: number;
  /** Consecutive runs of one contender per round. */
  batch: number;
}

export interface DiagnosticsResult {
  label: string;
  length: number;
  mustaches: number;
  diagnostics: { ours: number; jsonService: number };
  ours: Summary;
  jsonService: Summary;
  jsonParse: Summary;
}

export { createJsonService } from './jsonService';

/**
 * Makes sure both services really validate with the Regal schema before they are timed: a payload
 * with one wrong type must get a diagnostic from each, or the comparison would be meaningless.
 */
export async function checkBothValidate(ours: LanguageService, jsonService: JsonLanguageService): Promise<void> {
  const broken = generatePayload(2_000).replace('"isPrimary": true', '"isPrimary": "yes"');
  const document = TextDocument.create('file:///bench/check.regal.json', 'regal-webhook', 1, broken);
  const placeholder = ours.analyze(document).template.view(0).text;
  const jsonDocument = TextDocument.create('file:///bench/check.json', 'json', 1, placeholder);
  const theirs = await jsonService.doValidation(jsonDocument, jsonService.parseJSONDocument(jsonDocument));
  if (ours.doValidation(document).length === 0 || theirs.length === 0) {
    throw new Error('A payload with a wrong type got no diagnostic from one of the services: the benchmark would not compare like with like.');
  }
}

export async function benchDiagnostics(ours: LanguageService, jsonService: JsonLanguageService, size: SizeCase): Promise<DiagnosticsResult> {
  const template = generatePayload(size.bytes);
  const uri = `file:///bench/${size.label}.regal.json`;
  let version = 0;
  // A new version each time: the service caches the analysis per version, and the cache must not answer.
  const nextDocument = () => TextDocument.create(uri, 'regal-webhook', ++version, template);
  const placeholder = ours.analyze(nextDocument()).template.view(0).text;
  const jsonDocument = TextDocument.create(`file:///bench/${size.label}.json`, 'json', 1, placeholder);

  const counts = {
    ours: ours.doValidation(nextDocument()).length,
    jsonService: (await jsonService.doValidation(jsonDocument, jsonService.parseJSONDocument(jsonDocument))).length,
  };
  const results = await interleave(
    {
      ours: () => ours.doValidation(nextDocument()),
      jsonService: () => jsonService.doValidation(jsonDocument, jsonService.parseJSONDocument(jsonDocument)),
      jsonParse: () => JSON.parse(placeholder),
    },
    size.rounds,
    size.warmup,
    size.batch,
  );
  return {
    label: size.label,
    length: template.length,
    mustaches: ours.analyze(nextDocument()).template.mustaches.length,
    diagnostics: counts,
    ours: results.ours,
    jsonService: results.jsonService,
    jsonParse: results.jsonParse,
  };
}
