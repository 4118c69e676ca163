/** Reading a JSON.parse value (the fast path's instance) without trusting its shape. */

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Own keys only: a payload key named `constructor` or `__proto__` is data, not a prototype. */
export function has(object: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}
