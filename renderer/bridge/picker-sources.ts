import type { CaptureSource } from './types';

/** What each synthetic browser source asks getDisplayMedia for. */
export type DisplaySurface = 'monitor' | 'window' | 'browser';

function thumbnail(label: string, shape: string): string {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 90">` +
    `<rect width="160" height="90" rx="6" fill="#1f232c"/>${shape}` +
    `<text x="80" y="82" font-family="sans-serif" font-size="9" fill="#9aa3b2" text-anchor="middle">${label}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

const SCREEN = '<rect x="45" y="14" width="70" height="44" rx="3" fill="none" stroke="#6ea8fe" stroke-width="3"/>';
const WINDOW =
  '<rect x="40" y="14" width="80" height="52" rx="3" fill="none" stroke="#6ea8fe" stroke-width="3"/>' +
  '<line x1="40" y1="24" x2="120" y2="24" stroke="#6ea8fe" stroke-width="3"/>';
const TAB =
  '<path d="M40 22h28l6-8h20l6 8h20v44H40z" fill="none" stroke="#6ea8fe" stroke-width="3" stroke-linejoin="round"/>';

/**
 * The browser cannot list screens and windows, so the browser bridge offers three kinds and lets the browser's
 * own prompt pick the exact one. Ids map to the displaySurface hint.
 */
export const BROWSER_SOURCES: readonly (CaptureSource & { surface: DisplaySurface })[] = [
  {
    id: 'browser:monitor',
    name: 'Entire screen',
    kind: 'screen',
    thumbnail: thumbnail('screen', SCREEN),
    icon: null,
    surface: 'monitor',
  },
  {
    id: 'browser:window',
    name: 'A window',
    kind: 'window',
    thumbnail: thumbnail('window', WINDOW),
    icon: null,
    surface: 'window',
  },
  {
    id: 'browser:browser',
    name: 'A browser tab',
    kind: 'window',
    thumbnail: thumbnail('tab', TAB),
    icon: null,
    surface: 'browser',
  },
];

/** The displaySurface hint for a synthetic source id, or null for an unknown id. */
export function surfaceOf(sourceId: string): DisplaySurface | null {
  return BROWSER_SOURCES.find((s) => s.id === sourceId)?.surface ?? null;
}
