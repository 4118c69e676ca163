/**
 * The project's public home page, from package.json (`homepage`, else `repository`), for the links
 * the command line writes (SARIF rules' helpUri, the tool's informationUri). The project has no
 * public home yet, so today this is undefined and the SARIF rules carry their help text only.
 */
import manifest from '../../../package.json';

interface ManifestLinks {
  homepage?: unknown;
  repository?: unknown;
}

const SHORTHAND_HOSTS: Record<string, string> = { github: 'https://github.com', gitlab: 'https://gitlab.com', bitbucket: 'https://bitbucket.org' };

/** An `https://` page for `homepage`, or for `repository` as npm writes it (URL, `git+https://…`, `github:owner/name`, `owner/name`). */
export function projectHomeOf(links: ManifestLinks): string | undefined {
  if (typeof links.homepage === 'string' && links.homepage.startsWith('https://')) return links.homepage.replace(/#.*$/, '');
  const repository = typeof links.repository === 'object' && links.repository !== null ? (links.repository as { url?: unknown }).url : links.repository;
  if (typeof repository !== 'string') return undefined;
  const shorthand = /^(?:(github|gitlab|bitbucket):)?([\w.-]+\/[\w.-]+)$/.exec(repository);
  if (shorthand) return `${SHORTHAND_HOSTS[shorthand[1] ?? 'github']}/${(shorthand[2] as string).replace(/\.git$/, '')}`;
  const url = /^(?:git\+)?(https:\/\/[^#]+?)(?:\.git)?(?:#.*)?$/.exec(repository);
  return url ? url[1] : undefined;
}

export const projectHome = projectHomeOf(manifest as ManifestLinks);
