/**
 * Every Iterable helper's implementation, keyed by the helper model's names: the `satisfies` below
 * makes a helper that the model (service/iterable/iterableHelpers.ts) lists without an implementation
 * here a compile error. `if`, `unless`, `each` and `with` are Handlebars' own, called through.
 */
import type { HelperName } from '../../service/iterable/iterableHelpers';
import { conditionals } from './conditionals';
import { dates } from './dates';
import { encoding } from './encoding';
import { lists } from './lists';
import { numbers } from './numbers';
import type { Handlebars, HelperImplementation } from './runtime';
import { sending } from './sending';
import { strings } from './strings';

type Builtin = (this: unknown, ...args: unknown[]) => unknown;
const builtinsOf = new WeakMap<object, Record<string, Builtin>>();

/** Keeps Handlebars' own helpers of an instance before the registry replaces them with wrappers. */
export function rememberBuiltins(hb: Handlebars): void {
  builtinsOf.set(hb, { ...(hb.helpers as Record<string, Builtin>) });
}

const builtin = (name: 'if' | 'unless' | 'each' | 'with'): HelperImplementation =>
  function (args, options, hb) {
    const original = builtinsOf.get(hb)?.[name];
    if (!original) throw new Error(`Handlebars' own ${name} helper is missing`);
    return original.call(this, ...args, options);
  };

export const implementations = {
  if: builtin('if'),
  unless: builtin('unless'),
  each: builtin('each'),
  with: builtin('with'),
  ...conditionals,
  ...lists,
  ...strings,
  ...encoding,
  ...numbers,
  ...dates,
  ...sending,
} satisfies Record<HelperName, HelperImplementation>;
