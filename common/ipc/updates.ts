/** The desktop app's update state as main reports it to the renderer, and what the renderer tells main back. */
import { z } from 'zod';

const version = z.string().regex(/^\d+\.\d+\.\d+[\w.+-]*$/, 'expected a semantic version');

/** Where an update stands: nothing to do, checking, downloading with progress, ready to restart, failed. */
export const updateStatusSchema = z.discriminatedUnion('state', [
  z.strictObject({ state: z.literal('idle') }),
  z.strictObject({ state: z.literal('checking') }),
  z.strictObject({ state: z.literal('downloading'), version, percent: z.number().min(0).max(100) }),
  z.strictObject({ state: z.literal('ready'), version }),
  z.strictObject({ state: z.literal('error'), message: z.string().max(300) }),
]);
/** Where an update stands (`updateStatusSchema`). */
export type UpdateStatus = z.infer<typeof updateStatusSchema>;

/** What the renderer is doing, so a restart never cuts into it: in a call, or a kiosk showing a live presenter. */
export const activitySchema = z.strictObject({ inCall: z.boolean(), presenterLive: z.boolean() });
/** What the renderer is doing (`activitySchema`). */
export type Activity = z.infer<typeof activitySchema>;

/** Result of "Restart to update": refused during a call or before a download finished. */
export type InstallUpdateResult = { ok: true } | { ok: false; reason: 'in-call' | 'not-ready' };
