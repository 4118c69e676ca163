// ESLint flat config: typescript-eslint's recommended rules, and the layer rules of
// docs/architecture.md as `no-restricted-imports`, so a forbidden import fails `npm test`.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert',
  'buffer',
  'child_process',
  'crypto',
  'events',
  'fs',
  'fs/promises',
  'http',
  'https',
  'net',
  'os',
  'path',
  'process',
  'stream',
  'tls',
  'url',
  'util',
  'worker_threads',
  'zlib',
];
const node = (message) => [...NODE_BUILTINS.map((name) => ({ name, message })), ...NODE_BUILTINS.map((name) => ({ name: `node:${name}`, message }))];

export default tseslint.config(
  {
    ignores: ['dist/**', 'out/**', 'node_modules/**', 'test/vscode-host/**', 'packages/*/dist/**', 'packages/*/node_modules/**', 'bench/.tmp*', '**/*.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      // Unused names are compile errors already (tsconfig noUnusedLocals/Parameters); `_` marks a deliberate one.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // The registry checks its shape with a bare `satisfies` expression (rules/registry.ts).
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      // A `let` assigned once inside a callback it is read before (a subscription disposed by its own timer) stays `let`.
      'prefer-const': ['error', { destructuring: 'all', ignoreReadBeforeAssign: true }],
    },
  },
  {
    // Build and packaging scripts run in Node.
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: { globals: globals.node },
  },
  {
    // The pure language service: no editor, no host I/O, no other layer (its tsconfig has types: []).
    files: ['server/src/service/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'The language service is pure: no vscode (docs/architecture.md).' },
            {
              name: 'vscode-languageserver',
              message: 'The language service returns LSP types (vscode-languageserver-types); only the server wiring talks LSP.',
            },
            ...node('The language service is pure: its I/O is injected (docs/architecture.md).'),
          ],
          patterns: [
            { group: ['**/client/**'], message: 'The language service does not know the client.' },
            {
              group: ['**/host/**', '**/rendering/**', '**/cli/**', '**/iterableApi/**', '**/security/**', '**/languageServer', '**/server'],
              message: 'The language service is the bottom layer: other layers use it, not the other way round.',
            },
          ],
        },
      ],
    },
  },
  {
    // The renderer runs in a worker thread, a Web Worker, the CLI and the client: no editor APIs.
    files: ['server/src/rendering/**/*.ts', 'server/src/iterableApi/**/*.ts', 'server/src/security/**/*.ts', 'server/src/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'Shared by the client, the server and the CLI: no vscode.' }],
          patterns: [{ group: ['**/client/**'], message: 'Server-side code does not import the client.' }],
        },
      ],
    },
  },
  {
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/service/**', 'server/src/rendering/**', 'server/src/iterableApi/**', 'server/src/security/**', 'server/src/protocol/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The language server runs outside VS Code (any LSP editor, the CLI): no vscode.' }],
          patterns: [{ group: ['**/client/**'], message: 'Server-side code does not import the client.' }],
        },
      ],
    },
  },
  {
    // The client reaches the language service through the server (custom requests in protocol/contract.ts), so it does not bundle it twice.
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/src/service/**'],
              message: 'Ask the language server (protocol/contract.ts requests) instead of bundling the language service into the client.',
            },
            {
              group: ['**/server/src/host/**', '**/server/src/languageServer', '**/server/src/cli/**'],
              message: 'The client does not run the server or the CLI in-process.',
            },
          ],
        },
      ],
    },
  },
  {
    // The desktop entry point loads the server, the render worker or the extension lazily, by the
    // thread and arguments it starts in: one bundle for all three (client/src/main.ts).
    files: ['client/src/main.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
