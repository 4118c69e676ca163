/**
 * Stands in for `minimatch` (28 KB minified with brace-expansion, ~11 KB of the .vsix) in the extension's
 * bundle (esbuild.mjs). vscode-languageclient uses minimatch only to match the glob filters a server
 * registers for file operations (workspace/willRenameFiles and the like), and the Regal language server
 * registers none (test/unit/noFileOperationGlobs.test.ts checks its capabilities). Should it ever
 * register one, the client's feature fails with this message rather than matching files wrongly.
 */
export class Minimatch {
  constructor(pattern: string) {
    throw new Error(
      `The Regal extension's bundle has no glob matcher for file-operation filters (${pattern}); a server that registers file operations needs minimatch back in the bundle (esbuild.mjs).`,
    );
  }
}
