import { z } from 'zod';
import { serverUrl, roomId } from './settings';
import { MAX_URL_LENGTH, isWebUrl } from './urls';
import { joinToken } from '../protocol/join-token';
import { roomKey } from '../protocol/primitives';

export { MAX_URL_LENGTH, isServerUrl, isWebUrl, toSignalingUrl } from './urls';
export { roomId, serverUrl, settingsPatchSchema, settingsSchema } from './settings';

/**
 * A link to a room on a server, from a deep link or the join-link push; a presenter link carries the room's key, an
 * invitation to a server with an auth secret a signed join token.
 */
export const joinLinkSchema = z.strictObject({
  serverUrl,
  roomId,
  presenterKey: roomKey.optional(),
  token: joinToken.optional(),
});
export type JoinLink = z.infer<typeof joinLinkSchema>;

/** Names of the secrets main keeps encrypted. */
export const secretNameSchema = z.enum(['authToken', 'turnCredential']);
/** A secret's value; empty deletes it. */
export const secretValueSchema = z.string().max(4096);
/** Result of storing a secret: expected failures are results, not exceptions. */
export const secretResultSchema = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true) }),
  z.strictObject({ ok: z.literal(false), reason: z.enum(['encryption-unavailable', 'invalid']) }),
]);

/** Picker request ids are main-issued UUIDs; the bound keeps a hostile renderer's strings short. */
export const pickerRequestId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'expected a picker request id');

/** The renderer's answer to a picker request; a null source means cancelled. */
export const pickerChoiceSchema = z.strictObject({
  requestId: pickerRequestId,
  sourceId: z.string().min(1).max(256).nullable(),
  shareAudio: z.boolean(),
});

/** A screen or window the user may share, as the picker shows it. */
export const captureSourceSchema = z.strictObject({
  id: z.string().min(1).max(256),
  name: z.string(),
  kind: z.enum(['screen', 'window']),
  /** PNG data URL of a live thumbnail. */
  thumbnail: z.string(),
  /** PNG data URL of the window's icon, when the platform gives one. */
  icon: z.string().nullable(),
});

/** A request from the desktop shell to pick what to share (the renderer's getDisplayMedia triggered it). */
export const pickerRequestSchema = z.strictObject({
  requestId: pickerRequestId,
  sources: z.array(captureSourceSchema),
  /** True where the platform can capture system audio along with the screen. */
  audioSupported: z.boolean(),
});

/** How the app was launched: kiosk viewer or a deep link to a room. */
export const launchIntentSchema = z.strictObject({
  kiosk: joinLinkSchema.nullable(),
  join: joinLinkSchema.nullable(),
});

/** A kiosk exit PIN: 4-12 digits. */
export const kioskPinSchema = z.string().regex(/^\d{4,12}$/, 'expected a PIN of 4-12 digits');

/** An http(s) link for the system browser. */
export const webUrlSchema = z.string().max(MAX_URL_LENGTH).refine(isWebUrl, 'expected an http or https URL');
