/**
 * Parses `regal-webhook fetch-fields [--region us|eu] [--api-base URL] [--out FILE]` (the key comes
 * from the ITERABLE_API_KEY environment variable, never from an argument, which `ps` and shell
 * history would show).
 */
import { DEFAULT_FIELDS_FILE_NAME } from '../protocol/contract';
import { isIterableRegion, type IterableRegion } from '../iterableApi/iterableBaseUrl';

export interface FetchFieldsOptions {
  region: IterableRegion;
  /** Replaces the region's host (tests: a loopback stand-in); https, or http on loopback only. */
  apiBase?: string;
  /** The catalog file to write (default iterable-fields.json). */
  out: string;
}

export const FETCH_FIELDS_USAGE = `fetch-fields: writes the merge-field catalog from Iterable's GET /api/users/getFields
(the key from the ITERABLE_API_KEY environment variable) through a temporary file, and
prints the fields added, removed and retyped. Exit 0 written or unchanged, 1 Iterable
failed (nothing written), 2 usage, missing key or a file error.
  --region us|eu               the project's data center (default: us)
  --api-base URL               another base URL (https, or http on loopback, for tests)
  --out FILE                   the catalog to write (default: ${DEFAULT_FIELDS_FILE_NAME})`;

/** `fail` throws the caller's UsageError with the message. */
export function parseFetchFields(argv: readonly string[], fail: (message: string) => never): FetchFieldsOptions | 'help' {
  const options: FetchFieldsOptions = { region: 'us', out: DEFAULT_FIELDS_FILE_NAME };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i] as string;
    if (argument === '-h' || argument === '--help') return 'help';
    if (!argument.startsWith('--')) fail(`fetch-fields takes no file names (got "${argument}"); name the catalog with --out.`);
    const eq = argument.indexOf('=');
    const name = eq === -1 ? argument : argument.slice(0, eq);
    const value = eq === -1 ? argv[++i] : argument.slice(eq + 1);
    if (value === undefined) fail(`${name} needs a value.`);
    if (name === '--region') {
      if (!isIterableRegion(value)) fail(`--region must be one of us, eu (got "${value}").`);
      options.region = value;
    } else if (name === '--api-base') options.apiBase = value;
    else if (name === '--out') options.out = value;
    else fail(`Unknown option ${name} for fetch-fields (its options are --region, --api-base and --out).`);
  }
  return options;
}
