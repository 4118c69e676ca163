/**
 * The `render` command: renders one payload template with sample data, as the editor's preview does,
 * in the render worker (dist/renderWorker.js next to dist/cli.js) within the render budget. Prints
 * the body (re-indented when it is valid JSON) or the problems, and returns the exit code:
 * 0 rendered, 1 a render problem (template error, skipped send, rendering stopped, invalid JSON),
 * 2 a file that cannot be read (the payload or the sample).
 *
 * Text output: the body on stdout; problems on stderr as `file:line:col: message`, the line and
 * column in the payload file (template errors, skipped sends) or in the rendered text printed on
 * stdout (invalid JSON, `file (rendered):line:col`); a stopped render has no position. `--format
 * json` prints the render result (RenderResult, without the parsed `json`) with `file`, `sample` and
 * the payload position of a template error or skip.
 */
import { printable, readInputFile } from './readInputFile';
import * as path from 'node:path';
import { lineColumnAt } from '../rendering/lineColumn';
import type { RenderWorkerPool } from '../rendering/renderInWorker';
import type { RenderResult } from '../rendering/renderResult';
import { reindentJson } from '../rendering/reindentJson';
import { emptySample, parseSampleData, type SampleData } from '../rendering/sampleData';
import type { CliOutput } from './checkFiles';
import type { RenderCommandOptions } from './cliArguments';

export async function renderFile(options: RenderCommandOptions, renderer: RenderWorkerPool, io: CliOutput, cwd = process.cwd()): Promise<number> {
  const file = path.relative(cwd, path.resolve(cwd, options.file)) || options.file;
  const template = await readText(path.resolve(cwd, options.file), file, 'payload', io);
  if (template === undefined) return 2;

  let sample: SampleData = emptySample;
  let sampleName: string | undefined;
  if (options.sample !== undefined) {
    sampleName = path.relative(cwd, path.resolve(cwd, options.sample)) || options.sample;
    const text = await readText(path.resolve(cwd, options.sample), sampleName, 'sample', io);
    if (text === undefined) return 2;
    const parsed = parseSampleData(text);
    if (parsed.problem) {
      // A sample that could not be read at all is a file error; a partly usable one is a warning.
      io.err(printable(`${sampleName}: ${parsed.problem}`));
      if (parsed.sample === emptySample) return 2;
    }
    sample = parsed.sample;
  }

  const result = await renderer.render(template, sample);
  const failed = result.text === undefined || result.jsonError !== undefined;
  if (options.format === 'json') {
    io.out(JSON.stringify(toJson(file, sampleName, template, result), null, 2));
    return failed ? 1 : 0;
  }
  if (result.templateError) io.err(printable(`${file}${at(template, result.templateError.offset)}: ${result.templateError.message}`));
  else if (result.skipped) io.err(printable(`${file}${at(template, result.skipped.offset)}: Iterable would skip this send: ${result.skipped.reason}`));
  else if (result.stopped) io.err(printable(`${file}: ${result.stopped.reason}`));
  else if (result.jsonError) {
    // The text as rendered, so that the line and column can be found in it.
    io.out(printable(result.text ?? '', true));
    const { line, column, message } = result.jsonError;
    io.err(printable(`${file} (rendered):${line}:${column}: not valid JSON: ${message}. Regal would reject it.`));
  } else io.out(printable(reindentJson(result.text ?? ''), true));
  return failed ? 1 : 0;
}

async function readText(absolute: string, name: string, what: string, io: CliOutput): Promise<string | undefined> {
  const read = await readInputFile(absolute);
  if (read.ok) return read.text;
  io.err(printable(`${name}: cannot read the ${what} file: ${read.reason}.`));
  return undefined;
}

/** `:line:col` (1-based) of a template offset, or nothing. */
function at(template: string, offset: number | undefined): string {
  if (offset === undefined) return '';
  const { line, column } = lineColumnAt(template, offset);
  return `:${line}:${column}`;
}

function toJson(file: string, sample: string | undefined, template: string, result: RenderResult): Record<string, unknown> {
  const { json: _json, ...rest } = result;
  const offset = result.templateError?.offset ?? result.skipped?.offset;
  return {
    file,
    ...(sample !== undefined ? { sample } : {}),
    ok: result.text !== undefined && result.jsonError === undefined,
    ...rest,
    ...(offset !== undefined ? { position: lineColumnAt(template, offset) } : {}),
  };
}
