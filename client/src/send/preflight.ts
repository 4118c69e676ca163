/**
 * Whether a rendered payload may be sent, and if not, exactly why. Pure (no `vscode` import),
 * unit-tested in plain Node; sendTestEvent.ts gathers the inputs (the renderer's result and the
 * language server's diagnostics).
 */

export const UNTRUSTED_MESSAGE =
  'Sending test events is disabled in this untrusted workspace: its payloads and sample data would be posted with your API key. Trust the workspace (Workspaces: Manage Workspace Trust) to send.';

/** The fields of the renderer's RenderedDocument this check reads. */
export interface RenderFindings {
  text?: string;
  jsonError?: { message: string; line: number; column: number; offset: number };
  templateError?: { message: string; offset?: number };
  skipped?: { reason: string; offset?: number };
  /** The render was stopped (time, output or memory budget): there is no complete payload. */
  stopped?: { reason: string };
}

/** 1-based line and column in the payload file. */
export interface SourcePosition {
  line: number;
  column: number;
}

export interface ErrorDiagnostics {
  count: number;
  first?: { position: SourcePosition; message: string; code?: string };
}

export type PreflightResult = { ok: true; payload: string } | { ok: false; message: string; action?: 'openPreview' | 'showProblems' };

const at = (position: SourcePosition | undefined) => (position ? ` at line ${position.line}:${position.column}` : '');

/**
 * `sourcePosition` locates the offset of `templateError` or `skipped` in the payload file (the
 * renderer gives offsets); jsonError's line and column are in the rendered text, which the preview shows.
 */
export function checkRendered(fileName: string, rendered: RenderFindings, errors: ErrorDiagnostics, sourcePosition?: SourcePosition): PreflightResult {
  if (rendered.stopped) {
    return {
      ok: false,
      message: `Not sent: ${fileName} could not be rendered completely, so there is no payload to send (${rendered.stopped.reason.replace(/\.?$/, '')}).`,
      action: 'openPreview',
    };
  }
  if (rendered.skipped) {
    return { ok: false, message: `Not sent: ${fileName} was not rendered${at(sourcePosition)}: ${rendered.skipped.reason}` };
  }
  if (rendered.templateError) {
    return {
      ok: false,
      message: `Not sent: the Handlebars in ${fileName} cannot be rendered${at(sourcePosition)}: ${rendered.templateError.message}`,
      action: 'showProblems',
    };
  }
  if (rendered.jsonError) {
    const { line, column, message } = rendered.jsonError;
    return {
      ok: false,
      message: `Not sent: ${fileName} renders to invalid JSON (${message} at line ${line}:${column} of the rendered payload). Open "Regal: Preview Rendered Payload" to see it.`,
      action: 'openPreview',
    };
  }
  if (errors.count > 0) {
    const first = errors.first;
    const firstText = first ? ` The first, at line ${first.position.line}:${first.position.column}: ${first.message.trim().replace(/\.?$/, '.')}` : '';
    return {
      ok: false,
      message: `Not sent: ${fileName} has ${errors.count} error${errors.count === 1 ? '' : 's'}.${firstText} Fix ${errors.count === 1 ? 'it' : 'them'} first (see the Problems view).`,
      action: 'showProblems',
    };
  }
  if (rendered.text === undefined) return { ok: false, message: `Not sent: ${fileName} produced no payload text.` };
  return { ok: true, payload: rendered.text };
}

/** A stored payload (history resend) must still be JSON. */
export function checkStoredPayload(payload: string): PreflightResult {
  try {
    JSON.parse(payload);
    return { ok: true, payload };
  } catch (error) {
    return { ok: false, message: `Not sent: the stored payload is not valid JSON (${(error as Error).message}).` };
  }
}
