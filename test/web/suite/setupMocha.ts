/**
 * Loads mocha's browser build and sets it up before any suite module runs (imports run in order):
 * `describe` and `it` are globals only after `mocha.setup`.
 */
import 'mocha/mocha.js';

export interface BrowserMocha {
  setup(options: { ui: 'bdd'; reporter: string; timeout: number; color: boolean }): void;
  run(done: (failures: number) => void): { stats?: { passes: number; failures: number } };
}

declare const mocha: BrowserMocha;

mocha.setup({ ui: 'bdd', reporter: 'spec', timeout: 60_000, color: false });

export const browserMocha = mocha;
