/** Helpers about the send itself (docs/iterable.md §2.5): `sendSkip` and `snippet`. */
import type { HelperName } from '../../service/iterable/iterableHelpers';
import { isMissing, SendSkipped, text, type HelperImplementation } from './runtime';

export const sending = {
  sendSkip(_args, options) {
    const cause = options.hash.cause;
    throw new SendSkipped(`sendSkip: the template skips this send${isMissing(cause) ? '' : ` (${text(cause)})`}.`);
  },
  snippet(_args, options) {
    // Snippets live in the Iterable project: the preview renders nothing in their place and says so.
    options.data?.regalAssumptions?.add('snippet');
    return '';
  },
} satisfies Partial<Record<HelperName, HelperImplementation>>;
