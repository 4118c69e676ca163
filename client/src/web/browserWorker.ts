/**
 * The browser's Worker, as far as the web extension uses it (the project compiles without the DOM
 * library, whose types would clash with Node's). In VS Code's web extension host, `new Worker(url)`
 * accepts the URL of a script inside the extension (VS Code loads it into the new worker).
 */
export interface BrowserWorker {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: { message?: string; preventDefault(): void }) => void) | null;
}

declare const Worker: new (url: string, options?: { name?: string }) => BrowserWorker;

export function startWorker(url: string, name: string): BrowserWorker {
  return new Worker(url, { name });
}
