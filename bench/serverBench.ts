/**
 * The bundled language server (dist/server.js) over stdio, as VS Code runs it: the round trip from
 * a keystroke (didChange) to its diagnostics (publishDiagnostics for that version), and the
 * server's memory with many payloads open.
 */
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { DidChangeTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { LspClient, forVersion } from '../test/support/lspClient';
import { generatePayload } from './generatePayload';
import { summarize, type Summary } from './measure';

export interface RoundTripResult {
  length: number;
  edits: number;
  roundTrip: Summary;
}

/** The server waits this long after the last edit before validating (languageServer.ts). */
export const SERVER_DEBOUNCE_MS = 200;

/** Types one character at a time into a string of the 100 KB payload, waiting for each version's diagnostics. */
export async function benchRoundTrip(edits = 20): Promise<RoundTripResult> {
  const client = LspClient.stdio();
  try {
    await client.initializeAndConfirm();
    const text = generatePayload(100_000);
    const uri = 'file:///bench/roundtrip.regal.json';
    await client.openDocument(uri, text, 1);
    await client.waitForDiagnostics(uri, forVersion(1), 30_000);
    // Type into the value of "name" ("Order Placed"): each edit is one character, as a keystroke.
    const at = text.indexOf('Order Placed');
    const position = { line: text.slice(0, at).split('\n').length - 1, character: at - text.lastIndexOf('\n', at - 1) - 1 };
    const samples: number[] = [];
    for (let version = 2; version < edits + 2; version++) {
      const start = performance.now();
      const published = client.waitForDiagnostics(uri, forVersion(version), 30_000);
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: position, end: position }, text: 'x' }],
      });
      await published;
      samples.push(performance.now() - start);
    }
    return { length: text.length, edits, roundTrip: summarize(samples) };
  } finally {
    await client.stop();
  }
}

export interface MemoryResult {
  documents: number;
  bytesOpen: number;
  rssIdleMb: number;
  rssOpenMb: number;
}

/** Opens 100 payloads (the bundled examples and 2 KB generated ones, each under its own name) and reads the server's RSS. */
export async function benchMemory(repoRoot: string, count = 100): Promise<MemoryResult> {
  const examples = ['create-contact', 'create-contact.phones', 'update-opt-in', 'update-opt-in.phones', 'send-event', 'send-event.phones'].map((name) =>
    readFileSync(path.join(repoRoot, 'examples', `${name}.regal.json`), 'utf8'),
  );
  const texts = [...examples, generatePayload(2_000)];
  const client = LspClient.stdio();
  try {
    await client.initializeAndConfirm();
    const rssIdleMb = rssMb(client.child.pid);
    let bytesOpen = 0;
    const published: Array<Promise<unknown>> = [];
    for (let k = 0; k < count; k++) {
      const uri = `file:///bench/open/payload-${k}.regal.json`;
      const text = texts[k % texts.length];
      bytesOpen += text.length;
      published.push(client.waitForDiagnostics(uri, forVersion(1), 60_000));
      await client.openDocument(uri, text, 1);
    }
    await Promise.all(published);
    return { documents: count, bytesOpen, rssIdleMb, rssOpenMb: rssMb(client.child.pid) };
  } finally {
    await client.stop();
  }
}

/** Resident set size of a process, in MB (Linux /proc; `ps` elsewhere). */
function rssMb(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    if (match) return Number(match[1]) / 1024;
  } catch {
    // not Linux: ask ps
  }
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024;
}
