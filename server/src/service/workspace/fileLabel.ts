/** The file name of a URI, as messages show it (`signup.regal.json` for `file:///ws/signup.regal.json`). */
export function fileLabel(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  const name = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name) || uri;
  } catch {
    return name || uri;
  }
}
