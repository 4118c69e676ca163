/**
 * The one schema model (server/src/service/schema/schemaModel.ts): its walk, and the editor
 * annotation `x-regal-shape`, which is a keyword registered with ajv (checked), not prose.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { schemaAtPath, shapeOf, subschemaAt } from '../../server/src/service/schema/schemaModel';
import { createSchemaValidator } from '../../server/src/service/schema/schemaValidator';
import { regalSchema } from '../support/service';

describe('schema model', () => {
  const inlined = createSchemaValidator(regalSchema).inlinedSchema;

  it('marks each trait of the two payload shapes with x-regal-shape', () => {
    const shape = (key: string) => {
      const schema = subschemaAt(inlined, ['traits', key]);
      return schema && shapeOf(schema);
    };
    assert.deepEqual(['phone', 'email', 'optIn', 'phones', 'emails', 'firstName'].map(shape), ['legacy', 'legacy', 'legacy', 'current', 'current', undefined]);
  });

  it('reads the shape from the keyword only: a description saying "Legacy-shape" is prose', () => {
    assert.equal(shapeOf({ description: 'Legacy-shape phone number' }), undefined);
    assert.equal(shapeOf({ 'x-regal-shape': 'legacy' }), 'legacy');
    assert.equal(shapeOf({ 'x-regal-shape': 'old' }), undefined);
  });

  it('refuses a schema whose x-regal-shape is not one of the two shapes', () => {
    const schema = { type: 'object', properties: { phone: { type: 'string', 'x-regal-shape': 'legacyy' } } };
    assert.throws(() => createSchemaValidator(schema), /x-regal-shape/);
  });

  it('says how a path was reached: a named key, a keyed entry (a phone number), a free key, a refused key', () => {
    assert.equal(schemaAtPath(inlined, ['traits', 'phones', '+16505551234']).kind, 'defined');
    const phone = schemaAtPath(inlined, ['traits', 'phones', '+16505551234']);
    assert.ok(phone.kind === 'defined' && phone.keyed);
    assert.deepEqual(schemaAtPath(inlined, ['properties', 'plan', 'tier']), { kind: 'free', owner: ['properties', 'plan'] });
    const refused = schemaAtPath(inlined, ['eventSourc']);
    assert.equal(refused.kind, 'disallowed');
  });
});
