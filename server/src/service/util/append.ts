/**
 * `target.push(...items)` without spreading: a spread passes every item as an argument, which
 * overflows the stack for arrays of a hundred thousand findings (a garbled 1 MB file has them).
 */
export function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
