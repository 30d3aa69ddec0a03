import { z } from 'zod';
import { id, roomKey } from '../protocol/primitives';
import type { PickerChoice, Settings } from '../../renderer/bridge/types';

/** Longest URL main accepts from a renderer, a deep link or the command line. */
export const MAX_URL_LENGTH = 2048;

const SERVER_PROTOCOLS = new Set(['ws:', 'wss:', 'http:', 'https:']);

/** True for a ws/wss/http/https URL with a host and no embedded credentials (`https://evil@host` misleads). */
export function isServerUrl(value: string): boolean {
  if (value.length > MAX_URL_LENGTH) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return SERVER_PROTOCOLS.has(url.protocol) && url.hostname !== '' && url.username === '' && url.password === '';
}

/**
 * The signaling URL for a server address: http → ws and https → wss (the room server answers both on
 * one port), without the bare trailing slash, so every URL the renderer sees is a ws(s) one.
 */
export function toSignalingUrl(value: string): string {
  const url = new URL(value);
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  const path = url.pathname === '/' ? '' : url.pathname;
  return `${url.protocol}//${url.host}${path}${url.search}`;
}

/** True for an http(s) URL: the only kind main hands to the system browser. */
export function isWebUrl(value: string): boolean {
  return isServerUrl(value) && /^https?:/i.test(value);
}

/** A room server's signaling address as settings keep it: ws or wss (the pattern also lands in the JSON Schema). */
export const serverUrl = z
  .string()
  .max(MAX_URL_LENGTH)
  .regex(/^wss?:\/\//i, 'expected a ws:// or wss:// URL')
  .refine(isServerUrl, 'expected a ws:// or wss:// URL');
/** A room id as the server issues them (1-64 url-safe characters). */
export const roomId = id;

const deviceId = z.string().max(512).nullable();
const iceUrl = z
  .string()
  .max(512)
  .regex(/^(stun|turn|turns):/, 'expected a stun:, turn: or turns: URL');

/** Settings as the renderer reads and writes them (secrets live elsewhere). */
export const settingsSchema = z.strictObject({
  serverUrl: z.union([z.literal(''), serverUrl]),
  displayName: z.string().trim().max(64),
  language: z.enum(['ko', 'en']),
  cameraId: deviceId,
  microphoneId: deviceId,
  speakerId: deviceId,
  iceServers: z
    .array(
      z.strictObject({
        urls: z.union([iceUrl, z.array(iceUrl).min(1).max(8)]),
        username: z.string().max(256).optional(),
      }),
    )
    .max(16),
  kiosk: z.strictObject({
    enabled: z.boolean(),
    serverUrl: z.union([z.literal(''), serverUrl]),
    roomId: z.union([z.literal(''), roomId]),
  }),
  recentRooms: z.array(z.strictObject({ roomId, serverUrl, joinedAt: z.number().int().nonnegative() })).max(20),
});

/** What `updateSettings` accepts: any subset of the settings, each field whole. */
export const settingsPatchSchema = settingsSchema.partial();

/** A link to a room on a server, from a deep link or the join-link push; a presenter link carries the room's key. */
export const joinLinkSchema = z.strictObject({ serverUrl, roomId, presenterKey: roomKey.optional() });
export type JoinLink = z.infer<typeof joinLinkSchema>;

/** Names of the secrets main keeps encrypted. */
export const secretNameSchema = z.enum(['authToken', 'turnCredential']);
/** A secret's value; empty deletes it. */
export const secretValueSchema = z.string().max(4096);

/** Picker request ids are main-issued UUIDs; the bound keeps a hostile renderer's strings short. */
export const pickerRequestId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'expected a picker request id');

/** The renderer's answer to a picker request. */
export const pickerChoiceSchema = z.strictObject({
  requestId: pickerRequestId,
  sourceId: z.string().min(1).max(256).nullable(),
  shareAudio: z.boolean(),
});

/** A kiosk exit PIN: 4-12 digits. */
export const kioskPinSchema = z.string().regex(/^\d{4,12}$/, 'expected a PIN of 4-12 digits');

/** An http(s) link for the system browser. */
export const webUrlSchema = z.string().max(MAX_URL_LENGTH).refine(isWebUrl, 'expected an http or https URL');

// Compile-time guards: the schemas above must describe exactly the renderer's own types.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const settingsMatch: Same<z.output<typeof settingsSchema>, Settings> = true;
const choiceMatch: Same<z.output<typeof pickerChoiceSchema>, PickerChoice> = true;
void settingsMatch;
void choiceMatch;
