/**
 * The Regal API key lives in VS Code's SecretStorage (the OS keychain on desktop) and nowhere else:
 * not in settings, logs, history or messages. `Regal: Set API Key` asks for it in a password box.
 *
 * For automation and tests the command also accepts the key as its one string argument
 * (`executeCommand('regal.setApiKey', key)`). The argument is validated like typed input and is
 * never logged, echoed or returned; the command returns only whether a key was stored.
 */
import * as vscode from 'vscode';
import { checkApiKey } from './apiKeyRules';
import type { SendLog } from './sendLog';

const SECRET_ID = 'regal.apiKey';

export interface ApiKeyCommandResult {
  stored: boolean;
  message: string;
}

export class ApiKeyStore {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: SendLog,
  ) {}

  get(): Thenable<string | undefined> {
    return this.secrets.get(SECRET_ID);
  }

  /** `Regal: Set API Key`: from the argument when one is given, else from a password input box. */
  async setCommand(argument?: unknown): Promise<ApiKeyCommandResult> {
    let input: string | undefined;
    if (typeof argument === 'string') {
      input = argument;
    } else {
      input = await vscode.window.showInputBox({
        title: 'Regal API Key',
        prompt: "The key Regal support gave you. It is kept in VS Code's secret storage, never in settings.",
        placeHolder: 'The key itself, without "Bearer "',
        password: true,
        ignoreFocusOut: true,
        validateInput: (value) => {
          const check = checkApiKey(value);
          return check.ok ? undefined : check.message;
        },
      });
      if (input === undefined) return { stored: false, message: 'No API key entered.' };
    }
    const check = checkApiKey(input);
    if (!check.ok) {
      void vscode.window.showErrorMessage(check.message);
      return { stored: false, message: check.message };
    }
    await this.secrets.store(SECRET_ID, check.key);
    const message = "Regal API key saved in VS Code's secret storage.";
    this.log.write(`[${new Date().toISOString()}] ${message}`, check.key);
    void vscode.window.showInformationMessage(message);
    return { stored: true, message };
  }

  /** `Regal: Clear API Key`. */
  async clearCommand(): Promise<ApiKeyCommandResult> {
    await this.secrets.delete(SECRET_ID);
    const message = "Regal API key removed from VS Code's secret storage.";
    this.log.write(`[${new Date().toISOString()}] ${message}`, undefined);
    void vscode.window.showInformationMessage(message);
    return { stored: false, message };
  }
}
