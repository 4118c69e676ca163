/**
 * Bounded completion lists. Some candidates grow with the workspace: the merge fields of a catalog
 * of up to 20,000 fields (workspace/fieldCatalog.ts), the custom traits, event properties and event
 * names of every other payload file. Listing them all made each `{{` a response of about 8 MB that
 * took ~60 ms to build and serialise, and that VS Code then fuzzy-filtered on every keystroke. As
 * language servers for big symbol sets do (clangd's `--limit-results`, rust-analyzer's
 * `completion.limit`), a response holds only the candidates that best match what is typed, and
 * says it was cut (`CompletionList.isIncomplete`): VS Code then asks again as the word grows,
 * instead of filtering the first answer, so a field that sorts late still shows once it is typed.
 */

/**
 * Items per completion response at most. VS Code's suggest widget shows about a dozen rows and,
 * for an incomplete list, asks again at each keystroke, so a thousand is far more than anyone
 * scrolls through while keeping a response near 400 KB and its serialisation around a millisecond.
 */
export const MAX_COMPLETION_ITEMS = 1000;

export interface Bounded<T> {
  /** The candidates kept, in their input order. */
  kept: T[];
  /** Some candidates were left out: the list must be marked incomplete. */
  cut: boolean;
}

/**
 * How well a candidate matches the text typed so far (lower is better), against the text the
 * editor filters it with (its filterText), ignoring case as VS Code's filter does: the typed text
 * starts it, occurs in it, or is spread through it (VS Code's fuzzy filter can still show those,
 * `pn` → `phoneNumber`); the rest only fill the room the others leave.
 */
const Match = { Prefix: 0, Substring: 1, Subsequence: 2, None: 3 } as const;
type Match = (typeof Match)[keyof typeof Match];

/**
 * At most `room` of `candidates`: the best matches of `typed` first, and within equally good
 * matches the ones the list shows first (by sortText, then input order), so that the cut keeps
 * the ranking of the full list.
 */
export function bestCandidates<T>(
  candidates: readonly T[],
  room: number,
  typed: string,
  filterTextOf: (candidate: T) => string,
  sortTextOf: (candidate: T) => string,
): Bounded<T> {
  if (candidates.length <= room) return { kept: [...candidates], cut: false };
  if (room <= 0) return { kept: [], cut: candidates.length > 0 };
  const needle = typed.toLowerCase();
  // Candidate positions by how well they match, each tier in input order.
  const tiers: number[][] = [[], [], [], []];
  candidates.forEach((candidate, i) => tiers[matchOf(filterTextOf(candidate).toLowerCase(), needle)].push(i));
  // Whole tiers while they fit; of the first tier that does not, the ones that sort first.
  const keep = new Uint8Array(candidates.length);
  let left = room;
  for (let inTier of tiers) {
    if (left === 0) break;
    if (inTier.length > left) {
      // Positions in `inTier` (ascending, so a tie goes to the earlier candidate).
      const sortTexts = inTier.map((i) => sortTextOf(candidates[i]).toLowerCase());
      const tier = inTier;
      inTier = firstOf(sortTexts.length, left, (a, b) => sortTexts[a] < sortTexts[b] || (sortTexts[a] === sortTexts[b] && a < b)).map((j) => tier[j]);
    }
    for (const i of inTier) keep[i] = 1;
    left -= inTier.length;
  }
  return { kept: candidates.filter((_, i) => keep[i] === 1), cut: true };
}

/**
 * The `count` first of the positions 0…`length`-1 in the order `before` defines (a total order),
 * in no particular order. A max-heap of the best so far: most positions lose to its top in one
 * comparison, so picking 1,000 of 20,000 costs a fraction of sorting them all. (sortText is
 * compared in code units of the lowercased text, as VS Code's suggest widget orders it.)
 */
function firstOf(length: number, count: number, before: (a: number, b: number) => boolean): number[] {
  const heap: number[] = [];
  const swap = (i: number, j: number) => ([heap[i], heap[j]] = [heap[j], heap[i]]);
  for (let item = 0; item < length; item++) {
    if (heap.length < count) {
      heap.push(item);
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (!before(heap[parent], heap[i])) break;
        swap(i, parent);
        i = parent;
      }
    } else if (before(item, heap[0])) {
      heap[0] = item;
      for (let i = 0; ;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let largest = i;
        if (left < heap.length && before(heap[largest], heap[left])) largest = left;
        if (right < heap.length && before(heap[largest], heap[right])) largest = right;
        if (largest === i) break;
        swap(i, largest);
        i = largest;
      }
    }
  }
  return heap;
}

function matchOf(text: string, needle: string): Match {
  if (text.startsWith(needle)) return Match.Prefix;
  if (text.includes(needle)) return Match.Substring;
  let at = 0;
  for (let i = 0; i < text.length && at < needle.length; i++) if (text[i] === needle[at]) at++;
  return at === needle.length ? Match.Subsequence : Match.None;
}

/**
 * The digits of an item's position in its sortText: three as before, more for a list longer than
 * a thousand (with three, item 1000 would sort between items 100 and 101).
 */
export function positionWidth(count: number): number {
  return Math.max(3, String(Math.max(count - 1, 0)).length);
}
