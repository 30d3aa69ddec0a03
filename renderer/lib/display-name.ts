import type { Settings } from '../bridge/types';

/**
 * Asks the app (a bubbling `settings-change`) to remember `typed` as the user's name, unless it already is: one
 * name wherever it was typed (Home, the Lobby), and still there on the next visit.
 */
export function rememberName(from: EventTarget, typed: string, saved: string | undefined): void {
  const displayName = typed.trim();
  if (displayName === saved) return;
  from.dispatchEvent(new CustomEvent<Partial<Settings>>('settings-change', { detail: { displayName }, bubbles: true }));
}
