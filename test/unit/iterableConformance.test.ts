/**
 * Iterable's documented Handlebars examples (test/fixtures/iterable-conformance.json, one row per
 * example with its source URL) against this project: each row's template renders to the documented
 * output (dates: Java's SimpleDateFormat output, test/fixtures/iterable-date-formats.json), and the
 * same template, placed in a Regal payload, raises no error or warning. Every helper of the model has
 * at least one row, or is listed below with the reason it has none.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { renderTemplate } from '../../server/src/rendering/renderTemplate';
import type { SampleData } from '../../server/src/rendering/sampleData';
import { helperModel, iterableHelpers } from '../../server/src/service/iterable/iterableHelpers';
import { repoRoot, validate } from '../support/service';

interface Row {
  id: string;
  helper: string;
  template: string;
  data: Record<string, unknown>;
  expected?: string;
  expectedFrom?: string;
  expectedPattern?: string;
  expectSkip?: boolean;
  placement?: 'string' | 'value' | 'escaped-string';
  /** Why the project cannot render or check this row as written (the test is skipped, with the reason). */
  knownDifference?: string;
  /** The one finding the row's template raises in a payload, on purpose (its note says why). */
  payloadFinding?: string;
  source: string;
  note?: string;
}

const fixture = (name: string) => JSON.parse(readFileSync(path.join(repoRoot, 'test', 'fixtures', name), 'utf8'));
const rows = (fixture('iterable-conformance.json') as { rows: Row[] }).rows;
const javaDates = new Map((fixture('iterable-date-formats.json') as { cases: Array<{ id: string; expected: string }> }).cases.map((c) => [c.id, c.expected]));

/** The send time of every row (rows that depend on it carry a pattern instead of an output). */
const NOW = new Date('2026-12-06T15:04:05Z');

/** A row's data is the merged view merge tags see; `profile` (when given) is the profile alone. */
function sampleOf(data: Record<string, unknown>): SampleData {
  const { profile, ...event } = data;
  return profile && typeof profile === 'object' ? { profile: profile as Record<string, unknown>, event } : { profile: data, event: {} };
}

function expectedOf(row: Row): string | undefined {
  if (row.expectedFrom) {
    const id = row.expectedFrom.replace(/^java:/, '');
    const expected = javaDates.get(id);
    assert.ok(expected !== undefined, `${row.id}: no Java case ${id}`);
    return expected;
  }
  return row.expected;
}

/** Documented helpers without a row: their output cannot be known offline. */
const WITHOUT_ROWS: Record<string, string> = {
  hmacSHA1: 'signed with the project HMAC secret, which no example can show',
  hmacSHA256: 'signed with the project HMAC secret; documented by a third party only',
  hexEncode: 'documented by a third party only, with no example',
  snippet: 'renders a snippet of the Iterable project',
  catalog: 'loads an item of the Iterable project catalog',
  with: 'not documented by Iterable',
};

describe('Iterable conformance: the documented examples render as documented', () => {
  it('has at least 80 rows, every one with a support.iterable.com source', () => {
    assert.ok(rows.length >= 80, `${rows.length} rows`);
    for (const row of rows) assert.match(row.source, /^https:\/\/support\.iterable\.com\//, row.id);
  });

  it('covers every helper of the model', () => {
    const covered = new Set(rows.map((r) => iterableHelpers.get(r.helper)?.name ?? r.helper));
    const missing = Object.keys(helperModel).filter((name) => !covered.has(name) && !(name in WITHOUT_ROWS));
    assert.deepEqual(missing, []);
  });

  it('keeps known differences rare', () => {
    assert.ok(rows.filter((r) => r.knownDifference).length <= 3);
  });

  for (const row of rows) {
    it(`${row.id}: ${row.template}`, { skip: row.knownDifference ?? false }, () => {
      const result = renderTemplate(row.template, sampleOf(row.data), { now: NOW });
      if (row.expectSkip) {
        assert.ok(result.skipped, `expected Iterable to skip the send, got ${JSON.stringify(result)}`);
        return;
      }
      assert.equal(result.templateError, undefined, JSON.stringify(result.templateError));
      assert.equal(result.skipped, undefined, JSON.stringify(result.skipped));
      const expected = expectedOf(row);
      if (row.expectedPattern) assert.match(result.text ?? '', new RegExp(row.expectedPattern));
      else assert.equal(result.text, expected);
    });
  }
});

describe('Iterable conformance: the documented examples raise no error or warning in a payload', () => {
  const payloadWith = (row: Row) => {
    const value = row.placement === 'value' ? row.template : row.placement === 'escaped-string' ? JSON.stringify(row.template) : `"${row.template}"`;
    return `{ "userId": "{{userId}}", "traits": { "phones": { "{{phoneNumber}}": {} } }, "name": "Conformance", "properties": { "example": ${value} } }`;
  };
  for (const row of rows) {
    it(`${row.id}: ${row.template}`, { skip: row.knownDifference ?? false }, () => {
      const problems = validate(payloadWith(row)).filter((f) => (f.diagnostic.severity ?? 1) <= 2);
      if (row.payloadFinding) {
        assert.ok(problems.length > 0, 'the finding this row expects is missing');
        assert.deepEqual([...new Set(problems.map((f) => f.code))], [row.payloadFinding]);
      } else {
        assert.deepEqual(
          problems.map((f) => `${f.code}: ${f.covers}: ${f.message}`),
          [],
        );
      }
    });
  }
});
