/**
 * The payloads the mutation fuzzer starts from: every `*.regal.json` of `examples/` and of the VS Code
 * test fixtures, and the payload literals of the unit tests (they hold one of every mistake the
 * service reports, so mutating them reaches every diagnostic and quick fix). The literals are read
 * with the TypeScript parser, so the corpus follows the tests without a copy of them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { repoRoot } from '../service';

export interface CorpusEntry {
  /** Where the payload comes from: a repository path, or `path:line` for a test literal. */
  name: string;
  text: string;
}

/** The unit tests whose string literals include payloads (⟦ ⟧ range markers and `|` cursors removed). */
const TEST_FILES = [
  'codeActions',
  'completion',
  'diagnostics',
  'fastPath',
  'hover',
  'schemaFindings',
  'strictJsonTree',
  'structure',
  'templateModel',
  'workspace',
].map((name) => `test/unit/${name}.test.ts`);

export function payloadFiles(): CorpusEntry[] {
  const files: CorpusEntry[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(repoRoot, dir), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const relative = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(relative);
      else if (entry.name.endsWith('.regal.json')) files.push({ name: relative, text: readFileSync(path.join(repoRoot, relative), 'utf8') });
    }
  };
  walk('examples');
  walk('test/vscode/fixtures');
  return files;
}

export function testPayloadLiterals(): CorpusEntry[] {
  const found: CorpusEntry[] = [];
  const seen = new Set<string>();
  for (const file of TEST_FILES) {
    let source: string;
    try {
      source = readFileSync(path.join(repoRoot, file), 'utf8');
    } catch {
      continue; // a test file renamed or removed: the corpus is smaller, not broken
    }
    const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    const visit = (node: ts.Node) => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
        const text = node.text.replace(/[⟦⟧|]/g, '');
        if (looksLikePayload(text) && !seen.has(text)) {
          seen.add(text);
          found.push({ name: `${file}:${tree.getLineAndCharacterOfPosition(node.getStart(tree)).line + 1}`, text });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(tree);
  }
  return found;
}

/** A JSON object or array with at least a key or a mustache: not a label, message or title. */
function looksLikePayload(text: string): boolean {
  return /^\s*[[{]/.test(text) && text.length >= 8 && (text.includes('"') || text.includes('{{'));
}

let cached: CorpusEntry[] | undefined;

export function fuzzCorpus(): readonly CorpusEntry[] {
  return (cached ??= [...payloadFiles(), ...testPayloadLiterals()]);
}
