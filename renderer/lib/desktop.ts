import { kioskPinSchema } from '../../common/ipc/schemas';
import type { HostRoomResult, KioskExitResult, KioskPinResult } from '../bridge/bridge';
import type { Settings } from '../bridge/types';
import type { MessageKey } from '../i18n';
import { isRoomId } from './links';
import { isServerUrl } from './settings';

/** main's own rule (4-12 digits), checked here so a typo gets a sentence rather than a refused call. */
export function isKioskPin(value: string): boolean {
  return kioskPinSchema.safeParse(value).success;
}

/** Why the kiosk PIN prompt did not let the user out; null when it did. */
export function kioskExitMessage(result: KioskExitResult): MessageKey | null {
  if (result.ok) return null;
  switch (result.reason) {
    case 'wrong-pin':
      return 'kiosk.exitWrong';
    case 'locked-out':
      return 'kiosk.exitLocked';
    case 'no-pin-configured':
      return 'kiosk.exitNoPin';
    case 'not-kiosk':
      return 'kiosk.exitNotKiosk';
  }
}

/** The sentence for the result of 'Set kiosk PIN'. */
export function kioskPinMessage(result: KioskPinResult): MessageKey {
  return result.ok ? 'settings.kioskPinSaved' : 'settings.kioskPinRefused';
}

/** What is wrong with the kiosk settings, or null: main refuses a bad address or id, and an enabled kiosk needs both. */
export function kioskSettingsProblem(kiosk: Settings['kiosk']): MessageKey | null {
  if (kiosk.serverUrl && !isServerUrl(kiosk.serverUrl)) return 'settings.kioskServerInvalid';
  if (kiosk.roomId && !isRoomId(kiosk.roomId)) return 'settings.kioskRoomInvalid';
  if (kiosk.enabled && (!kiosk.serverUrl || !kiosk.roomId)) return 'settings.kioskIncomplete';
  return null;
}

/** The sentence for a room server that did not start; `message` is main's own detail. */
export function hostRoomProblem(result: HostRoomResult & { ok: false }): MessageKey {
  return result.reason === 'unavailable' ? 'home.hostUnavailable' : 'home.hostFailed';
}
