// Small fakes of the Electron pieces main's modules take as parameters.
import { EventEmitter } from 'node:events';
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions, Rectangle } from 'electron';
import type { ConfigStore } from '../../../../main/config/settings';
import type { ContentsLike, KeyInputLike, WindowLike } from '../../../../main/windows';

/** A WebContents that records what was sent to it and can emit its events. */
export class FakeContents extends EventEmitter implements ContentsLike {
  static nextId = 100;
  readonly id = FakeContents.nextId++;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  readonly css: string[] = [];
  destroyed = false;
  reloads = 0;
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('send() on a destroyed webContents');
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  async insertCSS(css: string): Promise<string> {
    this.css.push(css);
    return 'key';
  }
  reload(): void {
    this.reloads++;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
  /** Fires before-input-event and reports whether the page would still see the key. */
  press(input: Partial<KeyInputLike>): boolean {
    let prevented = false;
    this.emit(
      'before-input-event',
      { preventDefault: () => (prevented = true) },
      { type: 'keyDown', key: '', control: false, shift: false, alt: false, meta: false, ...input },
    );
    return !prevented;
  }
  /** A page load in this WebContents as Electron reports it: start, then commit. */
  navigate(opts: { isMainFrame?: boolean; isSameDocument?: boolean } = {}): void {
    const details = { isMainFrame: true, isSameDocument: false, ...opts };
    this.emit('did-start-navigation', details);
    if (details.isMainFrame && !details.isSameDocument) this.emit('did-navigate');
  }
  sentOn(channel: string): unknown[] {
    return this.sent.filter((m) => m.channel === channel).map((m) => m.args[0]);
  }
}

/** A BrowserWindow that keeps its constructor options and the calls made on it. */
export class FakeWindow extends EventEmitter implements WindowLike {
  readonly webContents = new FakeContents();
  readonly calls: string[] = [];
  loadedUrl: string | null = null;
  destroyed = false;
  maximized = false;
  minimized = false;
  normalBounds: Rectangle = { x: 10, y: 20, width: 1000, height: 700 };
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
  }
  visible = false;
  contentProtection = false;
  alwaysOnTop: { flag: boolean; level: string } | null = null;
  show(): void {
    this.calls.push('show');
    this.visible = true;
  }
  showInactive(): void {
    this.calls.push('showInactive');
    this.visible = true;
  }
  hide(): void {
    this.calls.push('hide');
    this.visible = false;
  }
  setContentProtection(enable: boolean): void {
    this.contentProtection = enable;
  }
  setAlwaysOnTop(flag: boolean, level: string): void {
    this.alwaysOnTop = { flag, level };
  }
  setVisibleOnAllWorkspaces(visible: boolean): void {
    this.calls.push(`visibleOnAllWorkspaces:${visible}`);
  }
  focus(): void {
    this.calls.push('focus');
  }
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.calls.push('restore');
  }
  removeMenu(): void {
    this.calls.push('removeMenu');
  }
  getNormalBounds(): Rectangle {
    return this.normalBounds;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Like Electron: `close` listeners may refuse with preventDefault(), and then nothing closes. */
  close(): void {
    this.calls.push('close');
    let refused = false;
    this.emit('close', { preventDefault: () => (refused = true) });
    if (refused) return void this.calls.push('close-refused');
    this.destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
  }
}

/** An in-memory key-value store with electron-store's surface. */
export class MemoryStore implements ConfigStore {
  data: Record<string, unknown>;
  constructor(initial: Record<string, unknown> = {}) {
    this.data = structuredClone(initial);
  }
  get store(): Record<string, unknown> {
    return structuredClone(this.data);
  }
  set(key: string, value: unknown): void {
    this.data[key] = structuredClone(value);
  }
}

/** Electron's `app` as far as main's modules listen to it; `quit()` runs `before-quit` like Electron. */
export class FakeApp extends EventEmitter {
  quits = 0;
  /** Returns whether the quit went ahead. */
  quit(): boolean {
    let refused = false;
    this.emit('before-quit', { preventDefault: () => (refused = true) });
    if (!refused) this.quits++;
    return !refused;
  }
}

/** Electron's `Menu`, recording which application menu is set (templates stand in for menus). */
export class FakeMenu {
  current: MenuItemConstructorOptions[] | null = null;
  build = (template: MenuItemConstructorOptions[]) => template;
  /** Electron's own name for `build`, for code that takes the `Menu` module itself. */
  buildFromTemplate = this.build;
  setApplicationMenu = (menu: MenuItemConstructorOptions[] | null) => void (this.current = menu);
  /** Every role anywhere in the current menu. */
  roles(): string[] {
    const walk = (items: MenuItemConstructorOptions[]): string[] =>
      items.flatMap((i) => [...(i.role ? [i.role] : []), ...(Array.isArray(i.submenu) ? walk(i.submenu) : [])]);
    return this.current ? walk(this.current) : [];
  }
}

/** A powerSaveBlocker that tracks which blockers are running. */
export class FakePowerSaveBlocker {
  next = 1;
  readonly running = new Set<number>();
  start(_type: 'prevent-display-sleep'): number {
    const id = this.next++;
    this.running.add(id);
    return id;
  }
  stop(id: number): boolean {
    return this.running.delete(id);
  }
}
