/**
 * Registers Iterable's helpers on a Handlebars instance from the one helper model
 * (service/iterable/iterableHelpers.ts): every name and alias of the model, with its implementation
 * (helpers/index.ts), and around each call what the model says about the helper:
 * - a block-only helper written inline (or the reverse) does not render, as in Iterable;
 * - `onMissing: 'skipsSend'` (`gt`, `lt`, `ifContainsStr`, …) on a missing argument fails the template
 *   and Iterable skips the send, which `SendSkipped` reports;
 * - the render budget (renderBudget.ts) is checked before each call and on each output.
 * Unknown helpers fail the render; a missing plain field renders blank.
 *
 * Registered on an isolated instance (`Handlebars.create()`), never on the shared global one.
 */
import { helperList, type IterableHelper } from '../service/iterable/iterableHelpers';
import { rememberBuiltins, implementations } from './helpers';
import { isMissing, RenderFailure, SendSkipped, type Handlebars, type HelperOptions } from './helpers/runtime';

export { isFalsy, RenderFailure, SendSkipped, type HelperLoc } from './helpers/runtime';

function outputLength(result: unknown): number {
  if (typeof result === 'string') return result.length;
  const safe = result as { string?: unknown } | null;
  return safe && typeof safe === 'object' && typeof safe.string === 'string' ? safe.string.length : 0;
}

function checkForm(helper: IterableHelper, options: HelperOptions): void {
  const asBlock = options.fn !== undefined;
  if (helper.form === 'block' && !asBlock)
    throw new RenderFailure(`${options.name} is a block helper in Iterable: write {{#${options.name} …}}…{{/${options.name}}}.`);
  if (helper.form === 'inline' && asBlock) throw new RenderFailure(`${options.name} is not a block helper in Iterable: write {{${options.name} …}}.`);
}

function skipOnMissing(helper: IterableHelper, args: unknown[], options: HelperOptions): void {
  if (helper.onMissing !== 'skipsSend') return;
  const compared = args.slice(0, helper.params.length);
  if (compared.length < helper.params.length || compared.some(isMissing)) {
    throw new SendSkipped(`${options.name} compares a missing (or null) field: Iterable fails the template and skips the send for this user.`);
  }
}

export function registerIterableHelpers(hb: Handlebars): Handlebars {
  rememberBuiltins(hb);
  for (const helper of helperList) {
    const implementation = implementations[helper.name];
    const run = function (this: unknown, ...all: unknown[]) {
      const options = all[all.length - 1] as HelperOptions;
      const args = all.slice(0, -1);
      const budget = options.data?.regalBudget;
      try {
        budget?.checkTime();
        if (helper.name !== 'if' && helper.name !== 'unless' && helper.name !== 'each' && helper.name !== 'with') checkForm(helper, options);
        skipOnMissing(helper, args, options);
        const result = implementation.call(this, args, options, hb);
        budget?.checkOutput(outputLength(result));
        return result;
      } catch (error) {
        if (error instanceof SendSkipped || error instanceof RenderFailure) {
          error.loc ??= options.loc;
          throw error;
        }
        if (error instanceof Error && error.name === 'RenderStopped') throw error;
        throw new RenderFailure(`${options.name}: ${error instanceof Error ? error.message : String(error)}`, options.loc);
      }
    };
    for (const name of [helper.name, ...helper.aliases]) hb.registerHelper(name, run);
  }

  // Unknown helpers, and syntax Iterable does not support (docs/iterable.md §2.2).
  hb.registerHelper('helperMissing', function (...all: unknown[]) {
    const options = all[all.length - 1] as HelperOptions;
    if (all.length === 1) return undefined; // `{{field}}` that is not in the sample: blank.
    throw new RenderFailure(`Iterable has no helper "${options.name}".`, options.loc);
  });
  // Handlebars.js compiles `log` as a known helper and calls it directly; Iterable has no `log`.
  hb.registerHelper('log', function (...all: unknown[]) {
    const options = all[all.length - 1] as HelperOptions;
    throw new RenderFailure(`Iterable has no helper "${options.name}".`, options.loc);
  });
  return hb;
}
