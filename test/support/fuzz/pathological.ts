/**
 * The pathological shapes of test/unit/robustnessLimits.test.ts, each run through every feature
 * (fuzz invariants) in a child process: a synchronous loop that never ends cannot be stopped by a
 * timer in its own process, so the test kills the child instead, and fails rather than hangs.
 *
 *   node --import tsx test/support/fuzz/pathological.ts <case name>
 */
import { MAX_DOCUMENT_BYTES } from '../../../server/src/service/limits';
import { documentOf } from '../service';
import { checkText, fuzzService } from './invariants';

const PHONE = '"traits": { "phones": { "+12225555555": {} } }';

/** Texts by case name; each is checked at its start, its end, and a third and a half of the way. */
export const pathologicalCases: Record<string, () => string> = {
  '200,000 adjacent block tags between members': () => `{ ${PHONE}, ${'{{#if a}}{{/if}}'.repeat(100_000)} "z": 1 }`,
  '200,000 adjacent block tags in a string': () => `{ ${PHONE}, "a": "${'{{#if a}}{{/if}}'.repeat(100_000)}" }`,
  '200,000 adjacent block tags as a value': () => `{ ${PHONE}, "a": ${'{{#if a}}{{/if}}'.repeat(100_000)}1 }`,
  '100,000 nested arrays': () => '['.repeat(100_000) + ']'.repeat(100_000),
  '100,000 unclosed arrays': () => '['.repeat(100_000),
  '50,000 nested objects': () => '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000),
  '10,000 nested {{#if}} blocks as a value': () => `{ ${PHONE}, "a": ${'{{#if a}}'.repeat(10_000)}1${'{{/if}}'.repeat(10_000)} }`,
  '10,000 nested {{#if}} blocks around members': () => `{ ${PHONE}, ${'{{#if a}}"k": {'.repeat(10_000)}"z": 1${'}{{/if}}'.repeat(10_000)} }`,
  '10,000 nested {{#each}} blocks in a string': () => `{ ${PHONE}, "a": "${'{{#each a}}'.repeat(10_000)}x${'{{/each}}'.repeat(10_000)}" }`,
  '20 MB document': () => twentyMegabytes(),
};

/** A clean payload repeated to 20 MB: over the size limit, so it must get one diagnostic and cheap answers. */
function twentyMegabytes(): string {
  const member = (i: number) => `    "k${i}": { "sku": "{{items.[${i}].sku}}", "giftWrapped": {{#if w}}true{{else}}false{{/if}}, "n": ${i} }`;
  const members: string[] = [];
  let length = 0;
  for (let i = 0; length < 20 * 1024 * 1024; i++) {
    members.push(member(i));
    length += members[members.length - 1].length + 2;
  }
  return `{\n  ${PHONE},\n  "properties": {\n${members.join(',\n')}\n  }\n}\n`;
}

/** Over the size limit: exactly the size diagnostic, and nothing from the features that would read the text. */
function checkTooLarge(text: string): void {
  if (text.length <= MAX_DOCUMENT_BYTES) throw new Error(`the 20 MB case is ${text.length} characters`);
  const document = documentOf(text);
  const diagnostics = fuzzService.doValidation(document);
  const codes = diagnostics.map((d) => d.code);
  if (codes.length !== 1 || codes[0] !== 'document-too-large') throw new Error(`expected one document-too-large diagnostic, got ${JSON.stringify(codes)}`);
  const middle = document.positionAt(text.length / 2);
  const answers = {
    outline: fuzzService.findDocumentSymbols(document).length,
    folding: fuzzService.getFoldingRanges(document).length,
    formatting: fuzzService.format(document, undefined, { tabSize: 2, insertSpaces: true }).length,
    completion: fuzzService.doComplete(document, middle).items.length,
    hover: fuzzService.doHover(document, middle) === null ? 0 : 1,
    'code actions': fuzzService.doCodeActions(document, { start: middle, end: middle }, diagnostics, undefined, { only: ['source.fixAll'] }).length,
    'selection beyond the cursor': fuzzService.getSelectionRanges(document, [middle]).filter((s) => s.parent !== undefined).length,
  };
  const answered = Object.entries(answers).filter(([, count]) => count > 0);
  if (answered.length > 0) throw new Error(`features answered on a document over the size limit: ${JSON.stringify(answered)}`);
}

function run(name: string): void {
  const make = pathologicalCases[name];
  if (!make) throw new Error(`no pathological case named ${JSON.stringify(name)}`);
  const text = make();
  if (name === '20 MB document') checkTooLarge(text);
  checkText(text, { offsets: [Math.floor(text.length / 3), Math.floor(text.length / 2)] });
}

if (require.main === module) {
  try {
    run(process.argv[2] ?? '');
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  }
}
