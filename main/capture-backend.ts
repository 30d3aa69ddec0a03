/** What decides which backend Chromium captures the screen with on Linux. */
export interface CaptureEnvironment {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** `app.commandLine.getSwitchValue`: '' when the switch is absent. */
  switchValue(name: string): string;
}

/**
 * True when screen capture goes through the xdg-desktop-portal, whose own dialog is the picker: Electron
 * on the Wayland backend. That backend is chosen, in Chromium's order, by `--ozone-platform`, then
 * `--ozone-platform-hint` / ELECTRON_OZONE_PLATFORM_HINT, then (hint `auto`, Electron ≥ 38's default) a
 * Wayland session: WAYLAND_DISPLAY set or XDG_SESSION_TYPE=wayland. Under XWayland (`x11` chosen in a
 * Wayland session) capture lists X11 windows and Moim's own picker must be shown.
 */
export function usesSystemPortal(capture: CaptureEnvironment): boolean {
  if (capture.platform !== 'linux') return false;
  const explicit = capture.switchValue('ozone-platform').trim().toLowerCase();
  if (explicit) return explicit === 'wayland';
  const hint = (capture.switchValue('ozone-platform-hint') || capture.env.ELECTRON_OZONE_PLATFORM_HINT || 'auto')
    .trim()
    .toLowerCase();
  if (hint === 'x11') return false;
  if (hint === 'wayland') return true;
  return Boolean(capture.env.WAYLAND_DISPLAY) || capture.env.XDG_SESSION_TYPE === 'wayland';
}
