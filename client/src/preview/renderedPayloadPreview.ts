/**
 * `Regal: Preview Rendered Payload`: a read-only virtual document (`regal-preview:` scheme, language
 * jsonc) beside the payload, showing it rendered with the sample data. It follows edits of the payload
 * and of the sample file (open-document changes, and a file watcher for changes on disk), debounced.
 *
 * Renders run in the extension's render worker, within the render budget: a template that takes too
 * long or grows too big shows "Rendering stopped: …" in the header, and the editor keeps working.
 * Each preview renders under its own key, so a newer edit supersedes the render of an older one;
 * every content request then answers with the newest render's text (never an older one's).
 *
 * Workspace Trust: in an untrusted workspace nothing is rendered; the header says why and how to
 * trust the workspace, and the preview renders when trust is granted.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { currentPayloadUri } from '../language/currentPayload';
import type { RenderPool } from '../../../server/src/rendering/renderPool';
import { renderDocument } from '../rendering/renderDocument';
import type { RegalServer } from '../language/regalServer';
import { blankFields } from '../sampleData/sampleFields';
import { PREVIEW_SCHEME } from './previewScheme';
import { previewText, untrustedPreviewText } from './previewText';

export { PREVIEW_SCHEME };
const UPDATE_DELAY_MS = 150;

/** The preview URI of a payload: readable title, the payload's URI in the query. */
export function previewUri(source: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `${source.path} (rendered).jsonc`, query: source.toString() });
}

interface Tracked {
  source: vscode.Uri;
  sample?: vscode.Uri;
  watcher?: vscode.FileSystemWatcher;
  timer?: ReturnType<typeof setTimeout>;
  /** Counts content requests: a request that is no longer the newest answers with the newest's text. */
  generation: number;
  latest?: Promise<string>;
}

class RenderedPayloadProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  /** Open previews by preview URI. */
  private readonly previews = new Map<string, Tracked>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly renderer: RenderPool,
    private readonly server: Pick<RegalServer, 'mergeFieldsUsed'>,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((event) => this.onDocumentChanged(event.document.uri)),
      // Saving or reverting a sample file that is open changes what is read only through the document.
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.uri.scheme === PREVIEW_SCHEME) this.forget(document.uri.toString());
        else this.onDocumentChanged(document.uri);
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('regal.sampleData')) for (const key of this.previews.keys()) this.schedule(key);
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        for (const key of this.previews.keys()) this.schedule(key);
      }),
    );
  }

  provideTextDocumentContent(uri: vscode.Uri, token?: vscode.CancellationToken): Promise<string> {
    const source = vscode.Uri.parse(uri.query, true);
    const tracked = this.track(uri, source);
    const generation = ++tracked.generation;
    const content = this.content(uri, source, tracked, generation, token);
    tracked.latest = content;
    return content;
  }

  private async content(
    uri: vscode.Uri,
    source: vscode.Uri,
    tracked: Tracked,
    generation: number,
    token: vscode.CancellationToken | undefined,
  ): Promise<string> {
    const name = vscode.workspace.asRelativePath(source, false);
    if (!vscode.workspace.isTrusted) return untrustedPreviewText(name);
    try {
      const document = await vscode.workspace.openTextDocument(source);
      const rendered = await renderDocument(document, this.renderer, { key: uri.toString(), ...(token ? { token } : {}) });
      // A newer edit asked for this preview meanwhile: answer with its text, so an older render never
      // overwrites a newer one (VS Code applies each answer as it comes).
      if (generation !== tracked.generation && tracked.latest) return tracked.latest;
      this.watchSample(tracked, rendered.sampleUri);
      const template = document.getText();
      // The fields come from the language server; without its answer the preview just lacks the blank-fields line.
      const used = await this.server.mergeFieldsUsed({ uri: source.toString(), text: template }).catch(() => undefined);
      if (generation !== tracked.generation && tracked.latest) return tracked.latest;
      return previewText({
        sourceName: name,
        template,
        rendered,
        ...(rendered.sampleUri ? { sampleName: vscode.workspace.asRelativePath(rendered.sampleUri, false) } : {}),
        ...(rendered.sampleProblem ? { sampleProblem: rendered.sampleProblem } : {}),
        ...(rendered.sampleMissing ? { sampleMissing: true } : {}),
        blankFields: blankFields(used?.fields.map((field) => field.name) ?? [], rendered.sample),
      });
    } catch (error) {
      return `// Cannot preview ${name}: ${(error as Error).message}\n`;
    }
  }

  /** Refreshes the preview now (the command re-shows an open preview). */
  refresh(uri: vscode.Uri): void {
    this.changed.fire(uri);
  }

  private track(uri: vscode.Uri, source: vscode.Uri): Tracked {
    const key = uri.toString();
    let tracked = this.previews.get(key);
    if (!tracked) {
      tracked = { source, generation: 0 };
      this.previews.set(key, tracked);
    }
    return tracked;
  }

  /** Watches the sample file on disk (created, changed, deleted) for one preview. */
  private watchSample(tracked: Tracked, sample: vscode.Uri | undefined): void {
    if (tracked.sample?.toString() === sample?.toString()) return;
    tracked.watcher?.dispose();
    tracked.sample = sample;
    tracked.watcher = undefined;
    if (!sample) return;
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(sample, '..'), path.posix.basename(sample.path)));
    const refresh = () => {
      for (const [key, other] of this.previews) if (other.sample?.toString() === sample.toString()) this.schedule(key);
    };
    watcher.onDidChange(refresh);
    watcher.onDidCreate(refresh);
    watcher.onDidDelete(refresh);
    tracked.watcher = watcher;
  }

  private onDocumentChanged(uri: vscode.Uri): void {
    if (uri.scheme === PREVIEW_SCHEME) return;
    const changed = uri.toString();
    for (const [key, tracked] of this.previews) {
      if (tracked.source.toString() === changed || tracked.sample?.toString() === changed) this.schedule(key);
    }
  }

  private schedule(key: string): void {
    const tracked = this.previews.get(key);
    if (!tracked) return;
    if (tracked.timer) clearTimeout(tracked.timer);
    tracked.timer = setTimeout(() => {
      tracked.timer = undefined;
      this.changed.fire(vscode.Uri.parse(key, true));
    }, UPDATE_DELAY_MS);
  }

  private forget(key: string): void {
    const tracked = this.previews.get(key);
    if (!tracked) return;
    if (tracked.timer) clearTimeout(tracked.timer);
    tracked.watcher?.dispose();
    this.previews.delete(key);
  }

  dispose(): void {
    for (const key of [...this.previews.keys()]) this.forget(key);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}

/** The payload the command applies to: the editor title's resource, else the current payload (currentPayload.ts). */
function payloadUri(resource: unknown): vscode.Uri | undefined {
  if (resource instanceof vscode.Uri && resource.scheme !== PREVIEW_SCHEME) return resource;
  return currentPayloadUri();
}

export function registerRenderedPayloadPreview(context: vscode.ExtensionContext, renderer: RenderPool, server: Pick<RegalServer, 'mergeFieldsUsed'>): void {
  const provider = new RenderedPayloadProvider(renderer, server);
  context.subscriptions.push(
    provider,
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, provider),
    vscode.commands.registerCommand('regal.previewRenderedPayload', async (resource?: unknown) => {
      const source = payloadUri(resource);
      if (!source) {
        void vscode.window.showInformationMessage('Open a *.regal.json payload to preview it rendered with sample data.');
        return undefined;
      }
      const uri = previewUri(source);
      provider.refresh(uri);
      let document = await vscode.workspace.openTextDocument(uri);
      if (document.languageId !== 'jsonc') document = await vscode.languages.setTextDocumentLanguage(document, 'jsonc');
      await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: true });
      return uri;
    }),
  );
}
