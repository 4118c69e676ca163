/**
 * The Getting Started walkthrough in a real VS Code, read from the extension as VS Code loaded it (the
 * source tree, or the installed .vsix under `npm run test:vsix`): every step's button names a command
 * that exists, its media is there, the walkthrough opens, and a button runs its command.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'regal-webhook-tools.regal-webhook';

interface Step {
  id: string;
  description: string;
  media: { markdown?: string };
}

/** The command links on a line of their own, which VS Code draws as the step's buttons. */
function buttons(step: Step): Array<{ label: string; command: string }> {
  return step.description.split('\n').flatMap((line) => {
    const match = /^\[([^\]]+)\]\(command:(?:toSide:)?([\w.-]+)\)$/.exec(line.trim());
    return match ? [{ label: match[1] as string, command: match[2] as string }] : [];
  });
}

describe('Getting Started walkthrough', () => {
  let extension: vscode.Extension<unknown>;
  let walkthrough: { id: string; steps: Step[] };
  const created: vscode.Uri[] = [];

  before(async () => {
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found, `${EXTENSION_ID} is loaded`);
    extension = found;
    // Its commands are registered once it is active (a button click activates it through onCommand).
    await extension.activate();
    const walkthroughs = extension.packageJSON.contributes?.walkthroughs as Array<{ id: string; steps: Step[] }> | undefined;
    assert.equal(walkthroughs?.length, 1);
    walkthrough = walkthroughs[0] as { id: string; steps: Step[] };
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    for (const uri of created) await vscode.workspace.fs.delete(uri, { useTrash: false }).then(undefined, () => undefined);
  });

  it('gives every step a button whose command exists, and media the extension holds', async () => {
    const commands = new Set(await vscode.commands.getCommands(true));
    const steps = walkthrough.steps.map(
      (step) =>
        `${step.id}: ${buttons(step)
          .map((b) => b.command)
          .join(', ')}`,
    );
    assert.deepEqual(steps, [
      'newPayload: regal.newPayload',
      'fixProblems: workbench.actions.view.problems',
      'preview: regal.previewRenderedPayload',
      'setApiKey: regal.setApiKey',
      'sendTestEvent: regal.sendTestEvent',
    ]);
    for (const step of walkthrough.steps) {
      for (const { command } of buttons(step)) assert.ok(commands.has(command), `${step.id}: ${command} is a command`);
      const media = step.media.markdown;
      assert.ok(media && existsSync(path.join(extension.extensionPath, media)), `${step.id}: ${media} is in the extension`);
    }
  });

  it('opens with workbench.action.openWalkthrough', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#${walkthrough.id}`, false);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab, 'a tab is open');
    assert.equal(tab.label, 'Welcome');
  });

  it('"Create a Payload" runs regal.newPayload (with the arguments a script passes; the picker needs a person)', async () => {
    const [button] = buttons(walkthrough.steps[0] as Step);
    assert.equal(button?.command, 'regal.newPayload');
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>(button.command, 'Send event', 'walkthrough/send-event');
    assert.ok(uri, 'a payload was created');
    created.push(uri);
    assert.equal(path.posix.basename(uri.path), 'send-event.regal.json');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
    assert.equal(vscode.window.activeTextEditor?.document.languageId, 'regal-webhook');
  });

  it('"Preview" from the walkthrough previews the payload open beside it (the walkthrough is the active editor)', async () => {
    const payload = created[0];
    assert.ok(payload, 'the payload of the previous step');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.window.showTextDocument(payload, { viewColumn: vscode.ViewColumn.One });
    await vscode.commands.executeCommand('workbench.action.focusSecondEditorGroup');
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#${walkthrough.id}`, false);
    assert.equal(vscode.window.tabGroups.activeTabGroup.activeTab?.label, 'Welcome', 'the walkthrough is the active editor');
    const [button] = buttons(walkthrough.steps[2] as Step);
    await vscode.commands.executeCommand(button?.command as string);
    const preview = vscode.window.visibleTextEditors.map((e) => e.document).find((d) => d.uri.scheme === 'regal-preview');
    assert.equal(preview?.uri.scheme, 'regal-preview');
    assert.equal(preview?.uri.query, payload.toString());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('"Open the Problems View" opens it', async () => {
    const [button] = buttons(walkthrough.steps[1] as Step);
    assert.equal(button?.command, 'workbench.actions.view.problems');
    await vscode.commands.executeCommand(button.command);
  });
});
