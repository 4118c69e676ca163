/**
 * `npm run screenshots:extension-page` (test/vscode/extensionPageRun.ts installs the packaged .vsix
 * first): the extension as a user sees it in the Extensions view. Opens its page, waits until the
 * README's images have loaded or failed, checks them against what the run expects
 * (REGAL_EXPECT_README_IMAGES: `loaded`, or `missing` for a package whose image links stay relative),
 * checks the icon, and captures the page and the Getting Started walkthrough into out/screenshots/.
 */
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { pageImages, shot, type PageImage } from './runner';

const ID = 'regal-webhook-tools.regal-webhook';
/** The first step's markdown media, rendered: its heading inside the webview's two nested iframes. */
const MEDIA_HEADING = '.getting-started-media iframe >> internal:control=enter-frame >> iframe >> internal:control=enter-frame >> h2';

async function poll<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension(ID);
  if (!extension) throw new Error(`${ID} is not installed.`);
  // vsce stores the README as readme.md.
  const readmeName = readdirSync(extension.extensionPath).find((name) => /^readme\.md$/i.test(name));
  if (!readmeName) throw new Error(`No README in ${extension.extensionPath}.`);
  const readme = readFileSync(path.join(extension.extensionPath, readmeName), 'utf8');
  const alts = [...readme.matchAll(/!\[([^\]]*)\]\(([^)]+)\)/g)].map((m) => ({ alt: m[1] as string, link: m[2] as string }));
  if (alts.length === 0) throw new Error('The packaged README shows no images.');
  console.log(`Packaged README image links: ${[...new Set(alts.map((a) => a.link.replace(/[^/]*$/, '')))].join(', ')}`);

  await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
  await vscode.commands.executeCommand('workbench.action.closeSidebar');
  // `extension.open` asks the gallery first and fails offline; `_extensions.manage` opens the installed
  // extension's page as the Extensions view does.
  await vscode.commands.executeCommand('_extensions.manage', ID);
  // The README is a webview (nested iframes): its images are found through the runner, by their alt text.
  const images = await poll('the README images in the extension page', async () => {
    const all = await pageImages();
    const found = alts.map(({ alt }) => all.find((image) => image.alt === alt));
    return found.every((image) => image?.complete) ? (found as PageImage[]) : undefined;
  });
  for (const image of images) console.log(`  ${image.naturalWidth > 0 ? 'loaded' : 'NOT LOADED'}: ${image.alt} (src ${image.src ?? 'removed'})`);
  const icon = (await pageImages()).find((image) => /media(\/|%2F)icon\.png/.test(image.src ?? ''));
  console.log(`  icon: ${icon ? `${icon.naturalWidth > 0 ? 'loaded' : 'NOT LOADED'} (${icon.src})` : 'not shown'}`);
  await shot(process.env.REGAL_EXTENSION_PAGE_SHOT ?? 'extension-page', '.extension-editor .header .name');

  if (!icon || icon.naturalWidth === 0) throw new Error('The extension page does not show the icon.');
  const expected = process.env.REGAL_EXPECT_README_IMAGES ?? 'loaded';
  const wrong = images.filter((image) => image.naturalWidth > 0 !== (expected === 'loaded'));
  if (wrong.length > 0) throw new Error(`README images expected ${expected} in the extension page, but not: ${wrong.map((image) => image.alt).join('; ')}`);

  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${ID}#gettingStarted`);
  await shot(process.env.REGAL_EXTENSION_PAGE_SHOT === 'extension-page-relative-images' ? 'walkthrough-relative-images' : 'walkthrough', MEDIA_HEADING);
}
