/**
 * Long features (formatting, outline, folding, selection ranges) are written as generators that
 * yield between slices of their work. The service stays synchronous and pure: runSteps() runs
 * them to the end, asking a cancellation check between slices. The language server runs the same
 * generators a slice at a time and returns to its event loop in between, which is what lets it
 * read a `$/cancelRequest` (or a new edit) while a long request is under way: in one synchronous
 * call, the request's token could never change.
 */

/** A feature's work: yields between slices, returns the answer. */
export type Steps<T> = Generator<void, T, void>;

/** Asked between slices: true stops the work (a cancelled request, a document that changed). */
export type CancellationCheck = () => boolean;

/** Thrown by runSteps() when the check says stop; the server answers RequestCancelled. */
export class RequestCancelled extends Error {
  constructor() {
    super('The request was cancelled.');
    this.name = 'RequestCancelled';
  }
}

/** Items handled between two yields in a loop over tokens, members or edits. */
export const SLICE_ITEMS = 4096;

/** Runs steps to their answer, asking `isCancelled` after each slice. */
export function runSteps<T>(steps: Steps<T>, isCancelled?: CancellationCheck): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (isCancelled?.()) {
      steps.return(undefined as never);
      throw new RequestCancelled();
    }
  }
}

/** The answer of steps that do not yield at all (a feature with nothing long to do). */
// eslint-disable-next-line require-yield
export function* done<T>(value: T): Steps<T> {
  return value;
}
