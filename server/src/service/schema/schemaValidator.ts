/**
 * Compiles the Regal schema once with ajv and validates instances. The schema is injected (the
 * server bundles schemas/regal-event.schema.json), so tests can validate against other schemas.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';

/** Annotation keywords our schemas carry for editors (hover, completion), ignored by validation. */
const EDITOR_KEYWORDS = ['markdownDescription', 'defaultSnippets', 'deprecationMessage', 'errorMessage'];

export interface SchemaValidator {
  readonly schema: Record<string, unknown>;
  validate(instance: unknown): ErrorObject[];
}

export function createSchemaValidator(schema: Record<string, unknown>): SchemaValidator {
  // verbose: errors carry parentSchema (allowed keys for "did you mean") and the offending data.
  const ajv = new Ajv({ allErrors: true, strict: true, verbose: true, allowUnionTypes: true });
  ajv.addVocabulary(EDITOR_KEYWORDS);
  const compiled: ValidateFunction = ajv.compile(schema);
  return {
    schema,
    validate(instance: unknown): ErrorObject[] {
      return compiled(instance) ? [] : [...(compiled.errors ?? [])];
    },
  };
}
