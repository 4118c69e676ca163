// esbuild plugin (esbuild.mjs): the bundles validate payloads with code ajv generates at build time
// for the one schema they ship, instead of bundling ajv's compiler to generate that same code at
// startup. ajv with its URI parser is ~145 KB minified (~47 KB of the .vsix); the generated validator
// of schemas/regal-event.schema.json is a fraction of that.
//
// server/src/service/schema/schemaValidator.ts is unchanged (and unit tests still run it on ajv):
// in a bundle, its `import Ajv from 'ajv'` gets a stand-in whose compile() returns the generated
// function. The stand-in checks that it is asked for the schema and the options it was generated
// from, and throws otherwise: a changed schema or option can never run on a stale validator.
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VALIDATOR_MODULE = 'regal-precompiled-schema-validator';
/** The name ajv's standalone code gives the root schema. */

/** FNV-1a over a JSON text: a fingerprint, so the stand-in can tell a different schema or option. */
const FINGERPRINT_SOURCE = `function fingerprint(value) {
  const text = JSON.stringify(value);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return text.length + ':' + hash;
}`;
const fingerprint = new Function(`${FINGERPRINT_SOURCE}; return fingerprint;`)();

/** Runs schemaValidator.ts's own options and `$ref` inlining on the bundled schema, and ajv's standalone code generation. */
async function generate() {
  const probe = await esbuild.build({
    stdin: {
      contents: `export { AJV_OPTIONS, addSchemaAnnotations, inlineLocalRefs } from './server/src/service/schema/schemaValidator';
export { default as schema } from './schemas/regal-event.schema.json';`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'warning',
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', probe.outputFiles[0].text)(module, module.exports, createRequire(path.join(root, 'package.json')));
  const { AJV_OPTIONS, addSchemaAnnotations, inlineLocalRefs, schema } = module.exports;
  const inlined = inlineLocalRefs(schema);
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
  addSchemaAnnotations(ajv);
  const code = standaloneCode(ajv, ajv.compile(inlined));
  // The code holds a copy of the whole schema (errors point at their schema objects, `verbose`); the
  // bundle has the schema already, so the code gets it from compile() instead of a second copy.
  // ajv numbers its constants (schema11, or another number once keywords with meta-schemas are
  // registered): find the one that holds the schema.
  const value = ` = ${JSON.stringify(inlined)};`;
  const at = code.indexOf(value);
  const name = at === -1 ? null : /const (schema\d+)$/.exec(code.slice(Math.max(0, at - 40), at));
  if (!name) throw new Error("precompiledAjv: ajv's generated code no longer holds the schema as a constant; update scripts/precompiledAjv.mjs.");
  const SCHEMA_CONSTANT = name[1];
  const copy = `const ${SCHEMA_CONSTANT}${value}`;
  if (code.split(copy).length !== 2)
    throw new Error('precompiledAjv: the schema appears more than once in the generated code; update scripts/precompiledAjv.mjs.');
  const factory = `module.exports = function validatorFor(${SCHEMA_CONSTANT}) {
const module = { exports: {} };
${code.replace(copy, '')}
return module.exports;
};`;
  return { code: factory, schemaKey: fingerprint(inlined), optionsKey: fingerprint({ ...AJV_OPTIONS }) };
}

function standIn(schemaKey, optionsKey) {
  return `import validatorFor from '${VALIDATOR_MODULE}';
${FINGERPRINT_SOURCE}
export default class PrecompiledAjv {
  constructor(options) {
    this.optionsKey = fingerprint(options);
  }
  addKeyword() {}
  compile(schema) {
    if (this.optionsKey !== ${JSON.stringify(optionsKey)} || fingerprint(schema) !== ${JSON.stringify(schemaKey)}) {
      throw new Error('This bundle validates only the schema and ajv options it was built with (scripts/precompiledAjv.mjs): rebuild it.');
    }
    return validatorFor(schema);
  }
}
`;
}

export function precompiledAjv() {
  let generated;
  return {
    name: 'precompiled-ajv',
    setup(build) {
      build.onResolve({ filter: /^ajv$/ }, (args) =>
        /[\\/]schemaValidator\.ts$/.test(args.importer)
          ? { path: 'ajv', namespace: 'precompiled-ajv', pluginData: { resolveDir: args.resolveDir } }
          : undefined,
      );
      build.onResolve({ filter: new RegExp(`^${VALIDATOR_MODULE}$`) }, (args) => ({
        path: VALIDATOR_MODULE,
        namespace: 'precompiled-ajv',
        pluginData: args.pluginData,
      }));
      build.onLoad({ filter: /.*/, namespace: 'precompiled-ajv' }, async (args) => {
        generated ??= generate();
        const { code, schemaKey, optionsKey } = await generated;
        // The generated code requires ajv's small runtime helpers (ajv/dist/runtime/…), resolved from schemaValidator.ts.
        const resolveDir = args.pluginData?.resolveDir ?? path.join(root, 'server/src/service/schema');
        return args.path === VALIDATOR_MODULE
          ? { contents: code, loader: 'js', resolveDir }
          : { contents: standIn(schemaKey, optionsKey), loader: 'js', resolveDir, pluginData: { resolveDir } };
      });
    },
  };
}
