/**
 * The few assertions the web suites need: node:assert does not exist in the browser's extension
 * host, and these keep the failure messages as specific.
 */
export function ok(value: unknown, message: string): asserts value {
  if (!value) throw new Error(`Assertion failed: ${message}`);
}

export function equal<T>(actual: T, expected: T, message = ''): void {
  if (actual !== expected) throw new Error(`Expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}${message ? `: ${message}` : ''}`);
}

export function match(text: string, pattern: RegExp, message = ''): void {
  if (!pattern.test(text)) throw new Error(`Expected ${pattern} to match ${JSON.stringify(text)}${message ? `: ${message}` : ''}`);
}
