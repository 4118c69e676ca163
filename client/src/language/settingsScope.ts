/**
 * Tells the language server where `regal.fieldsFile` was set. The server reads settings with
 * `workspace/configuration`, which answers merged values: it cannot tell the user's own settings from
 * a workspace's (`.vscode/settings.json`, which a cloned repository brings along). A catalog outside
 * the workspace folder is read only when the path is the user's, so this middleware adds
 * `fieldsFileScope` ("user" or "workspace") to each `regal` section it passes on. It always
 * overwrites the value: a workspace that writes `regal.fieldsFileScope` itself changes nothing.
 */
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { SETTINGS_SECTION } from '../../../server/src/protocol/contract';

type ConfigurationMiddleware = NonNullable<NonNullable<Middleware['workspace']>['configuration']>;

export const markFieldsFileScope: ConfigurationMiddleware = async (params, token, next) => {
  const answers = await next(params, token);
  if (!Array.isArray(answers)) return answers;
  return answers.map((answer: unknown, i) => {
    const item = params.items[i];
    if (item?.section !== 'regal' || typeof answer !== 'object' || answer === null || Array.isArray(answer)) return answer;
    return { ...(answer as Record<string, unknown>), fieldsFileScope: fieldsFileScope(item.scopeUri) };
  });
};

/** "workspace" when a workspace or folder setting (language-specific ones included) gives the value. */
export function fieldsFileScope(scopeUri: string | undefined): 'user' | 'workspace' {
  const scope = scopeUri ? vscode.Uri.parse(scopeUri) : undefined;
  const inspected = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope).inspect<string>('fieldsFile');
  const fromWorkspace = [
    inspected?.workspaceFolderLanguageValue,
    inspected?.workspaceFolderValue,
    inspected?.workspaceLanguageValue,
    inspected?.workspaceValue,
  ];
  return fromWorkspace.some((value) => value !== undefined) ? 'workspace' : 'user';
}
