/**
 * For the fast path of diagnostics (see payloadAnalysis.ts): whether payloadLints could report
 * anything on a view, decided on the parsed value alone. It must never say no where payloadLints
 * would report (a test compares both paths on every example and on mutated payloads); saying yes
 * too often only costs time, as payloadLints then runs on the tree and decides.
 *
 * Strings here are the view's text: a value mustache keeps its `{{`, so "has `{{`" stands for the
 * lints' "contains a template". A string whose block tags were blanked has no `{{` left and is
 * checked as written, which can only add a yes.
 */
import { isE164 } from '../regal/phoneNumbers';
import { regalEmittedEvents } from '../regal/regalEmittedEvents';

export function mayReportLints(instance: unknown): boolean {
  if (!isObject(instance)) return false; // payloadLints only reads objects
  if (!has(instance, 'traits')) return true; // missing-phone
  const traits = instance.traits;
  if (!isObject(traits)) return true; // missing-phone, unless a placeholder: let the tree decide
  if (has(traits, 'phone') || has(traits, 'optIn')) return true; // legacy-shape
  if (!has(traits, 'phones')) return true; // missing-phone
  const phones = traits.phones;
  if (isObject(phones)) {
    let numbers = 0;
    for (const number in phones) {
      numbers++;
      if (!number.includes('{{') && !isE164(number)) return true; // phone-format
    }
    if (numbers === 0) return true; // missing-phone
  }
  if (has(instance, 'name') && typeof instance.name === 'string' && !instance.name.includes('{{')) {
    const name = instance.name.trim();
    if (name === '' || regalEmittedEvents.has(name)) return true; // empty-event-name, reserved-event-name
  }
  return false;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function has(object: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}
