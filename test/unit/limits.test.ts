/**
 * The limits of server/src/service/limits.ts as the service applies them: the size limit counts
 * UTF-8 bytes (as the command line does), and the diagnostic cap keeps the most severe problems and
 * counts the rest on the first one left out.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../server/src/service/diagnosticCodes';
import { capFindings } from '../../server/src/service/limitedFindings';
import { isTooLarge, MAX_DIAGNOSTICS, MAX_DOCUMENT_BYTES, utf8Length } from '../../server/src/service/limits';
import { documentOf, messageOf, service } from '../support/service';

describe('size limit', () => {
  it('counts UTF-8 bytes as an encoder writes them (a lone surrogate as U+FFFD)', () => {
    for (const text of ['', 'a', 'é', '€', '😀', 'a\ud800b', '\udc00', 'x😀é€\n\t"{{a}}"']) {
      assert.equal(utf8Length(text), Buffer.byteLength(text, 'utf8'), JSON.stringify(text));
    }
  });

  it('is in bytes, not characters: two-byte characters reach it at half the length', () => {
    const atLimit = 'é'.repeat(MAX_DOCUMENT_BYTES / 2);
    assert.equal(isTooLarge(atLimit), false);
    assert.equal(isTooLarge(`${atLimit}a`), true);
    assert.ok(`${atLimit}a`.length < MAX_DOCUMENT_BYTES, 'fewer characters than the limit');
  });

  it('says how big the document is, on its first character', () => {
    const text = `{ "a": "${'é'.repeat(MAX_DOCUMENT_BYTES / 2)}" }`;
    const [diagnostic, ...others] = service.doValidation(documentOf(text));
    assert.deepEqual(others, []);
    assert.equal(diagnostic.code, 'document-too-large');
    assert.deepEqual(diagnostic.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } });
    assert.match(messageOf(diagnostic), /^Too large to check: 10\.0 MB \(10,485,771 bytes\), over the 10 MB limit\. Split the file/);
  });
});

describe('diagnostic cap', () => {
  const finding = (start: number, code: Finding['code'] = 'comment'): Finding => ({ code, start, end: start + 1, message: 'm' }) as Finding;

  it('keeps the most severe, in their order, and counts the rest on the first left out in the file', () => {
    const reported = [
      { finding: finding(0, 'legacy-shape'), severity: 'hint' as const },
      { finding: finding(10), severity: 'error' as const },
      { finding: finding(20, 'duplicate-key'), severity: 'warning' as const },
      { finding: finding(30), severity: 'error' as const },
      { finding: finding(40, 'duplicate-key'), severity: 'warning' as const },
    ];
    const { kept, more } = capFindings(reported, 'warning', 3);
    assert.deepEqual(
      kept.map((k) => k.finding.start),
      [10, 20, 30],
    );
    assert.equal(more?.code, 'too-many-problems');
    assert.equal(more?.start, 0, 'the hint at the start of the file is the first left out');
    assert.match(more?.message ?? '', /^2 more problems are not shown: fix the ones shown/);
  });

  it('leaves a document at the cap alone, and the count out when too-many-problems is off', () => {
    const reported = Array.from({ length: MAX_DIAGNOSTICS }, (_, i) => ({ finding: finding(i), severity: 'error' as const }));
    assert.equal(capFindings(reported, 'warning').more, undefined);
    const over = [...reported, { finding: finding(MAX_DIAGNOSTICS), severity: 'error' as const }];
    const off = capFindings(over, 'off');
    assert.equal(off.kept.length, MAX_DIAGNOSTICS);
    assert.equal(off.more, undefined);
  });
});
