/** The custom scheme the renderer is served from (never file://). */
export const APP_SCHEME = 'moim-app';
/** The one host under that scheme; with a standard scheme this makes the origin `moim-app://app`. */
export const APP_HOST = 'app';
/** The renderer's origin as Chromium serializes it. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page every window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True when `value` is a URL or origin of the app itself. Compares scheme and host rather than
 * `URL.origin`, because Node serializes the origin of a non-special scheme as "null".
 */
export function isAppUrl(value: string | null | undefined): boolean {
  if (!value) return false;
  try {
    const url = new URL(value);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
