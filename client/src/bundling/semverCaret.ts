/**
 * What vscode-languageclient's Node client needs of `semver`, in place of that package (20 KB minified,
 * ~7 KB of the .vsix) in the extension's bundle (esbuild.mjs): its checkVersion() parses VS Code's
 * version, drops a pre-release tag and tests the version against REQUIRED_VSCODE_VERSION, a caret range
 * ('^1.91.0'). The rules are semver's (https://semver.org, https://github.com/npm/node-semver#caret-ranges-123-025-004);
 * a range of another form throws, so a language client that starts asking for one fails the
 * extension's tests instead of getting a wrong answer (test/unit/semverCaret.test.ts compares with semver).
 */
export interface ParsedVersion {
  major: number;
  minor: number;
  patch: number;
  prerelease: string[];
}

const NUMBER = '(0|[1-9]\\d*)';
const PRERELEASE_PART = '(?:0|[1-9]\\d*|\\d*[a-zA-Z-][a-zA-Z0-9-]*)';
/** semver's strict version syntax: no leading zeros, an optional `v`, a pre-release tag and build metadata. */
const VERSION = new RegExp(
  `^v?${NUMBER}\\.${NUMBER}\\.${NUMBER}(?:-(${PRERELEASE_PART}(?:\\.${PRERELEASE_PART})*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$`,
);
const CARET_RANGE = /^\^(\d+)\.(\d+)\.(\d+)$/;

/** semver's parse(): the version's parts, or null when it is not a version. */
export function parse(version: unknown): ParsedVersion | null {
  if (typeof version === 'object' && version !== null && 'prerelease' in version) return version as ParsedVersion;
  if (typeof version !== 'string') return null;
  const match = VERSION.exec(version.trim());
  if (!match) return null;
  const [major, minor, patch] = [match[1], match[2], match[3]].map(Number) as [number, number, number];
  if (![major, minor, patch].every(Number.isSafeInteger)) return null;
  return { major, minor, patch, prerelease: match[4] ? match[4].split('.') : [] };
}

/** semver's satisfies() for a caret range: same leftmost non-zero part, and not below the range's version. */
export function satisfies(version: ParsedVersion | string, range: string): boolean {
  const caret = CARET_RANGE.exec(range.trim());
  if (!caret)
    throw new Error(
      `The extension's bundle answers only caret version ranges such as ^1.91.0, not ${JSON.stringify(range)} (client/src/bundling/semverCaret.ts).`,
    );
  const parsed = parse(version);
  // A pre-release satisfies only a range that names a pre-release of the same version, which a caret range of three numbers does not.
  if (!parsed || parsed.prerelease.length > 0) return false;
  const [major, minor, patch] = [caret[1], caret[2], caret[3]].map(Number) as [number, number, number];
  const atLeast = parsed.major !== major ? parsed.major > major : parsed.minor !== minor ? parsed.minor > minor : parsed.patch >= patch;
  if (!atLeast) return false;
  if (major > 0) return parsed.major === major;
  if (minor > 0) return parsed.major === 0 && parsed.minor === minor;
  return parsed.major === 0 && parsed.minor === 0 && parsed.patch === patch;
}
