/**
 * What must hold for every text, however broken: the checks each fuzz input goes through. Every
 * service call must return (no exception), every range must lie inside the document and satisfy
 * what VS Code itself asserts when it converts the result (a completion edit on the cursor's line,
 * a symbol's selection range inside its range, ...), and every quick fix, applied, must clear the
 * diagnostics it names. A failed check throws an Error whose message says which check and where.
 * No check is on a clock: a hang is the fuzz tests' timeout (see fuzzHangGuardMs).
 */
import type { CodeAction, CompletionItem, Diagnostic, DocumentSymbol, Position, Range, SelectionRange, TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isDiagnosticCode } from '../../../server/src/service/diagnosticCodes';
import { createLanguageService, type LanguageService } from '../../../server/src/service/languageService';
import type { ValidationSettings } from '../../../server/src/service/settings';
import type { WorkspaceContext } from '../../../server/src/service/workspace/workspaceContext';
import { applyEdits } from '../applyEdits';
import { documentOf, regalSchema } from '../service';

/**
 * Inputs up to this size are "small": their diagnostics time is recorded (the slowest is printed by
 * fuzzSummary, for information: tests never assert on a clock; `npm run bench` measures diagnostics).
 */
export const TIMED_INPUT_LIMIT = 10 * 1024;

/** Errors the features caught and answered anyway (see util/internalErrors.ts): any fails the input. */
const caught = { count: 0, first: [] as string[] };

/** The service under test, built as test/support/service.ts builds it, plus a record of the errors it swallows. */
export const fuzzService: LanguageService = createLanguageService({
  schema: regalSchema,
  onInternalError: (feature, error) => {
    if (caught.count++ < 3) caught.first.push(`${feature}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  },
});

/** What the checks did, for the fuzz tests to print. */
export const fuzzStats = { fixesApplied: 0, fixesNotJudged: 0, slowestDiagnostics: { ms: 0, text: '' } };

/** Lines for a fuzz test's report: the quick fixes applied, those not judged, and the slowest diagnostics of a small input. */
export function fuzzSummary(): string[] {
  const slowest = fuzzStats.slowestDiagnostics;
  return [
    `quick fixes applied: ${fuzzStats.fixesApplied}; ${fuzzStats.fixesNotJudged} left their diagnostic in a broken template that the edit made read differently elsewhere (not judged)`,
    `slowest diagnostics of an input up to ${TIMED_INPUT_LIMIT / 1024} KB (informational): ${slowest.ms.toFixed(0)} ms, ${slowest.text.length} characters starting ${JSON.stringify(slowest.text.slice(0, 60))}`,
  ];
}

export interface CheckOptions {
  workspace?: WorkspaceContext;
  settings?: ValidationSettings;
  /** Offsets to ask completion, hover and selection at, besides the start and the end. */
  offsets?: readonly number[];
  /**
   * Apply up to this many quick fixes and re-validate each result (the most expensive check): one
   * per diagnostic code first, so a file with a thousand comments still tries every other fix.
   */
  applyFixes?: number;
  /** Record the diagnostics time of inputs up to TIMED_INPUT_LIMIT (for fuzzSummary; never a failure). */
  timed?: boolean;
}

export class InvariantError extends Error {
  override name = 'InvariantError';
}

function fail(message: string): never {
  throw new InvariantError(message);
}

/** Runs `what`, turning an exception into a failure that names the call. */
function call<T>(what: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof InvariantError) throw error;
    fail(`${what} threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}

/** All checks on one text. Returns the diagnostics (for callers that collect statistics). */
export function checkText(text: string, options: CheckOptions = {}): Diagnostic[] {
  const service = fuzzService;
  const { workspace, settings } = options;
  const document = documentOf(text);
  caught.count = 0;
  caught.first = [];
  const diagnostics = options.timed ? timedValidation(document, options) : call('doValidation', () => service.doValidation(document, settings, workspace));
  checkDiagnostics(document, diagnostics);

  const offsets = [0, text.length, ...(options.offsets ?? [])].map((o) => Math.max(0, Math.min(text.length, o)));
  const positions = offsets.map((o) => document.positionAt(o));
  for (const position of positions) {
    const list = call(`doComplete at ${at(position)}`, () => service.doComplete(document, position, workspace));
    if (!list || !Array.isArray(list.items)) fail(`doComplete at ${at(position)} returned no list`);
    for (const item of list.items) checkCompletionItem(document, position, item);
    const hover = call(`doHover at ${at(position)}`, () => service.doHover(document, position, workspace));
    if (hover?.range) {
      checkRange(document, hover.range, `hover at ${at(position)}`);
      if (!contains(document, hover.range, position)) fail(`hover range ${show(hover.range)} does not contain the hovered position ${at(position)}`);
    }
  }
  checkSelectionRanges(
    document,
    positions,
    call('getSelectionRanges', () => service.getSelectionRanges(document, positions)),
  );
  checkSymbols(
    document,
    call('findDocumentSymbols', () => service.findDocumentSymbols(document)),
  );
  for (const fold of call('getFoldingRanges', () => service.getFoldingRanges(document))) {
    if (!(
      Number.isInteger(fold.startLine) &&
      Number.isInteger(fold.endLine) &&
      0 <= fold.startLine &&
      fold.startLine <= fold.endLine &&
      fold.endLine < document.lineCount
    )) {
      fail(`folding range ${fold.startLine}-${fold.endLine} outside the ${document.lineCount} lines`);
    }
  }
  checkFormatting(
    document,
    call('format', () => service.format(document, undefined, { tabSize: 2, insertSpaces: true })),
    'format',
  );
  if (positions.length > 2) {
    const range = ordered(document, positions[1], positions[2]);
    checkFormatting(
      document,
      call('format (range)', () => service.format(document, range, { tabSize: 4, insertSpaces: false })),
      `format of ${show(range)}`,
    );
  }
  checkCodeActions(document, diagnostics, options);
  if (caught.count > 0) fail(`a feature caught ${caught.count} error(s) and answered anyway:\n${caught.first.join('\n')}`);
  return diagnostics;
}

/** Diagnostics of a document version not analysed yet; the time of a small input is recorded, not judged. */
function timedValidation(document: TextDocument, options: CheckOptions): Diagnostic[] {
  const start = performance.now();
  const diagnostics = call('doValidation', () => fuzzService.doValidation(document, options.settings, options.workspace));
  const ms = performance.now() - start;
  const text = document.getText();
  if (text.length <= TIMED_INPUT_LIMIT && ms > fuzzStats.slowestDiagnostics.ms) fuzzStats.slowestDiagnostics = { ms, text };
  return diagnostics;
}

export function checkDiagnostics(document: TextDocument, diagnostics: readonly Diagnostic[]): void {
  if (!Array.isArray(diagnostics)) fail('doValidation returned no array');
  for (const d of diagnostics) {
    const code = String(d.code);
    checkRange(document, d.range, `${code} diagnostic`);
    if (!isDiagnosticCode(code)) fail(`unknown diagnostic code ${JSON.stringify(d.code)}`);
    if (typeof d.message !== 'string' || d.message.trim() === '') fail(`${code} diagnostic at ${show(d.range)} has no message`);
    if (![1, 2, 3, 4].includes(d.severity ?? 0)) fail(`${code} diagnostic has severity ${String(d.severity)}`);
    for (const related of d.relatedInformation ?? []) {
      if (related.location.uri === document.uri) checkRange(document, related.location.range, `related information of a ${code} diagnostic`);
    }
  }
}

/**
 * VS Code drops a completion item whose edit spans lines or lies on another line than the cursor,
 * and refuses additional edits that overlap the main one.
 */
function checkCompletionItem(document: TextDocument, position: Position, item: CompletionItem): void {
  const what = `completion ${JSON.stringify(item.label)} at ${at(position)}`;
  if (typeof item.label !== 'string' || item.label === '') fail(`${what} has no label`);
  const edits: Range[] = [];
  const edit = item.textEdit;
  if (edit) {
    const ranges = 'range' in edit ? [edit.range] : [edit.insert, edit.replace];
    for (const range of ranges) {
      checkRange(document, range, what);
      if (range.start.line !== position.line || range.end.line !== position.line) fail(`${what} edits ${show(range)}, not only the cursor's line`);
      if (!contains(document, range, position)) fail(`${what} edits ${show(range)}, which does not contain the cursor`);
    }
    edits.push(ranges[ranges.length - 1]);
  }
  for (const extra of item.additionalTextEdits ?? []) {
    checkRange(document, extra.range, `additional edit of ${what}`);
    edits.push(extra.range);
  }
  checkDisjoint(document, edits, what);
}

/** One selection range per position; each contains the position, and each parent its child. */
function checkSelectionRanges(document: TextDocument, positions: readonly Position[], ranges: readonly SelectionRange[]): void {
  if (!Array.isArray(ranges) || ranges.length !== positions.length)
    fail(`getSelectionRanges returned ${ranges?.length} ranges for ${positions.length} positions`);
  ranges.forEach((first, i) => {
    let child: Range | undefined;
    for (let s: SelectionRange | undefined = first; s; s = s.parent) {
      checkRange(document, s.range, `selection range at ${at(positions[i])}`);
      if (!child && !contains(document, s.range, positions[i])) fail(`selection range ${show(s.range)} does not contain ${at(positions[i])}`);
      if (child && !(offset(document, s.range.start) <= offset(document, child.start) && offset(document, child.end) <= offset(document, s.range.end))) {
        fail(`selection range ${show(s.range)} does not contain its child ${show(child)}`);
      }
      child = s.range;
    }
  });
}

/** What VS Code's DocumentSymbol constructor and validation assert (a name, the selection range inside the range). */
function checkSymbols(document: TextDocument, symbols: readonly DocumentSymbol[]): void {
  const pending = [...symbols];
  for (let symbol = pending.pop(); symbol; symbol = pending.pop()) {
    const what = `symbol ${JSON.stringify(symbol.name)}`;
    if (typeof symbol.name !== 'string' || symbol.name.trim() === '') fail(`${what} has an empty name`);
    checkRange(document, symbol.range, what);
    checkRange(document, symbol.selectionRange, `selection range of ${what}`);
    if (!containsRange(document, symbol.range, symbol.selectionRange))
      fail(`${what}: selection range ${show(symbol.selectionRange)} is outside its range ${show(symbol.range)}`);
    pending.push(...(symbol.children ?? []));
  }
}

/** Formatting changes whitespace only (never inside strings or mustaches: those hold no edit). */
function checkFormatting(document: TextDocument, edits: readonly TextEdit[], what: string): void {
  const text = document.getText();
  for (const edit of edits) {
    checkRange(document, edit.range, what);
    const replaced = text.slice(offset(document, edit.range.start), offset(document, edit.range.end));
    if (!/^\s*$/.test(replaced) || !/^\s*$/.test(edit.newText))
      fail(`${what} replaces ${JSON.stringify(replaced)} by ${JSON.stringify(edit.newText)}: not whitespace`);
  }
  checkDisjoint(
    document,
    edits.map((e) => e.range),
    what,
  );
}

/**
 * Code actions for every diagnostic at once (as VS Code asks for a line's light bulb); each action's
 * edit must apply to this document, and applying it (for `applyFixes` of them) must clear every
 * diagnostic the action names (see `survivingDiagnostics`).
 */
function checkCodeActions(document: TextDocument, diagnostics: readonly Diagnostic[], options: CheckOptions): void {
  const service = fuzzService;
  const whole = { start: { line: 0, character: 0 }, end: document.positionAt(document.getText().length) };
  const actions = call('doCodeActions', () => service.doCodeActions(document, whole, diagnostics, options.workspace));
  if (!Array.isArray(actions)) fail('doCodeActions returned no array');
  const edits = new Map(actions.map((action) => [action, editsOf(document, action)]));
  const brokenTemplate = diagnostics.some((d) => d.code === 'handlebars-syntax');
  const chosen = fixesToApply(actions, options.applyFixes ?? 0);
  // With fixes to apply, the whole-file action too (source.fixAll.regal, every preferred fix at once):
  // its edits must apply, and the result validate. It names no diagnostic (fixes made alone may
  // interact), so none is judged.
  if (chosen.length > 0) {
    const fixAll = call('doCodeActions (source.fixAll)', () =>
      service.doCodeActions(document, whole, [], options.workspace, { only: ['source.fixAll'], settings: options.settings }),
    );
    if (!Array.isArray(fixAll) || fixAll.length > 1 || fixAll.some((a) => a.kind !== 'source.fixAll.regal'))
      fail(`source.fixAll answered ${JSON.stringify(fixAll?.map((a) => a.kind))}`);
    for (const action of fixAll) edits.set(action, editsOf(document, action));
    chosen.push(...fixAll);
  }
  for (const action of chosen) {
    const actionEdits = edits.get(action) ?? [];
    const fixedDocument = documentOf(applyEdits(document.getText(), actionEdits));
    const fixed = fixedDocument.getText();
    const after = call(`doValidation after "${action.title}"`, () => service.doValidation(fixedDocument, options.settings, options.workspace));
    fuzzStats.fixesApplied++;
    const survivors = survivingDiagnostics(document, diagnostics, action.diagnostics ?? [], actionEdits, after);
    // In a template that is already broken, an edit may change where mustaches end far from it (a
    // quote after an unmatched one inside some `{{ }}` ends a Handlebars string elsewhere): which
    // diagnostic is "the same" is then undefined. Counted and printed, never silent.
    if (survivors.length > 0 && brokenTemplate && mustachesMoved(document, fixedDocument, actionEdits)) {
      fuzzStats.fixesNotJudged++;
      continue;
    }
    if (survivors.length > 0) {
      fail(
        `quick fix "${action.title}" left ${survivors.map((s) => `${s.code} (${JSON.stringify(s.message)})`).join(', ')}\n` +
          `text after the fix: ${JSON.stringify(fixed)}`,
      );
    }
  }
}

/** Whether the mustaches outside the edited spans are not where they were (shifted by the edits). */
function mustachesMoved(before: TextDocument, after: TextDocument, edits: readonly TextEdit[]): boolean {
  const spans = edits.map((e) => ({
    start: offset(before, e.range.start),
    end: offset(before, e.range.end),
    delta: e.newText.length - (offset(before, e.range.end) - offset(before, e.range.start)),
  }));
  spans.sort((a, b) => a.start - b.start);
  const outsideEdits = (m: { start: number; end: number }, list: ReadonlyArray<{ start: number; end: number }>) =>
    list.every((s) => !(s.start <= m.start && m.end <= s.end));
  const shifted = (o: number) => o + spans.filter((s) => s.end <= o).reduce((sum, s) => sum + s.delta, 0);
  const newSpans: Array<{ start: number; end: number }> = [];
  let delta = 0;
  for (const s of spans) {
    newSpans.push({ start: s.start + delta, end: s.end + delta + s.delta });
    delta += s.delta;
  }
  const key = (m: { start: number; end: number }) => `${m.start}:${m.end}`;
  const was = fuzzService
    .analyze(before)
    .template.mustaches.filter((m) => outsideEdits(m, spans))
    .map((m) => key({ start: shifted(m.start), end: shifted(m.end) }));
  const now = fuzzService
    .analyze(after)
    .template.mustaches.filter((m) => outsideEdits(m, newSpans))
    .map(key);
  return was.join(' ') !== now.join(' ');
}

/** At most `limit` actions: the first of each diagnostic code in turn, then the next of each, ... */
function fixesToApply(actions: readonly CodeAction[], limit: number): CodeAction[] {
  const byCode = new Map<string, CodeAction[]>();
  for (const action of actions) {
    const code = String(action.diagnostics?.[0]?.code ?? '');
    const list = byCode.get(code);
    if (list) list.push(action);
    else byCode.set(code, [action]);
  }
  const chosen: CodeAction[] = [];
  for (let round = 0; chosen.length < Math.min(limit, actions.length); round++) {
    for (const list of byCode.values()) if (round < list.length && chosen.length < limit) chosen.push(list[round]);
  }
  return chosen;
}

function editsOf(document: TextDocument, action: CodeAction): TextEdit[] {
  const what = `code action "${action.title}"`;
  if (typeof action.title !== 'string' || action.title === '') fail('a code action has no title');
  const changes = action.edit?.changes;
  if (!changes) fail(`${what} has no edit`);
  const uris = Object.keys(changes);
  if (uris.length !== 1 || uris[0] !== document.uri) fail(`${what} edits ${JSON.stringify(uris)}`);
  const edits = changes[document.uri];
  for (const edit of edits) checkRange(document, edit.range, what);
  checkDisjoint(
    document,
    edits.map((e) => e.range),
    what,
  );
  return edits;
}

/**
 * The diagnostics an action claims to fix that are still there after its edit. Each diagnostic the
 * action does not claim is first paired with one diagnostic after the edit that has its code and
 * message, at its place mapped through the edit (or, when nothing is there exactly, touching it;
 * with any message when the edit changed its text): those are the other problems. A claimed diagnostic survives when an unpaired one
 * with its code overlaps its mapped place (an end point inside an edited span maps to the whole
 * replacement, so a fix that rewrites the spot is judged by the spot).
 */
export function survivingDiagnostics(
  document: TextDocument,
  before: readonly Diagnostic[],
  claimed: readonly Diagnostic[],
  edits: readonly TextEdit[],
  after: readonly Diagnostic[],
): Diagnostic[] {
  const shifts = edits
    .map((e) => ({ start: offset(document, e.range.start), end: offset(document, e.range.end), length: e.newText.length }))
    .sort((a, b) => a.start - b.start);
  // `side` 'start' maps an offset to the leftmost place it can be after the edit, 'end' to the rightmost.
  const map = (o: number, side: 'start' | 'end') => {
    let delta = 0;
    for (const s of shifts) {
      if (s.end < o || (s.end === o && s.start < o) || (side === 'end' && s.start === o && s.end === o)) delta += s.length - (s.end - s.start);
      else if (s.start < o && o < s.end) return s.start + delta + (side === 'end' ? s.length : 0);
      else break;
    }
    return o + delta;
  };
  const mapped = (d: Diagnostic) => ({ start: map(offset(document, d.range.start), 'start'), end: map(offset(document, d.range.end), 'end') });
  const newDocument = documentOf(applyEdits(document.getText(), edits));
  const placed = after.map((d) => ({ d, start: newDocument.offsetAt(d.range.start), end: newDocument.offsetAt(d.range.end) }));
  type Span = { start: number; end: number };
  const touches = (p: Span, place: Span) => p.start <= place.end && p.end >= place.start;
  // Sharing only an end point is no overlap, unless one of them is empty (a deleted comma's place).
  const overlaps = (p: Span, place: Span) => (p.start === p.end || place.start === place.end ? touches(p, place) : p.start < place.end && p.end > place.start);

  // Diagnostics after the edit by code and message, then by code: lookups stay linear in their number.
  const byMessage = new Map<string, number[]>();
  const byCode = new Map<string, number[]>();
  placed.forEach((p, i) => {
    for (const [index, key] of [
      [byMessage, `${String(p.d.code)}\n${p.d.message}`],
      [byCode, String(p.d.code)],
    ] as const) {
      const list = index.get(key);
      if (list) list.push(i);
      else index.set(key, [i]);
    }
  });
  const paired = new Set<number>();
  const exactly = new Map<string, number[]>();
  placed.forEach((p, i) => {
    const key = `${String(p.d.code)}\n${p.d.message}\n${p.start}:${p.end}`;
    const list = exactly.get(key);
    if (list) list.push(i);
    else exactly.set(key, [i]);
  });
  const pairExactly = (old: Diagnostic, place: Span): boolean => {
    const index = exactly.get(`${String(old.code)}\n${old.message}\n${place.start}:${place.end}`)?.find((i) => !paired.has(i));
    if (index !== undefined) paired.add(index);
    return index !== undefined;
  };
  const pairNear = (place: Span, candidates: readonly number[] | undefined): boolean => {
    const index = candidates?.find((i) => !paired.has(i) && touches(placed[i], place));
    if (index !== undefined) paired.add(index);
    return index !== undefined;
  };
  const claimedKeys = new Set(claimed.map((c) => `${String(c.code)}\n${c.message}\n${show(c.range)}`));
  const others = before
    .filter((d) => !claimed.includes(d) && !claimedKeys.has(`${String(d.code)}\n${d.message}\n${show(d.range)}`))
    .map((d) => ({ d, place: mapped(d) }));
  const moved = others.filter(({ d, place }) => !pairExactly(d, place));
  const reworded = moved.filter(({ d, place }) => !pairNear(place, byMessage.get(`${String(d.code)}\n${d.message}`)));
  // One whose own text the edit changed may say so (a comment's message quotes the comment).
  const edited = (d: Diagnostic) => shifts.some((s) => touches(s, { start: offset(document, d.range.start), end: offset(document, d.range.end) }));
  for (const { d, place } of reworded) if (edited(d)) pairNear(place, byCode.get(String(d.code)));

  const survivors: Diagnostic[] = [];
  for (const fixed of claimed) {
    const place = mapped(fixed);
    const survivor = byCode.get(String(fixed.code))?.find((i) => !paired.has(i) && overlaps(placed[i], place));
    if (survivor !== undefined) survivors.push(placed[survivor].d);
  }
  return survivors;
}

/** Valid LSP positions of this document (no line past the end, no character past its line), in order. */
export function checkRange(document: TextDocument, range: Range | undefined, what: string): void {
  if (!range || !validPosition(document, range.start) || !validPosition(document, range.end))
    fail(`${what}: range ${show(range)} is outside the document (${document.lineCount} lines)`);
  if (offset(document, range.start) > offset(document, range.end)) fail(`${what}: range ${show(range)} ends before it starts`);
}

function validPosition(document: TextDocument, p: Position | undefined): boolean {
  if (!p || !Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0 || p.line >= document.lineCount) return false;
  const lineText = document.getText({ start: { line: p.line, character: 0 }, end: { line: p.line + 1, character: 0 } });
  return p.character <= lineText.replace(/(\r\n|\r|\n)$/, '').length;
}

function checkDisjoint(document: TextDocument, ranges: readonly Range[], what: string): void {
  const spans = ranges.map((r) => [offset(document, r.start), offset(document, r.end)] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i][0] < spans[i - 1][1]) fail(`${what}: overlapping edits at ${spans[i - 1].join('-')} and ${spans[i].join('-')}`);
  }
}

const offset = (document: TextDocument, p: Position) => document.offsetAt(p);

function contains(document: TextDocument, range: Range, p: Position): boolean {
  const o = offset(document, p);
  return offset(document, range.start) <= o && o <= offset(document, range.end);
}

function containsRange(document: TextDocument, outer: Range, inner: Range): boolean {
  return offset(document, outer.start) <= offset(document, inner.start) && offset(document, inner.end) <= offset(document, outer.end);
}

function ordered(document: TextDocument, a: Position, b: Position): Range {
  return offset(document, a) <= offset(document, b) ? { start: a, end: b } : { start: b, end: a };
}

const at = (p: Position) => `${p.line}:${p.character}`;
const show = (r: Range | undefined) => (r ? `${at(r.start)}-${at(r.end)}` : String(r));
