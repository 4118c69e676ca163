/**
 * `regal-webhook fetch-fields`: the field catalog from Iterable's `GET /api/users/getFields`, for CI and
 * for anyone without the editor. The key comes from ITERABLE_API_KEY. Prints what changed (added,
 * removed, retyped) and writes the catalog through a temporary file renamed over the target, so a failed
 * fetch or write never leaves the old catalog truncated; an unchanged catalog is not rewritten, and an
 * existing file that is not a catalog is never replaced.
 *
 * Exit codes: 0 written or unchanged, 1 Iterable failed (nothing written), 2 usage, missing key, or a
 * file that cannot be read, written or replaced.
 */
import { randomBytes } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { catalogChanges, catalogText, describeChanges, hasChanges, nameList, replaceableAsCatalog } from '../iterableApi/catalogUpdate';
import { checkIterableKey, iterableBaseUrl } from '../iterableApi/iterableBaseUrl';
import { IterableClient } from '../iterableApi/iterableClient';
import { fetchFields } from '../iterableApi/iterableRequests';
import { redactSecret } from '../security/redact';
import type { CliOutput } from './checkFiles';
import type { FetchFieldsOptions } from './fetchFieldsArguments';
import { printable, readInputFile } from './readInputFile';

export interface FetchFieldsEnvironment {
  env: NodeJS.ProcessEnv;
  cwd: string;
  fetch?: typeof globalThis.fetch;
  signal?: AbortSignal;
}

export async function fetchFieldsCommand(options: FetchFieldsOptions, io: CliOutput, environment: FetchFieldsEnvironment): Promise<number> {
  const rawKey = environment.env.ITERABLE_API_KEY;
  if (rawKey === undefined || rawKey.trim() === '') {
    io.err(
      'regal-webhook fetch-fields: set the ITERABLE_API_KEY environment variable to a server-side or read-only Iterable API key (Integrations > API Keys in Iterable).',
    );
    return 2;
  }
  const key = checkIterableKey(rawKey);
  if (!key.ok) {
    io.err(`regal-webhook fetch-fields: ITERABLE_API_KEY cannot be used: ${key.message}`);
    return 2;
  }
  const base = iterableBaseUrl(options.region, options.apiBase, '--api-base');
  if (!base.ok) {
    io.err(`regal-webhook fetch-fields: ${base.message}`);
    return 2;
  }
  const target = path.resolve(environment.cwd, options.out);
  const shown = path.relative(environment.cwd, target) || options.out;

  // Read the current catalog first: a file we could not replace safely is reported before any request.
  let previous: string | undefined;
  const current = await readInputFile(target);
  if (current.ok) previous = current.text;
  else if (current.reason !== 'no such file') {
    io.err(printable(`${shown}: cannot read the current catalog (${current.reason}); nothing fetched.`));
    return 2;
  }

  const client = new IterableClient({
    baseUrl: base.url,
    apiKey: key.key,
    keySource: 'the key in ITERABLE_API_KEY',
    regionSource: '--region',
    ...(options.apiBase ? {} : { region: options.region }),
    ...(environment.fetch ? { fetch: environment.fetch } : {}),
  });
  const result = await fetchFields(client, environment.signal);
  if (!result.ok) {
    io.err(`regal-webhook fetch-fields: ${result.failure.message} ${shown} was not changed.`);
    return 1;
  }
  const { fields, ignored } = result.value;
  if (ignored.length > 0)
    io.err(
      printable(
        `Ignored ${ignored.length} entr${ignored.length === 1 ? 'y' : 'ies'} without a name or a type: ${nameList(ignored.map((name) => JSON.stringify(name)))}.`,
      ),
    );
  const changes = catalogChanges(previous, fields);
  // --out names a file; one that is not a catalog (a typo: --out package.json) is never replaced.
  if (previous !== undefined && !replaceableAsCatalog(previous)) {
    io.err(
      printable(
        `regal-webhook fetch-fields: ${shown} is not a field catalog ({"fields": {…}}), so it was not replaced: delete it or name another file with --out.`,
      ),
    );
    return 2;
  }
  io.out(`Fetched ${fields.size} field${fields.size === 1 ? '' : 's'} from ${client.host}.`);
  for (const line of describeChanges(changes, fields.size, 50)) io.out(printable(line));
  const text = catalogText(fields);
  if (!hasChanges(changes) && previous === text) {
    io.out(`${shown} is up to date.`);
    return 0;
  }
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, text, { encoding: 'utf8', flag: 'wx' });
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    io.err(printable(redactSecret(`regal-webhook fetch-fields: could not write ${shown} (${code}); the old file, if any, is unchanged.`, key.key)));
    return 2;
  }
  io.out(`Wrote ${shown}.`);
  return 0;
}
