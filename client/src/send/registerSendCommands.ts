/**
 * Registers the send feature: `regal.sendTestEvent`, `regal.showSendHistory`, `regal.setApiKey`,
 * `regal.clearApiKey`, the `regal-response:` documents and the "Regal Webhooks" output channel.
 *
 * `regal.internal.sendRecords` (not contributed, so not in the palette) returns the output channel's
 * transcript and the stored history exactly as kept in globalState: the real-VS-Code tests use it to
 * prove the API key reached neither. Both hold only what the user can already see in the output
 * panel and the history quick pick.
 */
import * as vscode from 'vscode';
import type { RenderPool } from '../../../server/src/rendering/renderPool';
import type { SendDependencies } from './sendTestEvent';
import { ApiKeyStore } from './apiKeyStore';
import { ResponseDocuments } from './responseDocuments';
import { SendHistoryStore } from './sendHistoryStore';
import { SendLog } from './sendLog';
import { TestEventSender } from './sendTestEvent';
import { showSendHistory } from './showSendHistory';

export function registerSendCommands(
  context: vscode.ExtensionContext,
  renderer: RenderPool,
  post: SendDependencies['post'],
  check: SendDependencies['check'],
): void {
  const log = new SendLog();
  const responses = new ResponseDocuments();
  const keys = new ApiKeyStore(context.secrets, log);
  const history = new SendHistoryStore(context.globalState);
  const sender = new TestEventSender({ keys, log, history, responses, renderer, post, check });
  context.subscriptions.push(
    log,
    responses,
    vscode.commands.registerCommand('regal.sendTestEvent', (argument?: unknown) => sender.sendCommand(argument)),
    vscode.commands.registerCommand('regal.showSendHistory', () => showSendHistory(history, responses, sender)),
    vscode.commands.registerCommand('regal.setApiKey', (argument?: unknown) => keys.setCommand(argument)),
    vscode.commands.registerCommand('regal.clearApiKey', () => keys.clearCommand()),
    vscode.commands.registerCommand('regal.internal.sendRecords', () => ({ log: log.transcript(), history: history.raw() })),
  );
}
