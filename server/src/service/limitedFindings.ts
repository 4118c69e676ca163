/**
 * The two limits on what one document reports (limits.ts): a document over the size limit gets a
 * single `document-too-large` finding instead of its checks, and a document with more problems
 * than MAX_DIAGNOSTICS shows the most severe ones and a `too-many-problems` finding for the rest.
 */
import type { Finding } from './diagnosticCodes';
import { MAX_DIAGNOSTICS, MAX_DOCUMENT_SIZE_TEXT, megabytes, utf8Length } from './limits';
import type { SeveritySetting } from './settings';

type Severity = Exclude<SeveritySetting, 'off'>;

/** On the document's first character: the problem is the whole file, and its start is always on screen first. */
export function tooLargeFinding(text: string): Finding {
  const bytes = utf8Length(text);
  return {
    code: 'document-too-large',
    start: 0,
    end: Math.min(1, text.length),
    message:
      `Too large to check: ${megabytes(bytes)} (${bytes.toLocaleString('en-US')} bytes), over the ${MAX_DOCUMENT_SIZE_TEXT} limit. ` +
      'Split the file to have it checked. Checks, completion, hover, quick fixes, outline, folding, selection and formatting are off at this size; a payload template is a few KB.',
    data: { bytes, limit: MAX_DOCUMENT_SIZE_TEXT },
  };
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/**
 * At most `max` findings: the most severe, in their original order, then one `too-many-problems`
 * finding on the first one left out (in document order) that counts them all.
 */
export function capFindings<T extends { finding: Finding; severity: Severity }>(
  reported: readonly T[],
  tooMany: Severity | 'off',
  max = MAX_DIAGNOSTICS,
): { kept: T[]; more?: Finding } {
  if (reported.length <= max) return { kept: [...reported] };
  // Stable sort: equally severe findings keep their order, so the first ones in the file stay.
  const order = reported.map((_, i) => i).sort((a, b) => RANK[reported[a].severity] - RANK[reported[b].severity] || a - b);
  const keep = new Uint8Array(reported.length);
  for (let k = 0; k < max; k++) keep[order[k]] = 1;
  const kept: T[] = [];
  let firstLeftOut: Finding | undefined;
  for (let i = 0; i < reported.length; i++) {
    if (keep[i]) kept.push(reported[i]);
    else if (!firstLeftOut || reported[i].finding.start < firstLeftOut.start) firstLeftOut = reported[i].finding;
  }
  if (tooMany === 'off' || !firstLeftOut) return { kept };
  const hidden = reported.length - max;
  return {
    kept,
    more: {
      code: 'too-many-problems',
      start: firstLeftOut.start,
      end: firstLeftOut.end,
      message:
        `${hidden.toLocaleString('en-US')} more ${hidden === 1 ? 'problem is' : 'problems are'} not shown: fix the ones shown, and the rest appear. ` +
        `A document shows at most ${max.toLocaleString('en-US')} problems, the most severe first; this is the first one left out.`,
      data: { hidden },
    },
  };
}
