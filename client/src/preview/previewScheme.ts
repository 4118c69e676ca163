/** The URI scheme of rendered-payload previews (`regal-preview:…?<payload uri>`). */
export const PREVIEW_SCHEME = 'regal-preview';
