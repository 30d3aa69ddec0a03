/** The IPC contract's data types, derived from its schemas so each is written once. */
import type { z } from 'zod';
import type {
  captureSourceSchema,
  launchIntentSchema,
  pickerChoiceSchema,
  pickerRequestSchema,
  secretNameSchema,
  secretResultSchema,
} from './schemas';

export type { Settings } from './settings';
/** A screen or window the user may share, as the picker shows it. */
export type CaptureSource = z.infer<typeof captureSourceSchema>;
/** A request from the desktop shell to pick what to share. */
export type PickerRequest = z.infer<typeof pickerRequestSchema>;
/** The user's answer to a picker request; null source = cancelled. */
export type PickerChoice = z.infer<typeof pickerChoiceSchema>;
/** How the app was launched: kiosk viewer or a deep link to a room. */
export type LaunchIntent = z.infer<typeof launchIntentSchema>;
/** Names of the secrets the bridge keeps encrypted (Electron: safeStorage). */
export type SecretName = z.infer<typeof secretNameSchema>;
/** Result of storing a secret: expected failures are results, not exceptions. */
export type SecretResult = z.infer<typeof secretResultSchema>;
