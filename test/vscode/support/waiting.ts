/**
 * Waiting in the real-VS-Code suites: on VS Code events, bounded by a timeout, never on sleeps.
 */
import * as vscode from 'vscode';

export const TIMEOUT_MS = 30_000;

/** Resolves with `current()` once it gives a value: at once, or after one of `event`'s firings. */
export function waitFor<T>(event: vscode.Event<unknown>, current: () => T | undefined, what: string | (() => string), timeoutMs = TIMEOUT_MS): Promise<T> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const value = current();
      if (value === undefined) return;
      subscription.dispose();
      clearTimeout(timer);
      resolve(value);
    };
    const subscription = event(check);
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`Timed out waiting for ${typeof what === 'string' ? what : what()}`));
    }, timeoutMs);
    check();
  });
}

/** The diagnostic's code as the server sent it (VS Code may wrap it as `{ value, target }`). */
export const codeOf = (d: vscode.Diagnostic): string => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

/** The language server's diagnostics of `uri` (source `regal`). */
export function regalDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'regal');
}

/** Resolves with the regal diagnostics of `uri` once `accept` takes them (now or after a change). */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = TIMEOUT_MS,
): Promise<vscode.Diagnostic[]> {
  return waitFor(
    vscode.languages.onDidChangeDiagnostics,
    () => {
      const current = regalDiagnostics(uri);
      return accept(current) ? current : undefined;
    },
    () => `${what} in ${uri.path}; diagnostics now: ${JSON.stringify(regalDiagnostics(uri).map((d) => [codeOf(d), d.message]))}`,
    timeoutMs,
  );
}
