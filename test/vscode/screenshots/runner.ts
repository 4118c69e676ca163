/**
 * Requests to the test runner (test/vscode-host/run-tests.js), which drives the browser the workbench
 * runs in: the extension host cannot see the page, so screenshots and image checks go through it.
 */

function runnerUrl(pathname: string): URL {
  const base = process.env.VSCODE_HOST_SCREENSHOT_URL;
  if (!base) throw new Error('VSCODE_HOST_SCREENSHOT_URL is not set: run `npm run screenshots` or `npm run screenshots:extension-page`.');
  return new URL(pathname, base);
}

/** Captures the workbench as `<name>.png` once `waitFor` (a Playwright selector) is visible and `waitGone` is gone. */
export async function shot(name: string, waitFor?: string, waitGone?: string): Promise<void> {
  const url = runnerUrl('/shot');
  url.searchParams.set('name', name);
  if (waitFor) url.searchParams.set('waitFor', waitFor);
  if (waitGone) url.searchParams.set('waitGone', waitGone);
  const response = await fetch(url, { method: 'POST' });
  if (!response.ok) throw new Error(`Screenshot ${name} failed: ${await response.text()}`);
}

export interface PageImage {
  /** The URL of the frame that holds the image (webviews are nested iframes). */
  frame: string;
  src: string | null;
  alt: string;
  complete: boolean;
  /** 0 when the image did not load (or has no source). */
  naturalWidth: number;
}

/** Every <img> in every frame of the workbench page. */
export async function pageImages(): Promise<PageImage[]> {
  const response = await fetch(runnerUrl('/images'));
  if (!response.ok) throw new Error(`Listing the page's images failed: ${await response.text()}`);
  return (await response.json()) as PageImage[];
}
