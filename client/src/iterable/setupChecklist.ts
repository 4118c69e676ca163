/**
 * The setup checklist `Regal: Copy Body for Iterable` opens: what Iterable's journey webhook needs
 * besides the body, from Regal's Iterable guide (docs/regal.md §1.1 and the guide's setup after §1.3):
 * method POST, the endpoint, an `Authorization` header holding the Regal API key (named, never copied),
 * "send email and workflowId" unchecked, and the trigger the guide gives for the payload's workflow.
 * Pure (no vscode import), unit-tested.
 *
 * The workflow is read from the payload text, which is a template, not JSON, so only what is certain is
 * read: a top-level `"name"` makes it an event; an opt-in whose `subscribed` is a merge field makes it an
 * opt-in update; anything else creates (or updates) a contact.
 */
import { parse } from 'jsonc-parser';

export type Workflow = { kind: 'event'; eventName?: string } | { kind: 'optInUpdate'; field?: string } | { kind: 'createContact' };

export function detectWorkflow(text: string): Workflow {
  const tolerant = parse(text, [], { allowTrailingComma: true, disallowComments: false }) as unknown;
  const top = typeof tolerant === 'object' && tolerant !== null && !Array.isArray(tolerant) ? (tolerant as Record<string, unknown>) : {};
  if (typeof top.name === 'string') {
    const name = top.name.trim();
    return name && !name.includes('{{') ? { kind: 'event', eventName: name } : { kind: 'event' };
  }
  const optIn = /"subscribed"\s*:\s*"?\s*\{\{\s*(?:[#/]?\s*)?(?:if\s+)?([A-Za-z_][\w.]*)?/.exec(text);
  if (optIn) return optIn[1] ? { kind: 'optInUpdate', field: optIn[1] } : { kind: 'optInUpdate' };
  return { kind: 'createContact' };
}

export function triggerAdvice(workflow: Workflow): string {
  switch (workflow.kind) {
    case 'event':
      return `Trigger (this payload sends an event): start the journey on **Custom Event**${workflow.eventName ? ` "${workflow.eventName}"` : ''}. Regal's event names are case-sensitive, so keep the name exactly as in the body.`;
    case 'optInUpdate':
      return `Trigger (this payload updates opt-ins): start the journey on **User Profile Field Updated** for the opt-in field${workflow.field ? ` (\`${workflow.field}\`)` : ''}, or on the event that records the opt-in.`;
    case 'createContact':
      return 'Trigger (this payload creates a contact): start the journey on **User Profile Field Updated** for the phone number field, with a filter that the phone number is set.';
  }
}

export interface ChecklistInput {
  fileName: string;
  text: string;
  /** Where Regal receives events (the user's `regal.endpoint` when it is a public https URL, else Regal's). */
  endpoint: string;
}

export function setupChecklist(input: ChecklistInput): string {
  const workflow = detectWorkflow(input.text);
  return [
    `# Iterable webhook setup for ${input.fileName}`,
    '',
    'The body is on the clipboard, exactly as written in the file. In Iterable, open **Integrations > Journey webhooks**, create or edit the webhook, then check each line:',
    '',
    '- [ ] Method: **POST**',
    `- [ ] Endpoint: \`${input.endpoint}\``,
    '- [ ] Header: `Authorization` = your Regal API key (the key Regal support gave you; it is not copied anywhere by this command). No other header is needed.',
    '- [ ] Body: paste the clipboard as the JSON body.',
    '- [ ] **Uncheck "send email and workflowId"**, as Regal\'s guide asks.',
    `- [ ] ${triggerAdvice(workflow)}`,
    '- [ ] In the journey, add a Call Webhook tile that uses this webhook.',
    '',
    "From Regal's Iterable guide (developer.regal.ai/docs/iterable).",
    '',
  ].join('\n');
}
