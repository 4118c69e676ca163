/**
 * The text of the rendered-payload preview: a short `//` header (what was rendered with what, and any
 * problem, each with its position) and then the payload, re-indented when it is valid JSON or as
 * rendered when it is not (so the reported line/column can be found). Pure: no `vscode` import.
 */
import { lineColumnAt } from '../../../server/src/rendering/lineColumn';
import { renderAssumptions } from '../../../server/src/rendering/renderAssumptions';
import { ESCAPING_NOTE, type RenderResult } from '../../../server/src/rendering/renderResult';
import { reindentJson } from '../../../server/src/rendering/reindentJson';

export interface PreviewInput {
  /** The payload file, as shown to the user (workspace-relative name). */
  sourceName: string;
  /** The payload template text (to turn template offsets into line/column). */
  template: string;
  rendered: RenderResult;
  /** The sample file, as shown to the user, when one was read. */
  sampleName?: string;
  sampleProblem?: string;
  /** There is no sample file (at `sampleName`): every field renders blank. */
  sampleMissing?: boolean;
  /** The merge fields the payload uses that render blank with this sample (missing, null or ""). */
  blankFields?: readonly string[];
}

/** The command that writes the sample file, as the palette shows it. */
export const CREATE_SAMPLE_DATA_TITLE = 'Regal: Create Sample Data';
/** Past this many, the blank-fields line says how many more. */
const MAX_LISTED_BLANK_FIELDS = 40;

/** The header line for the fields that render blank (none when every field has a value). */
export function blankFieldsLine(fields: readonly string[] | undefined): string[] {
  if (!fields || fields.length === 0) return [];
  const listed = fields.slice(0, MAX_LISTED_BLANK_FIELDS).join(', ');
  const more = fields.length > MAX_LISTED_BLANK_FIELDS ? `, and ${fields.length - MAX_LISTED_BLANK_FIELDS} more` : '';
  return [`Blank with this sample: ${listed}${more}`];
}

/** One `//` line per entry (line breaks inside a message are flattened, so line counts hold). */
const comment = (lines: string[]) => lines.map((line) => `// ${line.replace(/\s*\r?\n\s*/g, ' ')}`.trimEnd()).join('\n');

function templatePosition(template: string, offset: number | undefined): string {
  if (offset === undefined) return '';
  const { line, column } = lineColumnAt(template, offset);
  return ` (line ${line}, column ${column})`;
}

export function previewText(input: PreviewInput): string {
  const { rendered, sourceName, template } = input;
  // What went wrong comes right after the first line, before the general escaping note (left out
  // when nothing rendered): the preview sits in a narrow editor beside the payload, lines unwrapped.
  const header: string[] = [];
  header.push(`Rendered ${sourceName} with ${input.sampleName && !input.sampleProblem ? `sample data from ${input.sampleName}` : 'sample data'}.`);
  if (input.sampleMissing) {
    header.push(
      `No sample data: every field renders blank. Run "${CREATE_SAMPLE_DATA_TITLE}" to write ${input.sampleName ?? 'the sample file'} with the fields this payload uses.`,
    );
  } else if (input.sampleProblem) header.push(`Sample data: ${input.sampleProblem}`);
  // Without a sample every field is blank (said above): the list would name them all.
  const blank = input.sampleMissing ? [] : blankFieldsLine(input.blankFields);

  if (rendered.templateError) {
    header.push(`Cannot render: ${rendered.templateError.message}${templatePosition(template, rendered.templateError.offset)} in ${sourceName}.`);
    return `${comment(header)}\n`;
  }
  if (rendered.skipped) {
    header.push(`Iterable would skip this send: ${rendered.skipped.reason}${templatePosition(template, rendered.skipped.offset)} in ${sourceName}.`);
    return `${comment(header)}\n`;
  }
  if (rendered.stopped) {
    // The budget stopped the render (or it was cancelled): nothing partial is shown as the payload.
    const reason = rendered.stopped.reason.replace(/^r/, 'R').replace(/\.?$/, '.');
    header.push(`${reason} Nothing rendered for ${sourceName}; the preview renders it again when you edit it.`);
    return `${comment(header)}\n`;
  }
  // The assumptions the render relied on, one line each; html-escaping (when escaping changed the
  // text) takes the place of the general escaping note, which says less.
  const assumed = rendered.assumptions ?? [];
  const escaping = [
    assumed.includes('html-escaping') ? `Assumed: ${renderAssumptions['html-escaping']}` : ESCAPING_NOTE,
    ...(rendered.escaping ? [`Note: ${rendered.escaping.message}`] : []),
    ...assumed.filter((a) => a !== 'html-escaping').map((a) => `Assumed: ${renderAssumptions[a]}`),
    ...blank,
  ];
  const text = rendered.text ?? '';
  if (rendered.jsonError) {
    const { message, line, column } = rendered.jsonError;
    // After this line come the escaping lines and the caption: say where the bad spot is in this preview too.
    const previewLine = line + header.length + 1 + escaping.length + 1;
    header.push(
      `Not valid JSON: ${message} at line ${line}, column ${column} of the rendered text (line ${previewLine} of this preview). Regal would reject it.`,
    );
    header.push(...escaping, 'Rendered text, as Iterable would send it:');
    return `${comment(header)}\n${text}${text.endsWith('\n') ? '' : '\n'}`;
  }
  header.push(...escaping);
  return `${comment(header)}\n${reindentJson(text)}\n`;
}

/**
 * The preview of a payload in an untrusted workspace: not rendered (the preview follows Workspace
 * Trust as send does), with why and how to trust the workspace.
 */
export function untrustedPreviewText(sourceName: string): string {
  return `${comment([
    `Not rendered: this workspace is not trusted. Rendering runs ${sourceName}'s Handlebars with the workspace's sample data, so the preview waits for trust.`,
    'To preview it, trust the workspace: run "Workspaces: Manage Workspace Trust" and choose Trust. The preview renders as soon as you do.',
  ])}\n`;
}
