/** Helpers over lists and objects (docs/iterable.md §2.5): min/max, sort, group, lookup, assign, length, join. */
import type { HelperName } from '../../service/iterable/iterableHelpers';
import { compare, isMissing, text, valueAt, type HelperImplementation, type HelperOptions } from './runtime';

const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** `field='price'` or `field='date,method'` (dot paths allowed), or a positional field name. */
function fieldsOf(options: HelperOptions, positional: unknown): string[] {
  const written = text(options.hash.field ?? positional);
  return written
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
}

const keyOf = (item: unknown, field: string | undefined) => (field ? valueAt(item, field) : item);

function extreme(direction: 1 | -1): HelperImplementation {
  return function (args, options) {
    const [field] = fieldsOf(options, args[1]);
    let best: unknown;
    for (const item of listOf(args[0])) {
      if (isMissing(keyOf(item, field))) continue;
      if (best === undefined || compare(keyOf(item, field), keyOf(best, field)) * direction > 0) best = item;
    }
    if (best === undefined) return options.inverse?.(this) ?? '';
    return options.fn ? options.fn(best) : text(best);
  };
}

/** Iterable groups at most this many items ([S46]). */
const MAX_GROUPED = 100;

export const lists = {
  minInList: extreme(-1),
  maxInList: extreme(1),
  sortBy(args, options) {
    const fields = fieldsOf(options, args[1]);
    const descending = text(options.hash.order ?? args[2]).toLowerCase() === 'desc' || options.hash.desc === true;
    const sorted = [...listOf(args[0])].sort((a, b) => {
      for (const field of fields) {
        const order = compare(valueAt(a, field), valueAt(b, field));
        if (order !== 0) return descending ? -order : order;
      }
      return 0;
    });
    return options.fn ? options.fn(sorted, { blockParams: [sorted] }) : '';
  },
  groupBy(args, options) {
    const fields = fieldsOf(options, args[1]);
    const groups: Array<{ key: unknown; items: unknown[]; count: number }> = [];
    const byKey = new Map<string, { key: unknown; items: unknown[]; count: number }>();
    for (const item of listOf(args[0]).slice(0, MAX_GROUPED)) {
      const key = fields.length === 1 ? valueAt(item, fields[0] as string) : Object.fromEntries(fields.map((f) => [f, valueAt(item, f)]));
      const id = JSON.stringify(key) ?? 'undefined';
      let group = byKey.get(id);
      if (!group) {
        group = { key, items: [], count: 0 };
        byKey.set(id, group);
        groups.push(group);
      }
      group.items.push(item);
      group.count++;
    }
    return options.fn ? options.fn(groups, { blockParams: [groups] }) : '';
  },
  assign(args, options) {
    // The branch becomes a string variable of the template: `{{#assign 'x'}}…{{/assign}}` then `{{x}}`.
    const root = options.data?.root;
    if (root && options.fn) root[text(args[0])] = options.fn(this);
    return '';
  },
  lookup(args, options) {
    const [collection, key] = args;
    // The key is a path (`a.b`) unless `resolveKey=false` says it holds periods of its own ([S33]).
    const found = options.hash.resolveKey === false ? (collection as Record<string, unknown> | undefined)?.[text(key)] : valueAt(collection, text(key));
    const value = isMissing(collection) || typeof collection !== 'object' ? undefined : found;
    if (options.fn) return isMissing(value) ? (options.inverse?.(this) ?? '') : options.fn(value, { blockParams: [value] });
    return value;
  },
  catalog(_args, options) {
    // The preview has no Catalog: the branch renders with no item fields.
    options.data?.regalAssumptions?.add('catalog');
    return options.fn ? options.fn({}, { blockParams: [{}] }) : '';
  },
  length(args) {
    const value = args[0];
    if (Array.isArray(value) || typeof value === 'string') return value.length;
    if (value && typeof value === 'object') return Object.keys(value).length;
    return 0;
  },
  join(args, options) {
    // `{{join list ', '}}`, or `{{join a b c ', '}}` (the last argument separates).
    const [items, separator] = Array.isArray(args[0])
      ? [args[0] as unknown[], args.length > 1 ? text(args[1]) : ',']
      : [args.slice(0, -1), text(args[args.length - 1])];
    const prefix = text(options.hash.prefix);
    const suffix = text(options.hash.suffix);
    return (
      prefix +
      items
        .filter((item) => !isMissing(item))
        .map(text)
        .join(separator) +
      suffix
    );
  },
} satisfies Partial<Record<HelperName, HelperImplementation>>;
