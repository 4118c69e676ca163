/**
 * Line numbers for offsets in O(log n) each, from line starts computed once: messages that name a
 * line must not rescan the text per problem (a garbled 1 MB file can have thousands).
 */
export type LineLookup = (offset: number) => number;

/** Returns a function giving the 0-based line of an offset; line starts are computed on first use. */
export function lineLookup(text: string): LineLookup {
  let starts: number[] | undefined;
  return (offset) => {
    starts ??= lineStarts(text);
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
