/**
 * What the renderer decides where Iterable's documentation is silent (docs/iterable.md §4 and §5.3).
 * The README's "Assumptions" section lists the same decisions; a render reports the ones that shaped
 * its output, and the preview header names them.
 */

export const renderAssumptions = {
  'html-escaping':
    "{{ }} output is HTML-escaped as in Iterable templates (handlebars.java's default: & < > \" ' ` = become entities); {{{ }}} and toJson are not. Iterable does not document whether webhook bodies are escaped.",
  'now-format':
    '{{now}}, dateFormat and dateMath without format= render the medium style (Dec 6, 2026), as Iterable documents, in UTC unless tz= says otherwise (the default zone is undocumented).',
  'hmac-secret': "hmacSHA1/hmacSHA256 are signed with an empty key here: Iterable signs with the project's HMAC secret, which the extension does not have.",
  snippet: 'Snippets render blank here: Iterable inserts the snippet from the project, which the extension cannot read.',
  catalog: '{{#catalog}} renders its block with no item fields here: the Catalog lives in the Iterable project.',
  'workflow-fields':
    'The body is rendered as written: Iterable\'s "send email and workflowId" option is assumed off, as Regal\'s guide asks (what it would add is undocumented).',
} as const;

export type RenderAssumption = keyof typeof renderAssumptions;

/** Where helpers record the assumptions a render relied on (Handlebars' `options.data`). */
export interface AssumptionLog {
  add(assumption: RenderAssumption): void;
}
