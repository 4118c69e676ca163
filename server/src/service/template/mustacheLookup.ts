/**
 * Finding mustaches by offset. The scanner returns them in document order and they never overlap,
 * so every lookup is one binary search (features run per keystroke on files with many mustaches).
 */
import type { Mustache } from './mustacheScanner';

/** Index of the last mustache whose `{{` starts before `offset`, or -1. */
export function lastStartingBefore(mustaches: readonly Mustache[], offset: number): number {
  let low = 0;
  let high = mustaches.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    if (mustaches[mid].start < offset) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

/**
 * Index of the mustache holding `offset`, or -1. With `includeEnd`, an offset just past the closing
 * braces counts as inside (a cursor right after `{{x}}` still selects it).
 */
export function mustacheIndexAt(mustaches: readonly Mustache[], offset: number, includeEnd = false): number {
  const i = lastStartingBefore(mustaches, offset + 1);
  if (i === -1) return -1;
  const end = mustaches[i].end;
  return offset < end || (includeEnd && offset === end) ? i : -1;
}
