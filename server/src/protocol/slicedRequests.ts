/**
 * Runs a long feature's steps (service/util/steps.ts) a slice at a time for the server, going back
 * to the event loop about every SLICE_MS. Only then can the connection read what the client sent
 * meanwhile: a `$/cancelRequest` for this request (its token flips), an edit to the document, other
 * requests. A synchronous run would keep all of them waiting until it ended.
 */
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import type { Steps } from '../service/util/steps';

/** Work between two returns to the event loop, at most about this long (one slice may run over). */
export const SLICE_MS = 20;

/**
 * The steps' answer; RequestCancelled when the token is cancelled between slices; ContentModified
 * when `unchanged()` says the document changed under the request (its answer would be for a text
 * the client no longer has).
 */
export async function runSliced<T>(
  steps: Steps<T>,
  token: CancellationToken | undefined,
  unchanged: () => boolean,
  what: string,
): Promise<T | ResponseError<void>> {
  let sliceStart = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - sliceStart < SLICE_MS) continue;
    await new Promise<void>((resolve) => setImmediate(resolve));
    sliceStart = performance.now();
    const stop = token?.isCancellationRequested
      ? new ResponseError(LSPErrorCodes.RequestCancelled, `${what} request cancelled.`)
      : unchanged()
        ? undefined
        : new ResponseError(LSPErrorCodes.ContentModified, `${what} request dropped: the document changed while it ran.`);
    if (stop) {
      steps.return(undefined as never);
      return stop;
    }
  }
}
