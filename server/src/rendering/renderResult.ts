/**
 * What a render gives back, and the messages shared by the renderer and the render worker. No
 * Handlebars here: the extension client reads results without loading the engine (it renders in the
 * worker, renderInWorker.ts).
 */
import type { RenderAssumption } from './renderAssumptions';
import type { RenderLimits } from './renderBudget';

export interface RenderResult {
  /** The rendered body (undefined when rendering failed or Iterable would skip the send). */
  text?: string;
  /** Parsed JSON of `text` when it is valid JSON. */
  json?: unknown;
  /** Why `text` is not valid JSON, with 1-based line/column in `text`. */
  jsonError?: { message: string; line: number; column: number; offset: number };
  /** Handlebars could not render the template (syntax error, ...): message and template offset. */
  templateError?: { message: string; offset?: number };
  /** Iterable would skip this send (e.g. a comparison helper on a missing field). */
  skipped?: { reason: string; offset?: number };
  /**
   * Set when `{{ }}` HTML escaping changed the rendered text: what changed and where (1-based
   * line/column in `text`). Absent when the escaped and unescaped renderings are identical.
   */
  escaping?: { message: string; line: number; column: number; offset: number };
  /**
   * The render was stopped before it finished: over its time or output budget, out of memory, nested
   * too deep, or cancelled. `reason` starts with "rendering stopped: " and says what to change. No
   * `text` then: a partial body must never be shown as the payload or sent.
   */
  stopped?: { reason: string; kind: StopKind };
  /** The renderer's assumptions where Iterable's documentation is silent that shaped this output (renderAssumptions.ts). */
  assumptions?: RenderAssumption[];
}

/**
 * Why a render stopped. `budget`: over `limits` (time or output, checked from inside); `length`: a
 * string past the engine's maximum; `depth`: nested too deep for the stack; `timeout`, `memory`,
 * `crashed`: the render worker was terminated or died; `superseded`, `cancelled`: a newer request
 * replaced it, or its caller cancelled it (callers ignore these two).
 */
export type StopKind = 'budget' | 'length' | 'depth' | 'timeout' | 'memory' | 'crashed' | 'superseded' | 'cancelled';

export const STOPPED_PREFIX = 'rendering stopped: ';

/** The message of a render that ran past its time (the same the budget and the worker's watchdog give). */
export function timeStoppedReason(limits: Readonly<RenderLimits>): string {
  return `${STOPPED_PREFIX}it took longer than ${limits.timeMs / 1000} s. Simplify the template (fewer nested helpers or loops).`;
}

export const SUPERSEDED_REASON = `${STOPPED_PREFIX}superseded by a newer edit`;
export const CANCELLED_REASON = `${STOPPED_PREFIX}cancelled`;

/** One sentence for previews: how `{{ }}` and `{{{ }}}` render. */
export const ESCAPING_NOTE = '{{ }} HTML-escapes values as Iterable does (& < > " \' ` = become entities); {{{ }}} and toJson do not.';
