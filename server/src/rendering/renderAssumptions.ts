/**
 * What the renderer decides where Iterable's documentation is silent (docs/iterable.md §4 and §5.3).
 * The README's "Assumptions" section lists the same decisions; a render reports the ones that shaped
 * its output, and the preview header names them.
 */

export const renderAssumptions = {
  'html-escaping':
    '{{ }} output is HTML-escaped as in Iterable templates (handlebars.java\'s default: & < > " \' ` = become entities); {{{ }}} and toJson are not. Iterable does not document whether webhook bodies are escaped.',
  'now-format':
    "{{now}} without a format renders the way Iterable stores dates (yyyy-MM-dd HH:mm:ss +00:00, UTC); Iterable does not document its default format.",
  'workflow-fields':
    'The body is rendered as written: Iterable\'s "send email and workflowId" option is assumed off, as Regal\'s guide asks (what it would add is undocumented).',
} as const;

export type RenderAssumption = keyof typeof renderAssumptions;

/** Where helpers record the assumptions a render relied on (Handlebars' `options.data`). */
export interface AssumptionLog {
  add(assumption: RenderAssumption): void;
}
