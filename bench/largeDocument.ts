/**
 * A very large payload through the bundled language server over stdio, as VS Code would send it:
 * the time to its diagnostics, to its outline and to its formatting edits, and the server's peak
 * memory. Not part of `npm run bench` (it takes a minute before the size limit, and it is about the
 * limit, not speed): run it to compare before and after a change to the limits.
 *
 *   npm run build && node --import tsx bench/largeDocument.ts [megabytes=20] [server=dist/server.js]
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { generatePayload } from './generatePayload';

/** A step that takes longer than this is reported as not finished (the server is then stopped). */
const STEP_TIMEOUT_MS = 180_000;

async function main(): Promise<void> {
  const megabytes = Number(process.argv[2] ?? 20);
  const serverPath = path.resolve(process.argv[3] ?? 'dist/server.js');
  const text = generatePayload(megabytes * 1_000_000);
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  let published: ((params: PublishDiagnosticsParams) => void) | undefined;
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => published?.(params));
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
  connection.listen();

  const timed = async <T>(what: string, work: () => Promise<T>, describe: (result: T) => string): Promise<void> => {
    const start = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), STEP_TIMEOUT_MS)));
    const result = await Promise.race([work(), timeout]);
    clearTimeout(timer);
    if (result === 'timeout') throw new Error(`${what}: not finished after ${STEP_TIMEOUT_MS / 1000} s`);
    console.log(`${what}: ${((performance.now() - start) / 1000).toFixed(2)} s, ${describe(result)}`);
  };

  try {
    await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
    await connection.sendNotification(InitializedNotification.type, {});
    console.log(`document: ${(Buffer.byteLength(text) / 1024 / 1024).toFixed(1)} MB, ${text.split('\n').length} lines; server ${serverPath}`);
    const uri = 'file:///bench/large.regal.json';
    await timed(
      'diagnostics',
      () =>
        new Promise<PublishDiagnosticsParams>((resolve) => {
          published = resolve;
          void connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'regal-webhook', version: 1, text } });
        }),
      (params) => `${params.diagnostics.length} diagnostics${params.diagnostics[0] ? ` (first: ${String(params.diagnostics[0].code)})` : ''}`,
    );
    await timed(
      'outline',
      () => connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }),
      (symbols) => `${symbols?.length ?? 0} top-level symbols`,
    );
    await timed(
      'format',
      () => connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }),
      (edits) => `${edits?.length ?? 0} edits`,
    );
    console.log(`server peak RSS: ${peakRssMb(child.pid)} MB`);
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
  } finally {
    connection.dispose();
    child.kill();
  }
}

/** The process's peak resident set (Linux: VmHWM in /proc/PID/status). */
function peakRssMb(pid: number | undefined): string {
  try {
    const match = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? (Number(match[1]) / 1024).toFixed(0) : 'unknown';
  } catch {
    return 'unknown (no /proc)';
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
