/**
 * `Regal: Send Test Event`: render the payload, refuse if it is not sendable, then post it to Regal
 * with the stored API key and show what came back.
 *
 * Order of checks: no other send under way → workspace trust → rendering (template error, skipped,
 * stopped by the render budget, invalid JSON) → the language server's errors → sendPolicy.ts (trust, API key, endpoint from user
 * settings only, https unless loopback) → confirmation → POST. The payload file is only read, never
 * modified; its unsaved edits are what is rendered and sent, and the confirmation says so.
 *
 * Every run returns a `SendResult` (what the user was told), so tests and other callers of
 * `executeCommand('regal.sendTestEvent', uri)` see the outcome. Notifications are shown without
 * waiting for them, so a returned result never hangs on a notification nobody clicks; only the
 * confirmation dialog is awaited.
 */
import { SETTINGS_SECTION, DIAGNOSTIC_SOURCE, PAYLOAD_LANGUAGE_ID, type CheckParams, type CheckResult } from '../../../server/src/protocol/contract';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { currentPayloadUri } from '../language/currentPayload';
import type { RenderPool } from '../../../server/src/rendering/renderPool';
import { renderDocument } from '../rendering/renderDocument';
import type { ApiKeyStore } from './apiKeyStore';
import { PREVIEW_SCHEME } from '../preview/renderedPayloadPreview';
import { formatExchange } from './exchangeLog';
import type { PostOutcome, PostRequest } from './httpPost';
import { checkRendered, checkStoredPayload, UNTRUSTED_MESSAGE, type ErrorDiagnostics, type PreflightResult } from './preflight';
import { describeSummary, summarizePayload } from './payloadSummary';
import { redactSecret } from '../../../server/src/security/redact';
import type { ResponseDocuments } from './responseDocuments';
import { describeOutcome, type SendAction, type SendOutcomeKind } from './sendMessages';
import type { SendHistoryStore } from './sendHistoryStore';
import type { SendLog } from './sendLog';
import { planSend } from './sendPolicy';
import { ignoredEndpointNote } from './endpoint';
import { workspaceEndpointValues } from './workspaceEndpoint';

export interface SendResult {
  outcome: SendOutcomeKind | 'refused';
  /** The message shown to the user (never contains the key). */
  message: string;
  status?: number;
  latencyMs?: number;
  endpoint?: string;
  /** The read-only document showing Regal's response. */
  responseUri?: string;
  /** The body that was (or would have been) posted. */
  payload?: string;
}

export interface SendDependencies {
  keys: ApiKeyStore;
  log: SendLog;
  history: SendHistoryStore;
  responses: ResponseDocuments;
  /** Renders the payload off the extension host's thread, within the render budget. */
  renderer: RenderPool;
  /** Posts the event: Node's http on the desktop (httpPost.ts), fetch in a browser (web/fetchPost.ts). */
  post(request: PostRequest): Promise<PostOutcome>;
  /** Asks the language server for the document's errors now (`regal/check`). */
  check(params: CheckParams): Promise<CheckResult>;
}

export const SEND_IN_PROGRESS_MESSAGE = 'A test event is already being sent: wait for its answer (or cancel it in its notification), then send again.';

export class TestEventSender {
  /** One send at a time: a second click on the send button must not post the event twice. */
  private busy = false;

  constructor(private readonly deps: SendDependencies) {}

  /** The command: the payload file from the argument (editor title button) or the active editor. */
  sendCommand(argument?: unknown): Promise<SendResult> {
    return this.exclusively(() => this.sendDocument(argument));
  }

  /** Resend from the history: the stored payload, through the same checks from the trust check on. */
  resend(payload: string, source: string): Promise<SendResult> {
    return this.exclusively(async () => {
      if (!vscode.workspace.isTrusted) return this.refuse(UNTRUSTED_MESSAGE);
      const preflight = checkStoredPayload(payload);
      if (!preflight.ok) return this.refuse(preflight.message);
      return this.send(preflight.payload, source);
    });
  }

  private async exclusively(run: () => Promise<SendResult>): Promise<SendResult> {
    if (this.busy) return this.refuse(SEND_IN_PROGRESS_MESSAGE);
    this.busy = true;
    try {
      return await run();
    } finally {
      this.busy = false;
    }
  }

  private async sendDocument(argument: unknown): Promise<SendResult> {
    if (!vscode.workspace.isTrusted) return this.refuse(UNTRUSTED_MESSAGE);
    const document = await this.payloadDocument(argument);
    if (!document) return this.refuse('Open a *.regal.json payload in the editor, then run "Regal: Send Test Event".');
    const fileName = path.posix.basename(document.uri.path);
    let preflight: PreflightResult;
    const notes: string[] = [];
    if (document.isDirty) notes.push(`Unsaved changes: the text in the editor is sent, not ${document.isUntitled ? 'a saved file' : 'the file on disk'}.`);
    // The text rendered and the text checked must be this version: an edit meanwhile stops the send.
    const version = document.version;
    try {
      // Its own key: an edit that re-renders the preview does not supersede the render being sent.
      const rendered = await renderDocument(document, this.deps.renderer, { key: `send:${document.uri.toString()}` });
      // Shown in the confirmation: the payload may differ from what the user expects.
      if (rendered.sampleProblem) notes.push(`Sample data: ${rendered.sampleProblem}`);
      else if (rendered.sampleUri) notes.push(`Sample data: ${vscode.workspace.asRelativePath(rendered.sampleUri, false)}`);
      if (rendered.escaping) notes.push(`HTML escaping: ${rendered.escaping.message}`);
      const offset = rendered.templateError?.offset ?? rendered.skipped?.offset;
      const position = offset !== undefined ? toSourcePosition(document.positionAt(offset)) : undefined;
      const errors = await this.errorsOf(document, version);
      preflight =
        errors === 'changed' || document.version !== version
          ? { ok: false, message: `Not sent: ${fileName} changed while it was being prepared. Send it again to send the new text.` }
          : checkRendered(fileName, rendered, errors, position);
    } catch (error) {
      preflight = { ok: false, message: `Not sent: ${fileName} could not be rendered: ${(error as Error).message}` };
    }
    if (!preflight.ok) return this.refuse(preflight.message, preflight.action);
    return this.send(preflight.payload, fileName, notes);
  }

  /**
   * The document's errors, asked of the language server for the text being sent; the published
   * diagnostics only when the server cannot answer (not started, or the document not open in it);
   * 'changed' when the server has another version than the one rendered.
   */
  private async errorsOf(document: vscode.TextDocument, version: number): Promise<ErrorDiagnostics | 'changed'> {
    const checked = await this.deps.check({ uri: document.uri.toString(), version }).catch(() => undefined);
    if (checked?.version === undefined) return errorDiagnostics(document.uri);
    if (checked.version !== version) return 'changed';
    const first = checked.firstError;
    return {
      count: checked.errorCount,
      ...(first
        ? { first: { position: { line: first.line + 1, column: first.character + 1 }, message: first.message, ...(first.code ? { code: first.code } : {}) } }
        : {}),
    };
  }

  /** The argument's document, else the active editor's; the rendered preview stands for its payload. */
  private async payloadDocument(argument: unknown): Promise<vscode.TextDocument | undefined> {
    let uri = argument instanceof vscode.Uri ? argument : currentPayloadUri();
    if (uri?.scheme === PREVIEW_SCHEME) uri = vscode.Uri.parse(uri.query, true);
    const document = uri ? await vscode.workspace.openTextDocument(uri) : undefined;
    return document?.languageId === PAYLOAD_LANGUAGE_ID ? document : undefined;
  }

  private async send(payload: string, source: string, notes: string[] = []): Promise<SendResult> {
    const regal = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    const plan = planSend({
      trusted: vscode.workspace.isTrusted,
      storedKey: await this.deps.keys.get(),
      settings: {
        endpoint: regal.inspect<string>('endpoint'),
        confirm: regal.inspect<boolean>('send.confirm'),
        timeoutSeconds: regal.inspect<number>('send.timeoutSeconds'),
      },
    });
    if (!plan.ok) return this.refuse(plan.message, plan.action);
    const { url, key, timeoutSeconds } = plan;

    const summary = summarizePayload(payload);
    if (plan.confirm) {
      const choice = await vscode.window.showWarningMessage(
        'Send this test event to Regal?',
        { modal: true, detail: [describeSummary(url.href, summary), '', `Source: ${source}`, ...notes, ...(await ignoredNotes())].join('\n') },
        'Send',
      );
      if (choice !== 'Send') return { outcome: 'cancelled', message: 'Not sent: cancelled at the confirmation.', endpoint: url.href, payload };
    }

    // Regal takes the raw key in Authorization, no "Bearer" (docs/regal.md §1.1).
    const headers = { Authorization: key, 'Content-Type': 'application/json' };
    const time = new Date().toISOString();
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Sending test event to ${url.host}…`, cancellable: true },
      (_progress, token) => {
        const cancel = new AbortController();
        const subscription = token.onCancellationRequested(() => cancel.abort());
        return this.deps.post({ url, body: payload, headers, timeoutMs: timeoutSeconds * 1000, signal: cancel.signal }).finally(() => subscription.dispose());
      },
    );

    const described = describeOutcome(outcome, { endpoint: url, bytes: summary.bytes, timeoutSeconds });
    const message = redactSecret(described.message, key);
    this.deps.log.write(formatExchange({ time, url, headers, payload, source, outcome }, key), key);
    const responseText = outcome.kind === 'response' ? redactSecret(outcome.body, key) : undefined;
    await this.deps.history.add({
      time,
      endpoint: url.href,
      ...(outcome.kind === 'response' ? { status: outcome.status } : { error: outcome.kind === 'network' ? (outcome.code ?? 'network error') : outcome.kind }),
      latencyMs: outcome.latencyMs,
      payload: redactSecret(payload, key),
      source,
      ...(responseText !== undefined ? { response: responseText } : {}),
    });

    const result: SendResult = { outcome: described.kind, message, latencyMs: outcome.latencyMs, endpoint: url.href, payload };
    if (outcome.kind === 'response') {
      result.status = outcome.status;
      const header = [
        `// POST ${url.href} → ${outcome.status} ${outcome.statusText} in ${outcome.latencyMs} ms`,
        `// Sent ${time} from ${source} (${summary.bytes} bytes)`,
        ...(outcome.location ? [`// Location: ${outcome.location} (not followed: the API key goes only to "regal.endpoint")`] : []),
        ...(outcome.truncated ? ['// The response was longer; only the first 1 MB is shown.'] : []),
      ].join('\n');
      const isJson = isJsonText(responseText ?? '');
      const title = `Regal ${outcome.status} - ${source.replace(/\.json$/, '')}.response${isJson ? '.jsonc' : '.txt'}`;
      // Everything the server sent is redacted, its status text and Location included.
      const uri = await this.deps.responses.open(title, redactSecret(`${header}\n${responseText ?? ''}`, key), isJson ? 'jsonc' : 'plaintext');
      result.responseUri = uri.toString();
    }
    this.notify(described.severity, message, described.actions);
    return result;
  }

  private refuse(message: string, action?: SendAction | 'openPreview' | 'showProblems'): SendResult {
    this.deps.log.write(`[${new Date().toISOString()}] ${message}`, undefined);
    this.notify('error', message, action ? [action] : []);
    return { outcome: 'refused', message };
  }

  /** Shows the message with its buttons and runs the chosen one, without making the command wait. */
  private notify(severity: 'information' | 'warning' | 'error', message: string, actions: (SendAction | 'openPreview' | 'showProblems')[]): void {
    const buttons = actions.map((action) => ({ title: BUTTON_TITLES[action], action }));
    const show =
      severity === 'information'
        ? vscode.window.showInformationMessage
        : severity === 'warning'
          ? vscode.window.showWarningMessage
          : vscode.window.showErrorMessage;
    void show(message, ...buttons).then((choice) => (choice ? runAction(choice.action, this.deps.log) : undefined));
  }
}

const BUTTON_TITLES: Record<SendAction | 'openPreview' | 'showProblems', string> = {
  setApiKey: 'Set API Key',
  openEndpointSetting: 'Open Settings',
  openTimeoutSetting: 'Open Settings',
  showLog: 'Show Log',
  openPreview: 'Preview Rendered Payload',
  showProblems: 'Show Problems',
};

function runAction(action: SendAction | 'openPreview' | 'showProblems', log: SendLog): Thenable<unknown> | void {
  switch (action) {
    case 'setApiKey':
      return vscode.commands.executeCommand('regal.setApiKey');
    case 'openEndpointSetting':
      return vscode.commands.executeCommand('workbench.action.openSettings', 'regal.endpoint');
    case 'openTimeoutSetting':
      return vscode.commands.executeCommand('workbench.action.openSettings', 'regal.send.timeoutSeconds');
    case 'showLog':
      return log.show();
    case 'openPreview':
      return vscode.commands.executeCommand('regal.previewRenderedPayload');
    case 'showProblems':
      return vscode.commands.executeCommand('workbench.actions.view.problems');
  }
}

function toSourcePosition(position: vscode.Position) {
  return { line: position.line + 1, column: position.character + 1 };
}

/** The language server's errors on the file (source `regal`, severity Error). */
function errorDiagnostics(uri: vscode.Uri): ErrorDiagnostics {
  const errors = vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === DIAGNOSTIC_SOURCE && d.severity === vscode.DiagnosticSeverity.Error)
    .sort((a, b) => a.range.start.compareTo(b.range.start));
  const first = errors[0];
  return {
    count: errors.length,
    ...(first ? { first: { position: toSourcePosition(first.range.start), message: first.message } } : {}),
  };
}

function isJsonText(text: string): boolean {
  if (!text.trim()) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The confirmation names a workspace endpoint it ignores, so a user who set it there knows why. */
async function ignoredNotes(): Promise<string[]> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
  const note = ignoredEndpointNote(await workspaceEndpointValues(folder));
  return note ? ['', note] : [];
}
