/**
 * The limits one render must stay within, so no template can hang or exhaust the process that renders it
 * (a preview re-renders on every edit). Helpers check the budget cooperatively on every call; the worker
 * that runs renders for the editor and the CLI (renderWorker.ts) enforces the same time limit from outside
 * by terminating itself, for the work Handlebars does between helper calls.
 */

export interface RenderLimits {
  /** Wall-clock time one render may take, in milliseconds. */
  timeMs: number;
  /** Characters the rendered body (or any one helper's output) may have. */
  maxOutputChars: number;
}

export const DEFAULT_RENDER_LIMITS: Readonly<RenderLimits> = Object.freeze({ timeMs: 2000, maxOutputChars: 1_000_000 });

/** A render went over its budget; the message says which limit and how to get under it. */
export class RenderStopped extends Error {
  override readonly name = 'RenderStopped';
}

export class RenderBudget {
  private readonly deadline: number;

  constructor(
    readonly limits: Readonly<RenderLimits> = DEFAULT_RENDER_LIMITS,
    private readonly clock: () => number = Date.now,
  ) {
    this.deadline = clock() + limits.timeMs;
  }

  /** Throws RenderStopped once the time budget is spent. */
  checkTime(): void {
    if (this.clock() > this.deadline)
      throw new RenderStopped(`rendering stopped: it took longer than ${this.limits.timeMs / 1000} s. Simplify the template (fewer nested helpers or loops).`);
  }

  /** Throws RenderStopped when a piece of output is longer than the whole body may be. */
  checkOutput(length: number): void {
    if (length > this.limits.maxOutputChars)
      throw new RenderStopped(
        `rendering stopped: the output grew past ${formatChars(this.limits.maxOutputChars)} characters. Regal's events take small JSON bodies; check nested helpers such as replace or each.`,
      );
  }
}

const formatChars = (n: number) => n.toLocaleString('en-US');
