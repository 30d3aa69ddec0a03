import { settingsPatchSchema } from '../../common/ipc/settings';
import type { Settings } from '../bridge/types';
import type { MessageKey } from '../i18n';
import { kioskSettingsProblem } from './desktop';
import { isServerUrl } from './settings';

/** The settings form's fields that can carry an inline error; `form` is for what belongs to no one field. */
export type SettingsField =
  'serverUrl' | 'displayName' | 'iceServers' | 'kioskServer' | 'kioskRoom' | 'updateFeedUrl' | 'form';

/** An inline error: its sentence and the sentence's parameters. */
export type FieldError = { key: MessageKey; params?: Record<string, string | number> };

/** Inline errors by field; empty when the patch may be saved. */
export type FieldErrors = Partial<Record<SettingsField, FieldError>>;

const KIOSK_FIELDS: Partial<Record<MessageKey, SettingsField>> = {
  'settings.kioskServerInvalid': 'kioskServer',
  'settings.kioskRoomInvalid': 'kioskRoom',
};

/**
 * Checks a settings patch against the one settings schema main and the browser bridge enforce, so whatever the
 * form would save is refused here first, on its own field, rather than by main after the form said "Saved".
 */
export function settingsFieldErrors(patch: Partial<Settings>, options: { kiosk: boolean }): FieldErrors {
  const errors: FieldErrors = {};
  const add = (field: SettingsField, error: FieldError) => (errors[field] ??= error);
  if (patch.serverUrl !== undefined && !isServerUrl(patch.serverUrl))
    add('serverUrl', { key: 'settings.serverInvalid' });
  const parsed = settingsPatchSchema.safeParse(patch);
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const [top, inner] = issue.path;
    if (top === 'serverUrl') add('serverUrl', { key: 'settings.serverInvalid' });
    else if (top === 'displayName') add('displayName', { key: 'settings.nameInvalid' });
    else if (top === 'iceServers') add('iceServers', { key: 'settings.iceRefused' });
    else if (top === 'updateFeedUrl') add('updateFeedUrl', { key: 'settings.updateFeedInvalid' });
    else if (top === 'kiosk' && inner === 'serverUrl') add('kioskServer', { key: 'settings.kioskServerInvalid' });
    else if (top === 'kiosk' && inner === 'roomId') add('kioskRoom', { key: 'settings.kioskRoomInvalid' });
    else add('form', { key: 'settings.saveFailed' });
  }
  // Only the Electron shell shows (and main validates) the kiosk fields; an enabled kiosk needs both.
  const kioskProblem = options.kiosk && patch.kiosk ? kioskSettingsProblem(patch.kiosk) : null;
  if (kioskProblem) add(KIOSK_FIELDS[kioskProblem] ?? 'form', { key: kioskProblem });
  return errors;
}
