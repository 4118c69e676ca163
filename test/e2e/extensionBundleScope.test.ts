/**
 * dist/extension.js as VS Code for the Web's Web Workers load it: the language server and the render
 * worker run the bundle with importScripts (client/src/main.ts), as a classic script, whose top-level
 * declarations are the worker's globals. The bundle keeps its declarations to itself (esbuild.mjs,
 * extensionBundle): its hoisted `var crypto` (@noble/hashes) once gave the worker an own `crypto` of
 * undefined, hiding the Web Crypto that Chromium keeps on the worker's prototype, so the server could
 * not register its file watchers (vscode-jsonrpc names a registration with crypto.randomUUID) and
 * missed every change to the field catalog. Node's vm keeps `crypto` on the global itself, so the test
 * asserts the cause: no declaration of the bundle becomes a global. Run `node esbuild.mjs` first.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as vm from 'node:vm';
import { repoRoot } from '../support/service';

describe('the extension bundle as a Web Worker script', () => {
  it('adds no globals and leaves the Web Crypto alone', () => {
    const source = readFileSync(path.join(repoRoot, 'dist', 'extension.js'), 'utf8');
    // A browser worker (it has importScripts) without a Regal role's name: the bundle only evaluates its entry.
    const context = vm.createContext({ importScripts: () => undefined, name: 'another worker', crypto: globalThis.crypto });
    const globals = () => Object.getOwnPropertyNames(vm.runInContext('globalThis', context) as object);
    const before = new Set(globals());
    vm.runInContext(source, context, { filename: 'dist/extension.js' });
    assert.deepEqual(
      globals().filter((name) => !before.has(name)),
      [],
    );
    assert.equal(vm.runInContext('globalThis.crypto', context), globalThis.crypto);
  });
});
