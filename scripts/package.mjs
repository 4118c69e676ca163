// `npm run package` (after the production build): packages the extension with vsce into
// dist/regal-webhook.vsix, or into the file given with `--out FILE`.
//
// The README's screenshots are not in the .vsix (.vscodeignore): VS Code's extension page shows only
// https:// images. Its markdown sanitizer drops an image whose source is relative or not http(s), and
// the page's Content-Security-Policy allows `img-src https: data:` (VS Code 1.139, extensionEditor's
// renderMarkdown/renderBody; CONTRIBUTING.md, "How the README's images reach the extension page").
// So the README's relative image links are rewritten to where the images are published:
//   - REGAL_README_IMAGES_URL=https://…/ (the folder that holds docs/screenshots/), or
//   - a GitHub or GitLab `repository` in package.json (vsce then uses <repository>/raw/HEAD/).
// Without either, the links stay relative (the extension page shows the images' alt text) and this
// script says so.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outAt = process.argv.indexOf('--out');
const out = outAt === -1 ? 'dist/regal-webhook.vsix' : process.argv[outAt + 1];
if (!out) throw new Error('--out needs a file name.');

const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const imagesUrl = process.env.REGAL_README_IMAGES_URL;
if (imagesUrl && !/^https:\/\/[^/]+/.test(imagesUrl))
  throw new Error(`REGAL_README_IMAGES_URL must be an https:// URL (VS Code shows no other images): ${imagesUrl}`);

const args = ['package', '--no-dependencies', '--allow-missing-repository', '--out', out];
if (imagesUrl) args.push('--baseImagesUrl', imagesUrl);
else if (!manifest.repository) {
  args.push('--no-rewrite-relative-links');
  console.warn(
    'README images: no REGAL_README_IMAGES_URL and no repository in package.json, so the image links stay relative; ' +
      "VS Code's extension page shows only https:// images (see CONTRIBUTING.md).",
  );
}

const vsce = path.join(path.dirname(createRequire(import.meta.url).resolve('@vscode/vsce/package.json')), 'vsce');
const result = spawnSync(process.execPath, [vsce, ...args], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
