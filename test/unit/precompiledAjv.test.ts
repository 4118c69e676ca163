/**
 * The bundles validate with ajv code generated at build time (scripts/precompiledAjv.mjs) instead of
 * ajv's compiler: built here with the same plugin, the bundled schemaValidator.ts must report exactly
 * what the source does on ajv (payloads valid and broken in every way the schema checks), and must
 * refuse a schema or options it was not generated for.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import type { ErrorObject } from 'ajv';
import { createSchemaValidator } from '../../server/src/service/schema/schemaValidator';
import { repoRoot } from '../support/service';

type ValidatorModule = typeof import('../../server/src/service/schema/schemaValidator') & { schema: Record<string, unknown> };

async function bundledValidatorModule(): Promise<{ module: ValidatorModule; code: string }> {
  const { precompiledAjv } = (await import(path.join(repoRoot, 'scripts', 'precompiledAjv.mjs'))) as { precompiledAjv: () => esbuild.Plugin };
  const result = await esbuild.build({
    stdin: {
      contents: `export * from './server/src/service/schema/schemaValidator';\nexport { default as schema } from './schemas/regal-event.schema.json';`,
      resolveDir: repoRoot,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    plugins: [precompiledAjv()],
  });
  const code = result.outputFiles[0]!.text;
  const module = { exports: {} as ValidatorModule };
  new Function('module', 'exports', 'require', code)(module, module.exports, createRequire(path.join(repoRoot, 'package.json')));
  return { module: module.exports, code };
}

/** What a finding is made of (the schema objects are copies in the generated code, so they are compared as JSON). */
const comparable = (errors: ErrorObject[]) => JSON.parse(JSON.stringify(errors)) as unknown;

describe('precompiled schema validation in the bundles', () => {
  let bundled: ValidatorModule;
  let code: string;
  before(async () => {
    ({ module: bundled, code } = await bundledValidatorModule());
  });

  it('bundles no ajv compiler', () => {
    assert.ok(!code.includes('ajv/dist/compile'), 'no ajv compile module in the bundle');
    assert.ok(!/\bnew CodeGen\b|class CodeGen\b/.test(code), 'no code generator');
  });

  it('reports what ajv reports, for valid and broken payloads', () => {
    const schema = JSON.parse(readFileSync(path.join(repoRoot, 'schemas', 'regal-event.schema.json'), 'utf8')) as Record<string, unknown>;
    const fromSource = createSchemaValidator(schema);
    const fromBundle = bundled.createSchemaValidator(bundled.schema);
    const instances: unknown[] = [
      { userId: 'u-1', traits: { firstName: 'Ada', phones: [{ phoneNumber: '+16505551234', voice: { optIn: true } }] } },
      { userId: 'u-1', name: 'Signup Completed', properties: { plan: 'gold' }, eventSource: 'iterable' },
      {},
      [],
      'text',
      { userId: 42, traits: { firstName: true, phones: 'x', extra: { a: 1 } }, properties: [], eventSource: 7, name: '' },
      { traits: { phones: [{ phoneNumber: 5, voice: { optIn: 'yes' } }] }, unknownKey: null },
      { name: 'Signup', properties: { plan: 'gold' }, originalTimestamp: false, timestamp: {} },
    ];
    let reported = 0;
    for (const instance of instances) {
      const expected = fromSource.validate(instance);
      reported += expected.length;
      assert.deepEqual(comparable(fromBundle.validate(instance)), comparable(expected), JSON.stringify(instance));
    }
    assert.ok(reported > 10, `the broken payloads raise findings (${reported})`);
  });

  it('refuses a schema or options it was not generated for', () => {
    assert.throws(() => bundled.createSchemaValidator({ type: 'object' }), /validates only the schema and ajv options it was built with/);
  });
});
