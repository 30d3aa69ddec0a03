import { isWebUrl } from '../common/ipc/schemas';
import { isAppUrl } from './app-origin';
import { logger } from './log';

const log = logger('security');

/**
 * Permissions the app's own pages get; everything else is denied. The network ones are Chromium's
 * Local Network Access prompts, which would otherwise block reaching a room server on the LAN or on
 * this computer.
 */
export const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set([
  'media',
  'display-capture',
  'fullscreen',
  'clipboard-sanitized-write',
  'speaker-selection',
  'local-network-access',
  'local-network',
  'loopback-network',
]);

/** Decides one permission: granted only to the app's own origin and only from its top frame. */
export function isPermissionGranted(permission: string, origin: string | undefined, isMainFrame: boolean): boolean {
  return GRANTED_PERMISSIONS.has(permission) && isMainFrame && isAppUrl(origin);
}

/** The slice of an Electron Session this module configures. */
export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (
      webContents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl?: string; securityOrigin?: string; isMainFrame: boolean },
    ) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (
      webContents: unknown,
      permission: string,
      requestingOrigin: string,
      details: { isMainFrame: boolean; requestingUrl?: string; embeddingOrigin?: string },
    ) => boolean,
  ): void;
}

/** The `id` of a WebContents a permission handler was given (Electron passes the WebContents, or null). */
function contentsId(webContents: unknown): number | undefined {
  const id = (webContents as { id?: unknown } | null)?.id;
  return typeof id === 'number' ? id : undefined;
}

/**
 * Installs the permission request and check handlers on a session. `withoutPermissions` names app windows that
 * need none (the share control window only shows buttons): they are denied everything, app origin or not.
 */
export function setupPermissions(
  session: PermissionSession,
  withoutPermissions: (webContentsId: number) => boolean = () => false,
): void {
  const barred = (webContents: unknown) => {
    const id = contentsId(webContents);
    return id !== undefined && withoutPermissions(id);
  };
  session.setPermissionRequestHandler((wc, permission, callback, details) => {
    // A media request names its origin; other requests only their URL. Both must be the app.
    const origin = details.securityOrigin ?? details.requestingUrl;
    const granted =
      !barred(wc) && isPermissionGranted(permission, origin, details.isMainFrame) && isAppUrl(details.requestingUrl);
    if (!granted) log.warn('permission request | denied %s for %s', permission, String(origin).slice(0, 200));
    callback(granted);
  });
  session.setPermissionCheckHandler((wc, permission, requestingOrigin, details) => {
    if (barred(wc)) return false;
    // An embedding origin means a cross-origin subframe is asking: never ours.
    if (details.embeddingOrigin && !isAppUrl(details.embeddingOrigin)) return false;
    return isPermissionGranted(permission, requestingOrigin, details.isMainFrame);
  });
}

/** The slice of WebContents whose navigation and pop-ups are locked down. */
export interface HardenableContents {
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: { preventDefault(): void }, url: string) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** Sends a link to the system browser, but only an http(s) one. */
export function openExternalSafely(openExternal: (url: string) => Promise<void>, url: string): boolean {
  if (!isWebUrl(url)) {
    log.warn('openExternal() | refused %s', url.slice(0, 200));
    return false;
  }
  openExternal(url).catch((error: unknown) => log.error('openExternal() | failed: %o', error));
  return true;
}

/**
 * Keeps a WebContents on the app: navigation away is cancelled (http(s) links go to the system browser),
 * new windows are never created, and <webview> can't attach.
 */
export function hardenWebContents(contents: HardenableContents, openExternal: (url: string) => Promise<void>): void {
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    log.warn('navigation | blocked %s', url.slice(0, 200));
    openExternalSafely(openExternal, url);
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    log.warn('redirect | blocked %s', url.slice(0, 200));
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(openExternal, url);
    return { action: 'deny' };
  });
}

/** What `setupSecurity` needs from Electron. */
export interface SecurityDeps {
  app: { on(event: 'web-contents-created', listener: (event: unknown, contents: HardenableContents) => void): unknown };
  session: PermissionSession;
  shell: { openExternal(url: string): Promise<void> };
  /** App windows that get no permission at all (see `setupPermissions`). */
  withoutPermissions?: (webContentsId: number) => boolean;
}

/** Locks down permissions and every WebContents the app ever creates. */
export function setupSecurity(deps: SecurityDeps): void {
  setupPermissions(deps.session, deps.withoutPermissions);
  deps.app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, (url) => deps.shell.openExternal(url)),
  );
}
