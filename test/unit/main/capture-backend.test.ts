// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { usesSystemPortal } from '../../../main/capture-backend';

const linux = (env: NodeJS.ProcessEnv, switches: Record<string, string> = {}) =>
  usesSystemPortal({ platform: 'linux', env, switchValue: (name) => switches[name] ?? '' });

describe('which capture backend Electron uses', () => {
  it('a Wayland session with the default hint (auto) captures through the portal', () => {
    expect(linux({ XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
    // Flatpak and some containers set only WAYLAND_DISPLAY.
    expect(linux({ WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
  });

  it('XWayland: x11 forced by switch, hint switch or environment in a Wayland session lists X11 windows', () => {
    const wayland = { XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0' };
    expect(linux(wayland, { 'ozone-platform': 'x11' })).toBe(false);
    expect(linux(wayland, { 'ozone-platform-hint': 'x11' })).toBe(false);
    expect(linux({ ...wayland, ELECTRON_OZONE_PLATFORM_HINT: 'x11' })).toBe(false);
  });

  it('an explicit --ozone-platform wins over the hint and the session', () => {
    expect(linux({ ELECTRON_OZONE_PLATFORM_HINT: 'x11' }, { 'ozone-platform': 'wayland' })).toBe(true);
    expect(linux({ XDG_SESSION_TYPE: 'x11' }, { 'ozone-platform-hint': 'wayland' })).toBe(true);
  });

  it('X11 sessions, macOS and Windows use the source list and Moim’s picker', () => {
    expect(linux({ XDG_SESSION_TYPE: 'x11', DISPLAY: ':0' })).toBe(false);
    for (const platform of ['darwin', 'win32'] as const) {
      expect(usesSystemPortal({ platform, env: { WAYLAND_DISPLAY: 'w' }, switchValue: () => '' })).toBe(false);
    }
  });
});
