/**
 * The extension manifest (package.json) and what `npm run package` puts in the .vsix, checked
 * cheaply without running vsce: every contributed file exists, every command has a title, an
 * activation event and a registration in code the extension actually loads, menus and settings
 * refer to things that exist, and .vscodeignore keeps sources, tests and node_modules out while
 * keeping what runs.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../support/service';

interface WalkthroughStep {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string };
  completionEvents?: string[];
}

interface Manifest {
  main: string;
  browser: string;
  icon: string;
  license: string;
  engines: { vscode: string };
  activationEvents: string[];
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
  contributes: {
    languages: Array<{ id: string; configuration: string; filenamePatterns: string[] }>;
    grammars: Array<{ language: string; path: string }>;
    snippets: Array<{ language: string; path: string }>;
    commands: Array<{ command: string; title: string; category?: string }>;
    menus: Record<string, Array<{ command: string }>>;
    configuration: { properties: Record<string, { scope?: string }> };
    configurationDefaults: Record<string, unknown>;
    walkthroughs: Array<{ id: string; title: string; description: string; steps: WalkthroughStep[] }>;
  };
  capabilities: { untrustedWorkspaces: { supported: string | boolean; restrictedConfigurations?: string[] } };
}

const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;
const read = (relative: string) => readFileSync(path.join(repoRoot, relative), 'utf8');
const exists = (relative: string) => existsSync(path.join(repoRoot, relative));

/**
 * Whether vsce puts a file in the .vsix: its own rules (collectFiles in @vscode/vsce's package.js: its
 * default ignore list, each .vscodeignore line also as a folder, package.json and README.md always in),
 * with its own minimatch. Listing the files with vsce itself takes ~20 s (it walks node_modules).
 */
const vsceRequire = createRequire(path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'package.json'));
const { minimatch } = vsceRequire('minimatch') as { minimatch: (file: string, pattern: string, options: { dot: boolean }) => boolean };
const VSCE_DEFAULT_IGNORE = [
  '.vscodeignore',
  'package-lock.json',
  'CONTRIBUTING.md',
  '.github',
  '**/.git',
  '**/.git/**',
  '**/*.vsix',
  '**/.DS_Store',
  '**/.vscode-test/**',
];
function packaged(file: string): boolean {
  const lines = read('.vscodeignore')
    .split(/[\n\r]/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const ignore = [
    ...VSCE_DEFAULT_IGNORE,
    ...lines,
    ...lines.filter((l) => !/(^|\/)[^/]*\*[^/]*$/.test(l)).map((l) => (l.endsWith('/') ? `${l}**` : `${l}/**`)),
  ];
  return ['package.json', 'README.md'].includes(file) || !ignore.some((pattern) => minimatch(file, pattern, { dot: true }));
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(relative: string): { width: number; height: number } {
  const bytes = readFileSync(path.join(repoRoot, relative));
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', `${relative} is a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The command ids of a walkthrough step's buttons: lines that are only a `[label](command:id)` link. */
function stepButtons(step: WalkthroughStep): string[] {
  return step.description.split('\n').flatMap((line) => {
    const match = /^\[[^\]]+\]\(command:(?:toSide:)?([\w.-]+)(?:\?[^)]*)?\)$/.exec(line.trim());
    return match ? [match[1] as string] : [];
  });
}

/** The client files the extension loads: extension.ts and every relative import from it, transitively. */
function loadedClientFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    const text = readFileSync(file, 'utf8');
    files.set(file, text);
    for (const match of text.matchAll(/^\s*(?:import|export)\b[^'";]*?from\s+'(\.[^']+)'/gm)) {
      const base = path.resolve(path.dirname(file), match[1] as string);
      const target = [`${base}.ts`, path.join(base, 'index.ts'), base].find(
        (candidate) => existsSync(candidate) && (candidate !== base || base.endsWith('.json')),
      );
      assert.ok(target, `${path.relative(repoRoot, file)} imports ${match[1]}, which exists`);
      visit(target as string);
    }
  };
  visit(path.join(repoRoot, 'client', 'src', 'extension.ts'));
  return files;
}

/** Command ids passed to registerCommand in the loaded files (string literals or string constants). */
function registeredCommands(): Set<string> {
  const files = [...loadedClientFiles().values()];
  const constants = new Map<string, string>();
  for (const text of files) for (const m of text.matchAll(/\bconst\s+([A-Z_a-z$][\w$]*)\s*=\s*'([^']+)'/g)) constants.set(m[1] as string, m[2] as string);
  const ids = new Set<string>();
  for (const text of files) {
    for (const m of text.matchAll(/registerCommand\(\s*(?:'([^']+)'|([A-Za-z_$][\w$]*))/g)) {
      const id = m[1] ?? constants.get(m[2] as string);
      if (id) ids.add(id);
    }
  }
  return ids;
}

describe('package.json', () => {
  it('points main at the one bundle (extension, language server, render worker), which esbuild builds', () => {
    assert.equal(manifest.main, './dist/extension.js');
    assert.match(read('esbuild.mjs'), /entryPoints: \['client\/src\/main\.ts'\],\s+outfile: 'dist\/extension\.js'/);
    assert.match(read('client/src/extensionBundle.ts'), /EXTENSION_BUNDLE = 'dist\/extension\.js'/);
    assert.match(read('client/src/language/startLanguageClient.ts'), /EXTENSION_BUNDLE/);
  });

  it('points browser at the same bundle, whose web roles run in Web Workers named for them (README: vscode.dev and github.dev)', () => {
    assert.equal(manifest.browser, manifest.main);
    const main = read('client/src/main.ts');
    assert.match(main, /require\('\.\/web\/browserExtension'\)/);
    assert.match(main, /WEB_SERVER_WORKER_NAME\)\) require\('\.\.\/\.\.\/server\/src\/browserServer'\)/);
    assert.match(main, /WEB_RENDER_WORKER_NAME\)\) require\('\.\.\/\.\.\/server\/src\/rendering\/browserRenderWorker'\)/);
    for (const [file, name] of [
      ['client/src/web/startBrowserLanguageClient.ts', 'WEB_SERVER_WORKER_NAME'],
      ['client/src/web/browserRenderThread.ts', 'WEB_RENDER_WORKER_NAME'],
    ]) {
      assert.match(read(file), new RegExp(`startWorker\\(.*, ${name}\\)`), `${file} names its worker ${name}`);
    }
    assert.match(read('client/src/web/browserExtension.ts'), /EXTENSION_BUNDLE\)/);
    assert.match(read('client/src/web/startBrowserLanguageClient.ts'), /EXTENSION_BUNDLE\)/);
  });

  it('contributes files that exist: language configuration, grammar, snippets', () => {
    const contributed = [
      ...manifest.contributes.languages.map((l) => l.configuration),
      ...manifest.contributes.grammars.map((g) => g.path),
      ...manifest.contributes.snippets.map((s) => s.path),
    ];
    assert.equal(contributed.length, 3);
    for (const file of contributed) assert.ok(exists(file), `${file} exists`);
  });

  it('gives *.regal.json the regal-webhook language, with its grammar and snippets', () => {
    const [language] = manifest.contributes.languages;
    assert.equal(language?.id, 'regal-webhook');
    assert.deepEqual(language?.filenamePatterns, ['*.regal.json']);
    assert.deepEqual(
      manifest.contributes.grammars.map((g) => g.language),
      ['regal-webhook'],
    );
    assert.deepEqual(
      manifest.contributes.snippets.map((s) => s.language),
      ['regal-webhook'],
    );
    assert.ok('[regal-webhook]' in manifest.contributes.configurationDefaults);
  });

  it('gives every command a title and the Regal category', () => {
    for (const command of manifest.contributes.commands) {
      assert.ok(command.title.trim().length > 0, `${command.command} has a title`);
      assert.equal(command.category, 'Regal', `${command.command} is in the Regal category`);
    }
  });

  it('registers every contributed command in code that extension.ts loads', () => {
    const registered = registeredCommands();
    const missing = manifest.contributes.commands.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `registered: ${[...registered].join(', ')}`);
  });

  it('activates on the language and on each command, never on startup', () => {
    const events = new Set(manifest.activationEvents);
    assert.ok(events.has('onLanguage:regal-webhook'));
    assert.ok(!events.has('*') && !events.has('onStartupFinished'));
    const commands = manifest.contributes.commands.map((c) => c.command);
    for (const id of commands) assert.ok(events.has(`onCommand:${id}`), `onCommand:${id}`);
    for (const event of events) {
      if (event.startsWith('onCommand:')) assert.ok(commands.includes(event.slice('onCommand:'.length)), `${event} names a contributed command`);
    }
  });

  it('menus name contributed commands; restricted settings are contributed settings', () => {
    const commands = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
      for (const entry of entries) assert.ok(commands.has(entry.command), `${menu}: ${entry.command}`);
    }
    const settings = manifest.contributes.configuration.properties;
    for (const key of manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? []) assert.ok(key in settings, key);
    // A workspace must not redirect the API key (the send helper also enforces it).
    assert.equal(settings['regal.endpoint']?.scope, 'application');
  });

  it('has a 128×128 PNG icon (its SVG source stays out of the package)', () => {
    assert.equal(manifest.icon, 'media/icon.png');
    assert.deepEqual(pngSize(manifest.icon), { width: 128, height: 128 });
    assert.ok(packaged(manifest.icon), `${manifest.icon} is packaged`);
    assert.ok(exists('media/icon.svg') && !packaged('media/icon.svg'), 'media/icon.svg is the source, not packaged');
  });

  it('contributes a Getting Started walkthrough: create, fix, preview, API key, send, each with a button', () => {
    assert.equal(manifest.contributes.walkthroughs.length, 1);
    const [walkthrough] = manifest.contributes.walkthroughs;
    assert.equal(walkthrough?.id, 'gettingStarted');
    const buttons = walkthrough!.steps.map((step) => stepButtons(step));
    assert.deepEqual(buttons, [
      ['regal.newPayload'],
      ['workbench.actions.view.problems'],
      ['regal.previewRenderedPayload'],
      ['regal.setApiKey'],
      ['regal.sendTestEvent'],
    ]);
    const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const [id] of buttons) {
      // A regal command must be contributed and activate the extension (code-server needs onCommand).
      if (id?.startsWith('regal.')) {
        assert.ok(contributed.has(id), `${id} is contributed`);
        assert.ok(manifest.activationEvents.includes(`onCommand:${id}`), `onCommand:${id}`);
      }
    }
    for (const step of walkthrough!.steps) {
      assert.ok(step.title && step.description, `${step.id} has a title and a description`);
      assert.deepEqual(step.completionEvents, [`onCommand:${stepButtons(step)[0]}`], `${step.id} is done when its button's command runs`);
    }
  });

  it("packages each walkthrough step's media: a small markdown file that exists", () => {
    const steps = manifest.contributes.walkthroughs.flatMap((w) => w.steps);
    assert.equal(steps.length, 5);
    for (const step of steps) {
      const media = step.media.markdown ?? '';
      assert.ok(media.startsWith('media/walkthrough/') && media.endsWith('.md'), `${step.id}: markdown media under media/walkthrough/`);
      assert.ok(exists(media), `${media} exists`);
      assert.ok(statSync(path.join(repoRoot, media)).size <= 1024, `${media} is at most 1 KB`);
      assert.ok(packaged(media), `${media} is packaged`);
    }
  });

  it('targets a VS Code no newer than the API types it is compiled against (vsce refuses otherwise)', () => {
    const version = (range: string) => (/(\d+)\.(\d+)/.exec(range) ?? []).slice(1).map(Number) as [number, number];
    const [engineMajor, engineMinor] = version(manifest.engines.vscode);
    const [typesMajor, typesMinor] = version(manifest.devDependencies['@types/vscode'] ?? '');
    assert.ok(
      typesMajor < engineMajor || (typesMajor === engineMajor && typesMinor <= engineMinor),
      `${manifest.devDependencies['@types/vscode']} vs ${manifest.engines.vscode}`,
    );
  });
});

describe('npm run package', () => {
  it('builds for production and packages without node_modules, into the gitignored dist/', () => {
    const script = manifest.scripts.package ?? '';
    assert.match(script, /--production/);
    assert.match(script, /node scripts\/package\.mjs/);
    const packager = read('scripts/package.mjs');
    assert.match(packager, /\['package', '--no-dependencies'/);
    assert.match(packager, /'dist\/regal-webhook\.vsix'/);
    assert.match(read('.gitignore'), /^dist\/$/m);
    assert.match(read('esbuild.mjs'), /sourcemap: !production/);
    assert.match(read('esbuild.mjs'), /minify: production/);
  });

  it('ships a license file matching package.json', () => {
    assert.equal(manifest.license, 'MIT');
    assert.match(read('LICENSE'), /^MIT License/);
  });

  it('.vscodeignore keeps sources, tests, maps, node_modules and older packages out, and nothing that runs', () => {
    const patterns = read('.vscodeignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    for (const excluded of ['client/**', 'server/**', 'test/**', 'out/**', 'scratch/**', 'node_modules/**', '**/*.ts', '**/*.map', 'dist/*.vsix']) {
      assert.ok(patterns.includes(excluded), `${excluded} is ignored`);
    }
    // Nothing negated back in, and no pattern that would drop a file VS Code needs.
    assert.ok(!patterns.some((p) => p.startsWith('!')));
    for (const kept of [
      'package.json',
      'README.md',
      'LICENSE',
      'dist/extension.js',
      'dist/**',
      'schemas/**',
      'snippets/**',
      'syntaxes/**',
      'language-configuration.json',
      '**/*.json',
    ]) {
      assert.ok(!patterns.includes(kept), `${kept} is packaged`);
    }
  });

  it('keeps contributor material and the README screenshots out, and what VS Code shows in', () => {
    for (const file of ['README.md', 'LICENSE', 'dist/extension.js', 'media/icon.png', 'schemas/regal-event.schema.json']) {
      assert.ok(packaged(file), `${file} is packaged`);
    }
    // The stand-alone server and the CLI's render worker: dist/extension.js plays both roles (and the web's, once dist/web/).
    for (const file of ['dist/server.js', 'dist/renderWorker.js', 'dist/client.js', 'dist/web/extension.js', 'dist/web/server.js', 'bench/results.md'])
      assert.ok(!packaged(file), `${file} is not packaged`);
    for (const file of [
      'CONTRIBUTING.md',
      'docs/regal.md',
      'docs/screenshots/diagnostics.png',
      'scripts/package.mjs',
      'media/icon.svg',
      'dist/cli.js',
      'test/unit/packaging.test.ts',
      'packages/language-server/package.json',
      'dist/regal-webhook-language-server-0.1.0.tgz',
    ]) {
      assert.ok(!packaged(file), `${file} is not packaged`);
    }
  });

  it("points the README's images at an https:// location when one is known (VS Code shows no other)", () => {
    const packager = read('scripts/package.mjs');
    assert.match(packager, /REGAL_README_IMAGES_URL/);
    assert.match(packager, /'--baseImagesUrl', imagesUrl/);
    assert.match(packager, /--no-rewrite-relative-links/);
    const images = [...read('README.md').matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1] as string);
    assert.ok(images.length > 0);
    for (const image of images) {
      assert.match(image, /^docs\/screenshots\/[\w-]+\.png$/, 'README images are relative links that vsce rewrites');
      assert.ok(exists(image), `${image} exists`);
    }
  });
});
