/**
 * Generates payload templates of a chosen size for the benchmark, shaped like real Iterable → Regal
 * bodies grown large: a contact in the current shape (phones/emails objects with opt-ins), many
 * custom traits, and an event whose properties hold line items. Every value that varies is a merge
 * field, with some helpers (`defaultIfEmpty`, `#if`/`else` inside strings and as boolean values)
 * so the template side is exercised, not only the JSON side. Deterministic: the same size always
 * gives the same text, so runs compare.
 */

/** One line item of the event's properties: about 600 bytes, 9 merge fields, two blocks. */
function lineItem(i: number): string {
  return `      {
        "sku": "{{items.[${i}].sku}}",
        "name": "{{defaultIfEmpty items.[${i}].name 'unnamed'}}",
        "quantity": {{defaultIfEmpty items.[${i}].quantity 1}},
        "unitPrice": {{defaultIfEmpty items.[${i}].price 0}},
        "category": "{{#if items.[${i}].category}}{{items.[${i}].category}}{{else}}none{{/if}}",
        "giftWrapped": {{#if items.[${i}].giftWrap}}true{{else}}false{{/if}},
        "note": "{{items.[${i}].note}}",
        "warehouse": "wh-${i % 7}",
        "tags": ["{{items.[${i}].tag1}}", "{{items.[${i}].tag2}}", "static-${i % 5}"]
      }`;
}

function customTrait(i: number): string {
  switch (i % 4) {
    case 0:
      return `    "custom_field_${i}": "{{custom_field_${i}}}"`;
    case 1:
      return `    "custom_score_${i}": {{defaultIfEmpty custom_score_${i} 0}}`;
    case 2:
      return `    "custom_label_${i}": "{{defaultIfEmpty custom_label_${i} 'n/a'}}"`;
    default:
      return `    "custom_flag_${i}": {{#if custom_flag_${i}}}true{{else}}false{{/if}}`;
  }
}

function payload(traitCount: number, itemCount: number): string {
  const traits = Array.from({ length: traitCount }, (_, i) => customTrait(i));
  const items = Array.from({ length: itemCount }, (_, i) => lineItem(i));
  return `{
  "userId": "{{userId}}",
  "traits": {
    "firstName": "{{firstName}}",
    "lastName": "{{lastName}}",
    "phones": {
      "{{phoneNumber}}": {
        "isPrimary": true,
        "label": "mobile",
        "voiceOptIn": { "subscribed": {{#if voiceOptIn}}true{{else}}false{{/if}}, "source": "{{leadSource}}" },
        "smsOptIn": { "subscribed": true, "source": "{{leadSource}}" }
      }
    },
    "emails": {
      "{{email}}": { "isPrimary": true, "emailOptIn": { "subscribed": true, "source": "{{leadSource}}" } }
    },
    "address": { "street": "{{street}}", "city": "{{city}}", "state": "{{state}}", "zipcode": "{{zip}}", "country": "US" }${traits.length > 0 ? ',\n' + traits.join(',\n') : ''}
  },
  "name": "Order Placed",
  "properties": {
    "orderId": "{{orderId}}",
    "total": {{defaultIfEmpty orderTotal 0}},
    "currency": "{{defaultIfEmpty currency 'USD'}}",
    "items": [
${items.join(',\n')}
    ]
  },
  "eventSource": "iterable"
}
`;
}

/**
 * A template of about `targetBytes` (UTF-16 code units; the text is ASCII): a quarter of the growth
 * in traits, the rest in line items, as real large payloads grow in both.
 */
export function generatePayload(targetBytes: number): string {
  const base = payload(0, 0).length;
  const traitBytes = customTrait(1).length + 2;
  const itemBytes = lineItem(100).length + 2;
  const growth = Math.max(0, targetBytes - base);
  const traitCount = Math.floor((growth * 0.25) / traitBytes);
  const itemCount = Math.max(1, Math.round((growth - traitCount * traitBytes) / itemBytes));
  return payload(traitCount, itemCount);
}

/**
 * Sample data that matches a template from generatePayload: every merge field it reads has a value
 * (custom traits and line items by their index), so a render does the work a real send would.
 */
export function generateSample(template: string): { profile: Record<string, unknown>; event: Record<string, unknown> } {
  const profile: Record<string, unknown> = {
    userId: 'user-1815',
    firstName: 'Ada',
    lastName: 'Lovelace',
    phoneNumber: '+16505551234',
    voiceOptIn: true,
    leadSource: 'website',
    email: 'ada@example.com',
    street: '12 Analytical Row',
    city: 'London',
    state: 'LN',
    zip: '10001',
  };
  for (const match of template.matchAll(/\{\{(?:#if |defaultIfEmpty )?custom_(field|score|label|flag)_(\d+)/g)) {
    const [, kind, index] = match;
    const name = `custom_${kind}_${index}`;
    profile[name] = kind === 'score' ? Number(index) : kind === 'flag' ? Number(index) % 2 === 0 : `${kind} ${index}`;
  }
  let itemCount = 0;
  for (const match of template.matchAll(/items\.\[(\d+)\]/g)) itemCount = Math.max(itemCount, Number(match[1]) + 1);
  const items = Array.from({ length: itemCount }, (_, i) => ({
    sku: `SKU-${i}`,
    name: `Item ${i}`,
    quantity: (i % 3) + 1,
    price: 9.99 + i,
    category: i % 2 === 0 ? 'books' : '',
    giftWrap: i % 3 === 0,
    note: `note ${i}`,
    tag1: 'new',
    tag2: 'sale',
  }));
  return { profile, event: { orderId: 'order-42', orderTotal: 123.45, currency: 'USD', items } };
}
