/**
 * Renders an open payload document with the workspace's sample data (setting `regal.sampleData`,
 * default `regal.sample.json`, relative to the document's workspace folder). The sample's unsaved
 * edits count: an open document of it is read instead of the file. Never throws for a missing or
 * broken sample: it renders with no fields and says why in `sampleProblem`.
 *
 * The render itself runs in the extension's render worker (RenderPool, one per extension,
 * created in extension.ts), within the render budget: a pathological template ends in a `stopped`
 * result, never in a frozen or crashed extension host.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RenderPool } from '../../../server/src/rendering/renderPool';
import type { RenderResult } from '../../../server/src/rendering/renderResult';
import { emptySample, parseSampleData, type SampleData } from '../../../server/src/rendering/sampleData';
import { SETTINGS_SECTION } from '../../../server/src/protocol/contract';

export interface RenderedDocument extends RenderResult {
  /** The sample file used (or looked for). */
  sampleUri?: vscode.Uri;
  /** Why the sample data could not be used as written, e.g. "No regal.sample.json in the workspace: …". */
  sampleProblem?: string;
  /** The sample file does not exist (`sampleUri` says where it was looked for). */
  sampleMissing?: boolean;
  /** The sample the payload was rendered with. */
  sample: SampleData;
}

export interface LoadedSample {
  sample: SampleData;
  sampleUri?: vscode.Uri;
  sampleProblem?: string;
  sampleMissing?: boolean;
}

export const DEFAULT_SAMPLE_PATH = 'regal.sample.json';

/** Where the sample for `document` lives, per `regal.sampleData` (undefined outside any workspace folder). */
export function sampleDataUri(document: vscode.TextDocument | vscode.Uri): vscode.Uri | undefined {
  const uri = document instanceof vscode.Uri ? document : document.uri;
  const setting = vscode.workspace.getConfiguration(SETTINGS_SECTION, uri).get<string>('sampleData')?.trim() || DEFAULT_SAMPLE_PATH;
  if (path.isAbsolute(setting)) return vscode.Uri.file(setting);
  const folder = vscode.workspace.getWorkspaceFolder(uri) ?? vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, ...setting.split(/[\\/]+/)) : undefined;
}

async function readText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
}

/** The sample data for `document`, or an empty sample and the reason. */
export async function loadSample(document: vscode.TextDocument): Promise<LoadedSample> {
  if (!vscode.workspace.isTrusted) {
    return { sample: emptySample, sampleProblem: 'This workspace is not trusted, so its sample data is not read: rendering with no fields.' };
  }
  const sampleUri = sampleDataUri(document);
  if (!sampleUri) {
    return {
      sample: emptySample,
      sampleProblem: `The payload is not in a workspace folder, so there is no ${DEFAULT_SAMPLE_PATH} to read: rendering with no fields.`,
    };
  }
  const name = vscode.workspace.asRelativePath(sampleUri, false);
  let text: string;
  try {
    text = await readText(sampleUri);
  } catch (error) {
    const missing = error instanceof vscode.FileSystemError && error.code === 'FileNotFound';
    return {
      sample: emptySample,
      sampleUri,
      ...(missing ? { sampleMissing: true } : {}),
      sampleProblem: missing
        ? `No ${name} in the workspace: create it to render with sample data (see the README for its format). Rendering with no fields.`
        : `Could not read ${name} (${(error as Error).message}): rendering with no fields.`,
    };
  }
  const parsed = parseSampleData(text);
  return { sample: parsed.sample, sampleUri, ...(parsed.problem ? { sampleProblem: `${name}: ${parsed.problem}` } : {}) };
}

export interface RenderDocumentOptions {
  /** A newer render with the same key supersedes this one (its result is then `stopped`, kind `superseded`). */
  key?: string;
  token?: vscode.CancellationToken;
}

export async function renderDocument(document: vscode.TextDocument, renderer: RenderPool, options: RenderDocumentOptions = {}): Promise<RenderedDocument> {
  const template = document.getText();
  const { sample, sampleUri, sampleProblem, sampleMissing } = await loadSample(document);
  const rendered = await renderer.render(template, sample, {
    key: options.key ?? document.uri.toString(),
    ...(options.token ? { signal: options.token } : {}),
  });
  return { ...rendered, sample, ...(sampleUri ? { sampleUri } : {}), ...(sampleProblem ? { sampleProblem } : {}), ...(sampleMissing ? { sampleMissing } : {}) };
}
