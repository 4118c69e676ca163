/**
 * `Regal: Show Send History`: the stored sends, newest first; pick one, then open its payload or
 * Regal's response (read-only documents) or resend it (through the same checks and confirmation as
 * a new send, see TestEventSender.resend).
 */
import * as vscode from 'vscode';
import { describeEntry, type SendHistoryEntry } from './historyEntries';
import type { ResponseDocuments } from './responseDocuments';
import type { SendHistoryStore } from './sendHistoryStore';
import type { TestEventSender } from './sendTestEvent';

type EntryAction = 'payload' | 'response' | 'resend';

export async function showSendHistory(history: SendHistoryStore, responses: ResponseDocuments, sender: TestEventSender): Promise<void> {
  const entries = history.entries();
  if (entries.length === 0) {
    void vscode.window.showInformationMessage('No test events sent yet. Send one with "Regal: Send Test Event" from a *.regal.json file.');
    return;
  }
  const picked = await vscode.window.showQuickPick(
    entries.map((entry) => ({ ...describeEntry(entry), entry })),
    { title: 'Regal test events (newest first)', matchOnDetail: true, placeHolder: 'Choose a test event to reopen or resend' },
  );
  if (!picked) return;
  const entry = picked.entry;
  const actions: { label: string; action: EntryAction }[] = [
    { label: '$(json) Open payload', action: 'payload' },
    ...(entry.response !== undefined ? [{ label: '$(output) Open response', action: 'response' as const }] : []),
    // A payload cut to fit the history is not the body that was sent: it cannot be resent.
    ...(entry.payloadTruncated ? [] : [{ label: '$(send) Resend', action: 'resend' as const }]),
  ];
  const chosen = await vscode.window.showQuickPick(actions, { title: describeEntry(entry).label });
  if (!chosen) return;
  await runEntryAction(chosen.action, entry, responses, sender);
}

async function runEntryAction(action: EntryAction, entry: SendHistoryEntry, responses: ResponseDocuments, sender: TestEventSender): Promise<void> {
  const base = entry.source.replace(/\.json$/, '');
  if (action === 'payload') {
    await responses.open(`${base}.sent ${entry.time.replace(/[:.]/g, '-')}.json`, entry.payload, 'json');
  } else if (action === 'response') {
    const header = `// POST ${entry.endpoint} → ${entry.status ?? entry.error ?? ''} in ${entry.latencyMs ?? '?'} ms\n// Sent ${entry.time} from ${entry.source}\n`;
    await responses.open(`Regal ${entry.status ?? ''} - ${base}.response.jsonc`, header + (entry.response ?? ''), 'jsonc');
  } else {
    await sender.resend(entry.payload, entry.source);
  }
}
