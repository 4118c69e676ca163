/**
 * The README's screenshots, each a state reached through VS Code's API and captured by the runner
 * after a CSS selector proves the workbench rendered it (no sleeps).
 */
import * as vscode from 'vscode';

async function shot(name: string, waitFor?: string): Promise<void> {
  const base = process.env.VSCODE_HOST_SCREENSHOT_URL;
  if (!base) throw new Error('VSCODE_HOST_SCREENSHOT_URL is not set: run `npm run screenshots`.');
  const url = new URL('/shot', base);
  url.searchParams.set('name', name);
  if (waitFor) url.searchParams.set('waitFor', waitFor);
  const response = await fetch(url, { method: 'POST' });
  if (!response.ok) throw new Error(`Screenshot ${name} failed: ${await response.text()}`);
}

export async function takeReadmeScreenshots(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) throw new Error('The screenshot run needs the fixture workspace.');
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'contact.regal.json'));
  await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  await shot('diagnostics', '.markers-panel .monaco-list-row');
}
