import { z } from 'zod';

/** The data of a request, response or notification that carries nothing. */
export const empty = z.strictObject({});

/** Server-assigned ids (peers, rooms, calls, sessions, mediasoup objects) are short url-safe strings. */
export const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected an id of 1-64 url-safe characters');

/** What a peer can publish: its camera, its microphone or its screen. */
export const publishKind = z.enum(['cam', 'mic', 'screen']);
export type PublishKind = z.infer<typeof publishKind>;

/** How a room carries media: a peer-to-peer mesh, an SFU group, or an SFU broadcast. */
export const roomMode = z.enum(['p2p', 'sfu', 'broadcast']);
export type RoomMode = z.infer<typeof roomMode>;

/** Presenters may publish; viewers only watch. */
export const role = z.enum(['presenter', 'viewer']);
export type Role = z.infer<typeof role>;

/**
 * A room's key: 128 random bits, base64url. In a broadcast it is the presenter key (only peers that present it may
 * publish); in every mode it is what re-creates the room under its id after a server restart.
 */
export const roomKey = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, 'expected a room key of 22-64 url-safe characters');

/** Display names are trimmed, non-empty and short. */
export const displayName = z
  .string()
  .trim()
  .min(1, 'display name is empty')
  .max(64, 'display name is longer than 64 characters');

/** A person in a room, as everyone else sees them. */
export const member = z.strictObject({
  peerId: id,
  displayName,
  role,
  published: z.array(publishKind),
  /** What of it is paused (a screen share frozen on its last frame); absent when nothing is. */
  paused: z.array(publishKind).optional(),
});
export type Member = z.infer<typeof member>;

/** A broadcast viewer as a presenter's `listViewers` shows them. */
export const viewer = z.strictObject({ peerId: id, displayName });
export type Viewer = z.infer<typeof viewer>;

/** An ICE server entry as RTCPeerConnection takes it. */
export const iceServer = z.strictObject({
  urls: z.union([z.string().min(1).max(512), z.array(z.string().min(1).max(512)).min(1).max(8)]),
  username: z.string().max(256).optional(),
  credential: z.string().max(256).optional(),
});
export type IceServer = z.infer<typeof iceServer>;

/** An SDP offer/answer (or a rollback) relayed between two peers. */
export const sessionDescription = z.strictObject({
  type: z.enum(['offer', 'answer', 'pranswer', 'rollback']),
  sdp: z.string().max(60_000).optional(),
});
export type SessionDescription = z.infer<typeof sessionDescription>;

/** A trickled ICE candidate as RTCIceCandidate.toJSON() gives it. */
export const iceCandidate = z.strictObject({
  candidate: z.string().max(1024),
  sdpMid: z.string().max(64).nullable().optional(),
  sdpMLineIndex: z.number().int().min(0).max(1024).nullable().optional(),
  usernameFragment: z.string().max(256).nullable().optional(),
});
export type IceCandidate = z.infer<typeof iceCandidate>;
