/**
 * The render budget (server/src/rendering/renderTemplate.ts with renderBudget.ts), in process: a
 * render over its output or time limit, a string past the engine's maximum and a template nested too
 * deep end in `stopped` ("rendering stopped: …") with no text, never in an exception; a cancelled
 * render stops; and a render reports the assumptions it relied on. No clock is asserted on: bounded
 * work shows in counts (budget checks through `isCancelled`, parser calls) and a clock that advances
 * one step per reading.
 */
import assert from 'node:assert/strict';
import Handlebars from 'handlebars';
import { describe, it } from 'node:test';
import { previewText, untrustedPreviewText } from '../../client/src/preview/previewText';
import { renderAssumptions } from '../../server/src/rendering/renderAssumptions';
import { MAX_NESTING, nestingDepth, renderTemplate, STOPPED_PREFIX, type RenderResult } from '../../server/src/rendering/renderTemplate';
import { emptySample, type SampleData } from '../../server/src/rendering/sampleData';
import { nestedReplace } from '../support/renderWorker';

const sample = (profile: Record<string, unknown>): SampleData => ({ profile, event: {} });

function assertStopped(result: RenderResult, kind: string, pattern: RegExp): void {
  assert.ok(result.stopped, `expected a stopped render, got ${JSON.stringify(result).slice(0, 300)}`);
  assert.equal(result.stopped.kind, kind, result.stopped.reason);
  assert.ok(result.stopped.reason.startsWith(STOPPED_PREFIX), result.stopped.reason);
  assert.match(result.stopped.reason, pattern);
  assert.equal(result.text, undefined, 'a stopped render has no text');
  assert.equal(result.json, undefined);
}

/** An `isCancelled` that never cancels and counts how often the budget was checked (once before rendering, once per helper call). */
function countingChecks(): { isCancelled: () => boolean; checks: () => number } {
  let checks = 0;
  return { isCancelled: () => (checks++, false), checks: () => checks };
}

/** Counts the calls of Handlebars' parser (the renderer's isolated instance shares it with the module). */
function countingParses(): { parses: () => number; restore: () => void } {
  const parser = (Handlebars as unknown as { Parser: { parse: (...args: unknown[]) => unknown } }).Parser;
  const original = parser.parse;
  let parses = 0;
  parser.parse = function (this: unknown, ...args: unknown[]) {
    parses++;
    return original.apply(this, args);
  };
  return { parses: () => parses, restore: () => void (parser.parse = original) };
}

describe('render budget: output', () => {
  it('stops a render whose final text is longer than maxOutputChars, even without a helper call', () => {
    const result = renderTemplate(`"${'x'.repeat(2_000)}"`, emptySample, { limits: { timeMs: 2_000, maxOutputChars: 1_000 } });
    assertStopped(result, 'budget', /output grew past 1,000 characters/);
  });

  it('keeps a render of exactly maxOutputChars characters', () => {
    const result = renderTemplate(`"${'x'.repeat(998)}"`, emptySample, { limits: { timeMs: 2_000, maxOutputChars: 1_000 } });
    assert.equal(result.stopped, undefined);
    assert.equal(result.text?.length, 1_000);
  });

  it('stops nested replace calls at the first one whose output is over the limit', () => {
    // A time limit no render here reaches: the output budget alone must stop it.
    const counted = countingChecks();
    const result = renderTemplate(nestedReplace(4), emptySample, { limits: { timeMs: 600_000, maxOutputChars: 5_000 }, isCancelled: counted.isCancelled });
    assertStopped(result, 'budget', /output grew past 5,000 characters/);
    // One check before rendering and one per call: the fourth call makes 10,000 a's, and nothing runs after it.
    assert.ok(counted.checks() <= 1 + 4, `${counted.checks()} budget checks`);
  });

  it('stops an {{#each}} whose output grows past the longest string JavaScript holds, without throwing', () => {
    const big = 'x'.repeat(2 ** 27);
    const result = renderTemplate('{{#each items}}{{{this}}}{{/each}}', sample({ items: [big, big, big, big, big] }), {
      limits: { timeMs: 10_000, maxOutputChars: 1_000 },
    });
    assert.ok(result.stopped, JSON.stringify(result).slice(0, 200));
    assert.ok(['length', 'budget'].includes(result.stopped.kind), result.stopped.reason);
    assert.equal(result.text, undefined);
  });
});

describe('render budget: time and cancellation', () => {
  // 200³ = 8,000,000 upper calls: no machine makes them within 0.1 s.
  const items = Array.from({ length: 200 }, (_, i) => `item ${i}`);
  const manyCalls = '{{#each items}}{{#each ../items}}{{#each ../../items}}{{upper this}}{{/each}}{{/each}}{{/each}}';
  const helperCalls = items.length ** 3;

  it('stops a render with many helper calls at the first budget check past its time limit', () => {
    // A clock that advances 1 ms per reading: the deadline (100 ms) is passed at the 101st check, whatever the machine's load.
    let now = 0;
    const counted = countingChecks();
    const result = renderTemplate(manyCalls, sample({ items }), {
      limits: { timeMs: 100, maxOutputChars: 100_000_000 },
      isCancelled: counted.isCancelled,
      clock: () => now++,
    });
    assertStopped(result, 'budget', /took longer than 0\.1 s/);
    assert.equal(counted.checks(), 101, 'no helper call after the first check past the deadline');
  });

  it('on the real clock, the time limit stops the render long before its last helper call', () => {
    const counted = countingChecks();
    const result = renderTemplate(manyCalls, sample({ items }), { limits: { timeMs: 100, maxOutputChars: 100_000_000 }, isCancelled: counted.isCancelled });
    assertStopped(result, 'budget', /took longer than 0\.1 s/);
    assert.ok(counted.checks() < helperCalls, `${counted.checks()} budget checks of ${helperCalls} helper calls`);
  });

  it('a cancelled render stops as superseded', () => {
    const result = renderTemplate('{"a": "{{upper x}}"}', sample({ x: 'y' }), { isCancelled: () => true });
    assertStopped(result, 'superseded', /superseded by a newer edit/);
  });
});

describe('render budget: nesting', () => {
  it('stops a template nested deeper than MAX_NESTING before parsing it (the parser is quadratic in depth)', () => {
    const depth = 20_000;
    const parser = countingParses();
    try {
      const blocks = renderTemplate(`{"a": "${'{{#if x}}'.repeat(depth)}y${'{{/if}}'.repeat(depth)}"}`, sample({ x: true }));
      assertStopped(blocks, 'depth', /nests blocks or subexpressions too deeply \(more than 256 levels\)/);
      const subexpressions = renderTemplate(`{"a": "{{upper ${'(lower '.repeat(depth)}x${')'.repeat(depth)}}}"}`, sample({ x: 'y' }));
      assertStopped(subexpressions, 'depth', /too deeply/);
      assert.equal(parser.parses(), 0, 'neither template reached the parser');
      // The count is the parser's: a template within the limit is parsed once.
      assert.equal(renderTemplate('{"a": "{{x}}"}', sample({ x: 'y' })).text, '{"a": "y"}');
      assert.equal(parser.parses(), 1);
    } finally {
      parser.restore();
    }
  });

  it('renders a template nested MAX_NESTING deep', () => {
    const depth = MAX_NESTING - 1;
    const result = renderTemplate(`{"a": "{{upper ${'{{#if x}}'.repeat(depth)}y${'{{/if}}'.repeat(depth)}"}`.replace('{{upper ', ''), sample({ x: true }));
    assert.equal(result.text, '{"a": "y"}', JSON.stringify(result).slice(0, 300));
  });

  it('counts blocks and subexpressions, not comments, strings or closed blocks', () => {
    assert.equal(nestingDepth('{{#if a}}{{#each b}}{{upper (lower (x))}}{{/each}}{{/if}}'), 4);
    assert.equal(nestingDepth('{{#if a}}{{/if}}{{#if b}}{{/if}}'), 1);
    assert.equal(nestingDepth("{{!-- {{#if}}{{#if}} --}}{{! (((( }}{{replace x '((((' ')'}}"), 0);
    assert.equal(nestingDepth('{"a": "((((("}'), 0);
  });
});

describe('render assumptions', () => {
  it('a render with text reports workflow-fields; escaping adds html-escaping; every id has a text', () => {
    const plain = renderTemplate('{"a": "{{name}}"}', sample({ name: 'Ada' }));
    assert.deepEqual(plain.assumptions, ['workflow-fields']);
    const escaped = renderTemplate('{"a": "{{name}}"}', sample({ name: "O'Brien" }));
    assert.ok(escaped.escaping);
    assert.deepEqual(escaped.assumptions, ['html-escaping', 'workflow-fields']);
    for (const id of escaped.assumptions ?? []) assert.ok(renderAssumptions[id].length > 0);
  });

  it('a render that produced no text reports no workflow assumption', () => {
    assert.equal(renderTemplate('{{#if}}', emptySample).assumptions?.includes('workflow-fields') ?? false, false);
  });

  it('helpers record assumptions through data.regalAssumptions, in renderAssumptions order', () => {
    // {{now}} without a format and hmacSHA256 without Iterable's secret rely on undocumented behaviour.
    const result = renderTemplate(`{"at": "{{now}}", "sig": "{{hmacSHA256 'x'}}"}`, emptySample, { now: new Date(0) });
    assert.equal(result.stopped, undefined);
    const recorded = (result.assumptions ?? []).filter((a) => a !== 'workflow-fields');
    assert.ok(
      recorded.some((a) => a === 'now-format' || a === 'hmac-secret'),
      `assumptions: ${JSON.stringify(result.assumptions)}`,
    );
    const order = Object.keys(renderAssumptions);
    assert.deepEqual(
      [...(result.assumptions ?? [])].sort((a, b) => order.indexOf(a) - order.indexOf(b)),
      result.assumptions,
    );
  });
});

describe('preview header', () => {
  const base = { sourceName: 'big.regal.json', sampleName: 'regal.sample.json' };
  it('a stopped render shows "Rendering stopped: …" and no body', () => {
    const template = `"${'x'.repeat(2_000)}"`;
    const rendered = renderTemplate(template, emptySample, { limits: { timeMs: 2_000, maxOutputChars: 1_000 } });
    const lines = previewText({ ...base, template, rendered }).split('\n');
    assert.equal(lines[0], '// Rendered big.regal.json with sample data from regal.sample.json.');
    assert.match(
      lines[1] ?? '',
      /^\/\/ Rendering stopped: the output grew past 1,000 characters\. .* Nothing rendered for big\.regal\.json; the preview renders it again when you edit it\.$/,
    );
    assert.deepEqual(lines.slice(2), ['']);
  });

  it('lists each assumption the render reports on one // line, with the text of renderAssumptions', () => {
    const template = '{"a": "{{name}}"}';
    const plain = previewText({ ...base, template, rendered: renderTemplate(template, sample({ name: 'Ada' })) }).split('\n');
    assert.ok(plain.includes(`// Assumed: ${renderAssumptions['workflow-fields']}`), plain.join('\n'));
    const escaped = previewText({ ...base, template, rendered: renderTemplate(template, sample({ name: "O'Brien" })) }).split('\n');
    assert.equal(escaped[1], `// Assumed: ${renderAssumptions['html-escaping']}`);
    assert.match(escaped[2] ?? '', /^\/\/ Note: \{\{ \}\} HTML-escaped a value/);
    assert.equal(escaped[3], `// Assumed: ${renderAssumptions['workflow-fields']}`);
    assert.deepEqual(JSON.parse(escaped.filter((l) => !l.startsWith('//')).join('\n')), { a: 'O&#x27;Brien' });
  });

  it('an untrusted workspace: not rendered, with why and how to trust it', () => {
    const text = untrustedPreviewText('a.regal.json');
    assert.match(text, /^\/\/ Not rendered: this workspace is not trusted\./);
    assert.match(text, /Workspaces: Manage Workspace Trust/);
    assert.ok(text.split('\n').every((line) => line === '' || line.startsWith('// ')));
  });
});
