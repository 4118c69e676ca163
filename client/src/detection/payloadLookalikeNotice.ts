/**
 * A JSON file that looks like a Regal payload but is not a `*.regal.json` gets one notification, when
 * it is shown in an editor (the client rules out most files, isLookalikeCandidate; the language server
 * reads the rest, `regal/looksLikePayload`): "This looks like a Regal webhook payload…",
 * with
 * - "Rename to .regal.json": renames the file (a WorkspaceEdit, so open editors follow) and opens it;
 * - "Add to files.associations": maps the file's pattern to `regal-webhook` in the workspace settings;
 * - "Don't ask again": never for this file (remembered in workspaceState).
 * Closing the notification means "not now": it is not shown again for that file until VS Code restarts.
 *
 * The notification goes through `prompt`, which the VS Code tests replace (the extension's API exposes
 * this object) to pick an action without a UI.
 */
import * as vscode from 'vscode';
import type { RegalServer } from '../language/regalServer';
import { associationPattern, isLookalikeCandidate, regalFileName } from './payloadLookalike';
import { PAYLOAD_LANGUAGE_ID } from '../../../server/src/protocol/contract';

export const RENAME_ACTION = 'Rename to .regal.json';
export const ASSOCIATE_ACTION = 'Add to files.associations';
export const NEVER_ACTION = "Don't ask again";
export const LOOKALIKE_ACTIONS = [RENAME_ACTION, ASSOCIATE_ACTION, NEVER_ACTION] as const;
export type LookalikeAction = (typeof LOOKALIKE_ACTIONS)[number];

/** Shows the notification; resolves with the action picked, or undefined when it was closed. */
export type LookalikePrompt = (message: string, uri: vscode.Uri, actions: readonly LookalikeAction[]) => Thenable<LookalikeAction | undefined>;

const defaultPrompt: LookalikePrompt = (message, _uri, actions) => vscode.window.showInformationMessage(message, ...actions);

/** workspaceState key: the URIs of files the user said not to ask about again. */
const DECLINED_KEY = 'regal.lookalike.declined';

export interface LookalikeOutcome {
  uri: vscode.Uri;
  action: LookalikeAction | undefined;
  /** The renamed file (Rename), or the pattern added (files.associations). */
  renamedTo?: vscode.Uri;
  pattern?: string;
}

export class PayloadLookalikeNotice implements vscode.Disposable {
  /** Replaceable (tests): how the notification is shown. */
  prompt: LookalikePrompt = defaultPrompt;
  private readonly asked = new Set<string>();
  /** Files the server is reading now (a file shown twice meanwhile is asked about once). */
  private readonly checking = new Set<string>();
  private readonly outcomes = new vscode.EventEmitter<LookalikeOutcome>();
  /** Fires after each notification has been answered and its action done (tests wait on it). */
  readonly onDidHandle = this.outcomes.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly state: vscode.Memento,
    private readonly server: Pick<RegalServer, 'looksLikePayload'>,
  ) {
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => this.consider(editor?.document)),
      this.outcomes,
    );
    this.consider(vscode.window.activeTextEditor?.document);
  }

  private consider(document: vscode.TextDocument | undefined): void {
    if (!document || document.uri.scheme !== 'file' || (document.languageId !== 'json' && document.languageId !== 'jsonc')) return;
    const key = document.uri.toString();
    if (this.asked.has(key) || this.checking.has(key) || this.declined().includes(key)) return;
    const text = document.getText();
    if (!isLookalikeCandidate(document.uri.fsPath, text)) return;
    this.checking.add(key);
    void this.server
      .looksLikePayload({ text })
      // A server that cannot answer (it failed to start) means no notification: the file stays plain JSON.
      .then(
        ({ looksLike }) => looksLike,
        () => false,
      )
      .then((looksLike) => {
        this.checking.delete(key);
        if (!looksLike || this.asked.has(key)) return;
        this.asked.add(key);
        return this.ask(document.uri).then(
          (outcome) => this.outcomes.fire(outcome),
          (error: unknown) => void vscode.window.showErrorMessage(`Regal: ${(error as Error).message}`),
        );
      });
  }

  private declined(): string[] {
    return this.state.get<string[]>(DECLINED_KEY, []);
  }

  private async ask(uri: vscode.Uri): Promise<LookalikeOutcome> {
    const name = vscode.workspace.asRelativePath(uri, false);
    const message =
      `This looks like a Regal webhook payload: ${name} has the keys of Regal's events API and Iterable Handlebars. ` +
      'Payload checks, completion and the preview work in *.regal.json files (language "regal-webhook"). Rename it, or associate it with the language?';
    const action = await this.prompt(message, uri, LOOKALIKE_ACTIONS);
    switch (action) {
      case RENAME_ACTION:
        return { uri, action, renamedTo: await rename(uri) };
      case ASSOCIATE_ACTION:
        return { uri, action, pattern: await associate(uri) };
      case NEVER_ACTION:
        await this.state.update(DECLINED_KEY, [...this.declined(), uri.toString()].slice(-1000));
        return { uri, action };
      default:
        return { uri, action: undefined };
    }
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

/** Renames `uri` to `*.regal.json` (open editors follow the rename) and shows it. */
async function rename(uri: vscode.Uri): Promise<vscode.Uri> {
  const target = vscode.Uri.joinPath(uri, '..', regalFileName(uri.path.slice(uri.path.lastIndexOf('/') + 1)));
  const edit = new vscode.WorkspaceEdit();
  edit.renameFile(uri, target, { overwrite: false });
  if (!(await vscode.workspace.applyEdit(edit)))
    throw new Error(`could not rename ${vscode.workspace.asRelativePath(uri, false)}: is there a ${vscode.workspace.asRelativePath(target, false)} already?`);
  const document = await vscode.workspace.openTextDocument(target);
  await vscode.window.showTextDocument(
    document.languageId === PAYLOAD_LANGUAGE_ID ? document : await vscode.languages.setTextDocumentLanguage(document, PAYLOAD_LANGUAGE_ID),
  );
  return target;
}

/** Adds the file's pattern → regal-webhook to the workspace's `files.associations`, and switches the open document. */
async function associate(uri: vscode.Uri): Promise<string> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const pattern = folder ? associationPattern(vscode.workspace.asRelativePath(uri, false)) : uri.fsPath;
  const files = vscode.workspace.getConfiguration('files', uri);
  const current = files.inspect<Record<string, string>>('associations')?.workspaceValue ?? {};
  await files.update(
    'associations',
    { ...current, [pattern]: PAYLOAD_LANGUAGE_ID },
    folder ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global,
  );
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (document && document.languageId !== PAYLOAD_LANGUAGE_ID) await vscode.languages.setTextDocumentLanguage(document, PAYLOAD_LANGUAGE_ID);
  return pattern;
}
