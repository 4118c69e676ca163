/**
 * Whether a JSON text reads as a Regal webhook payload (the `regal/looksLikePayload` request): the
 * client asks for `.json` files that are not `*.regal.json` and hold Handlebars, and then offers to
 * rename them or to associate them with the `regal-webhook` language.
 */
import { parseTree } from 'jsonc-parser';
import type { LooksLikePayloadResult } from '../../protocol/contract';
import { parseTemplate } from '../template/templateModel';

/** Top-level keys only Regal's events API payloads have together with Handlebars (`name` counts with `properties`). */
const PAYLOAD_KEYS = ['traits', 'userId', 'eventSource'] as const;

/**
 * Whether `text` holds Handlebars (`{{`) and its top-level object has the keys of Regal's events API:
 * `traits`, `userId` or `eventSource`, or `name` with `properties`.
 */
export function readsAsRegalPayload(text: string): LooksLikePayloadResult {
  if (!text.includes('{{')) return { looksLike: false, reason: 'no Handlebars' };
  // The JSON the template renders when every condition holds, mustaches blanked (the server's view 0):
  // `"subscribed": {{#if x}}true{{else}}false{{/if}}` reads as `"subscribed": true`.
  let json: string;
  try {
    json = parseTemplate(text).view(0).text;
  } catch {
    return { looksLike: false, reason: 'not a template the extension can read' };
  }
  const root = parseTree(json, [], { allowTrailingComma: true });
  if (root?.type !== 'object') return { looksLike: false, reason: 'no JSON object at the top level' };
  const keys = new Set((root.children ?? []).map((property) => property.children?.[0]?.value).filter((key): key is string => typeof key === 'string'));
  const found = PAYLOAD_KEYS.find((key) => keys.has(key));
  if (found) return { looksLike: true, reason: `top-level "${found}"` };
  if (keys.has('name') && keys.has('properties')) return { looksLike: true, reason: 'top-level "name" and "properties"' };
  return { looksLike: false, reason: "none of the events API's top-level keys" };
}
