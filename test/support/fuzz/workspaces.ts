/**
 * The workspaces fuzz inputs are checked in: none, a merge-field catalog (which turns on
 * `unknown-merge-field` and typed quick fixes), and other payload files (which turn on the
 * cross-file checks). Built once, from the service's own summaries of real payload text.
 */
import type { LanguageService } from '../../../server/src/service/languageService';
import { emptyWorkspace, type WorkspaceContext } from '../../../server/src/service/workspace/workspaceContext';
import { documentOf } from '../service';
import { FIELDS } from './generators';
import { payloadFiles } from './corpus';

export interface NamedWorkspace {
  name: string;
  workspace: WorkspaceContext;
}

const catalogTypes: Record<string, string> = { voice_optin: 'boolean', sms_optin: 'boolean', age: 'long', signupDate: 'date', 'profile.plan': 'string' };

export function fuzzWorkspaces(service: LanguageService): NamedWorkspace[] {
  const catalog = {
    uri: 'file:///fuzz/iterable-fields.json',
    fields: new Map(
      FIELDS.filter((f) => /^[A-Za-z][\w.]*$/.test(f) && f !== 'this' && f !== 'phonenumber').map((f) => [f, catalogTypes[f] ?? 'string'] as const),
    ),
  };
  const others = [
    ...payloadFiles().slice(0, 3),
    { name: 'conflicting types', text: '{ "name": "signup completed", "traits": { "age": "{{age}}", "plan": 1 }, "properties": { "age": "x", "vip": true } }' },
  ];
  const files = others.map(({ text }, i) => service.summarize(documentOf(text, `file:///fuzz/other-${i}.regal.json`)));
  return [
    { name: 'no workspace', workspace: emptyWorkspace },
    { name: 'field catalog', workspace: { catalog, files: [] } },
    { name: 'catalog and other files', workspace: { catalog, files } },
  ];
}
