import type { MenuItemConstructorOptions } from 'electron';

/** The slice of Electron's `Menu` this module drives; `build` stands for `Menu.buildFromTemplate`. */
export interface MenuApi<M> {
  build(template: MenuItemConstructorOptions[]): M;
  setApplicationMenu(menu: M | null): void;
}

/** Switches the application menu between the normal one and the kiosk's (none at all). */
export interface AppMenus {
  normal(): void;
  kiosk(): void;
}

/**
 * The usual application menu, by role so Electron localizes and wires the accelerators. Developer tools
 * only in a development run: an installed app has no use for them.
 */
export function appMenuTemplate(platform: NodeJS.Platform, isPackaged: boolean): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    ...(isPackaged ? [] : [{ role: 'toggleDevTools' } as const]),
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as const] : [{ role: 'fileMenu' } as const]),
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
}

/**
 * Sets the normal menu now and returns the switch. The kiosk gets no menu at all: on macOS that also
 * removes Cmd+Q, Reload and DevTools, which the default menu would offer (Electron: `null` suppresses it).
 */
export function setupMenus<M>(deps: { menu: MenuApi<M>; platform: NodeJS.Platform; isPackaged: boolean }): AppMenus {
  const normal = deps.menu.build(appMenuTemplate(deps.platform, deps.isPackaged));
  deps.menu.setApplicationMenu(normal);
  return {
    normal: () => deps.menu.setApplicationMenu(normal),
    kiosk: () => deps.menu.setApplicationMenu(null),
  };
}
