/**
 * `Regal: Set Iterable API Key` and `Regal: Clear Iterable API Key`: the key lives in VS Code's
 * SecretStorage (the OS keychain on desktop) and nowhere else, like the Regal key (send/apiKeyStore.ts).
 *
 * For automation and tests the set command also takes the key as its one string argument; it is
 * validated like typed input and never echoed. Both commands return only whether a key is stored.
 */
import * as vscode from 'vscode';
import { checkIterableKey } from '../../../server/src/iterableApi/iterableBaseUrl';
import { ITERABLE_KEY_SECRET_ID } from './iterableAccess';

export interface IterableKeyResult {
  stored: boolean;
  message: string;
}

export async function setIterableKey(secrets: vscode.SecretStorage, argument?: unknown): Promise<IterableKeyResult> {
  let input: string | undefined;
  if (typeof argument === 'string') input = argument;
  else {
    input = await vscode.window.showInputBox({
      title: 'Iterable API Key',
      prompt: "A server-side or read-only key of your Iterable project (Integrations > API Keys). Kept in VS Code's secret storage, never in settings.",
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => {
        const check = checkIterableKey(value);
        return check.ok ? undefined : check.message;
      },
    });
    if (input === undefined) return { stored: false, message: 'No Iterable API key entered.' };
  }
  const check = checkIterableKey(input);
  if (!check.ok) {
    void vscode.window.showErrorMessage(check.message);
    return { stored: false, message: check.message };
  }
  await secrets.store(ITERABLE_KEY_SECRET_ID, check.key);
  const message = 'Iterable API key saved in VS Code\'s secret storage. Its project\'s data center is set by "regal.iterable.region" (us or eu).';
  void vscode.window.showInformationMessage(message);
  return { stored: true, message };
}

export async function clearIterableKey(secrets: vscode.SecretStorage): Promise<IterableKeyResult> {
  await secrets.delete(ITERABLE_KEY_SECRET_ID);
  const message = "Iterable API key removed from VS Code's secret storage.";
  void vscode.window.showInformationMessage(message);
  return { stored: false, message };
}
