import type { JoinLink } from '../common/ipc/schemas';
import type { Secrets } from './config/secrets';
import type { Config } from './config/settings';
import type { RoomHost } from './hosting/host-room';
import type { InvokeHandlers } from './ipc';
import type { Kiosk } from './kiosk';
import { logger } from './log';
import type { Picker } from './picker';
import type { Awake } from './power';
import type { ShareControl } from './share-control';
import type { Updates } from './updates/updates';
import { openExternalSafely } from './security';

const log = logger('handlers');

/** The services behind the IPC channels. */
export interface HandlerDeps {
  config: Config;
  secrets: Secrets;
  kiosk: Kiosk;
  picker: Picker;
  awake: Awake;
  roomHost: RoomHost;
  updates: Updates;
  shareControl: ShareControl;
  /** The room a new normal window should join (launch link, or a link that came before the window). */
  launchJoin: () => JoinLink | null;
  openExternal: (url: string) => Promise<void>;
}

/** The owner name under which a window keeps the display awake. */
export const awakeOwner = (webContentsId: number) => `window:${webContentsId}`;

/**
 * Maps every invoke channel to its service. Arguments arrive validated; what is checked here is what
 * depends on which window asks (a kiosk screen can't reconfigure or host; only a kiosk can exit).
 */
export function createHandlers(deps: HandlerDeps): InvokeHandlers {
  return {
    getSettings: () => deps.config.getSettings(),
    updateSettings: (sender, patch) => {
      const feedBefore = deps.config.getSettings().updateFeedUrl;
      let saved;
      if (sender.kind === 'kiosk' && patch.kiosk) {
        log.warn('updateSettings() | the kiosk window may not change kiosk settings');
        const { kiosk: _ignored, ...rest } = patch;
        saved = deps.config.updateSettings(rest);
      } else saved = deps.config.updateSettings(patch);
      // A new update address is looked at now, not at the next check hours later.
      if (saved.updateFeedUrl !== feedBefore) void deps.updates.check();
      return saved;
    },
    getSecret: (_sender, name) => deps.secrets.get(name),
    setSecret: (_sender, name, value) => deps.secrets.set(name, value),
    getLaunchIntent: (sender) =>
      sender.kind === 'kiosk' ? { kiosk: deps.kiosk.target(), join: null } : { kiosk: null, join: deps.launchJoin() },
    answerPicker: (sender, choice) => deps.picker.answer(sender.webContentsId, choice),
    keepAwake: (sender, on) => {
      const owner = awakeOwner(sender.webContentsId);
      if (on) deps.awake.hold(owner);
      else deps.awake.release(owner);
    },
    openExternal: (_sender, url) => {
      openExternalSafely(deps.openExternal, url);
    },
    exitKiosk: (sender, pin) => (sender.kind === 'kiosk' ? deps.kiosk.exit(pin) : { ok: false, reason: 'not-kiosk' }),
    setKioskPin: (sender, pin) =>
      sender.kind === 'kiosk' ? { ok: false, reason: 'kiosk-active' } : deps.kiosk.setPin(pin),
    hostRoom: (sender) =>
      sender.kind === 'kiosk'
        ? { ok: false, reason: 'unavailable', message: 'a kiosk does not host rooms' }
        : deps.roomHost.start(),
    getUpdateStatus: () => deps.updates.status(),
    // The kiosk restarts by itself at a quiet moment; nobody there clicks "Restart".
    installUpdate: (sender) => (sender.kind === 'kiosk' ? { ok: false, reason: 'not-ready' } : deps.updates.install()),
    reportActivity: (_sender, activity) => deps.updates.activity(activity),
    // Only a normal window presents; a kiosk only watches (and ipc lets the control window press buttons only).
    reportShare: (sender, share) => {
      if (sender.kind === 'normal') deps.shareControl.report(sender.webContentsId, share);
      else log.warn('reportShare() | ignored from the %s window', sender.kind);
    },
    shareControl: (_sender, action) => deps.shareControl.act(action),
  };
}
