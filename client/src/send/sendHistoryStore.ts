/**
 * The bounded send history in `context.globalState` (this machine only; not synced, since payloads
 * may hold sample personal data). Entries carry no key and no headers (see historyEntries.ts).
 */
import * as vscode from 'vscode';
import { appendBounded, readEntries, type SendHistoryEntry } from './historyEntries';
import { userOrDefault } from './endpoint';
import { SETTINGS_SECTION } from '../../../server/src/protocol/contract';

export const HISTORY_STATE_KEY = 'regal.sendHistory';

export class SendHistoryStore {
  constructor(private readonly state: vscode.Memento) {}

  entries(): SendHistoryEntry[] {
    return readEntries(this.state.get(HISTORY_STATE_KEY));
  }

  /** The raw stored value, for the tests' check that no key reached globalState. */
  raw(): unknown {
    return this.state.get(HISTORY_STATE_KEY);
  }

  async add(entry: SendHistoryEntry): Promise<void> {
    const size = userOrDefault(vscode.workspace.getConfiguration(SETTINGS_SECTION).inspect<number>('send.historySize'), 20);
    await this.state.update(HISTORY_STATE_KEY, appendBounded(this.entries(), entry, typeof size === 'number' ? size : 20));
  }
}
