/**
 * The presenter's control window (Electron): the main window reports its share, the small always-on-top window
 * shows it and sends the presenter's Pause/Resume/Stop back through main. Every payload is validated in main
 * (invoke) or the preload's receiver (push) against these schemas.
 */
import { z } from 'zod';

/** What the main window's renderer reports whenever its screen share starts, stops, pauses or resumes. */
export const shareReportSchema = z.strictObject({
  sharing: z.boolean(),
  paused: z.boolean(),
  /** The UI language, so the control window speaks the same one as the main window. */
  language: z.enum(['ko', 'en']),
});
export type ShareReport = z.infer<typeof shareReportSchema>;

/** A button of the control window. */
export const shareControlActionSchema = z.enum(['pause', 'resume', 'stop']);
export type ShareControlAction = z.infer<typeof shareControlActionSchema>;

/** main → control window: what to show. */
export const shareControlStateSchema = z.strictObject({
  paused: z.boolean(),
  language: z.enum(['ko', 'en']),
});
export type ShareControlState = z.infer<typeof shareControlStateSchema>;

/** main → the sharing window: the presenter pressed a button in the control window. */
export const shareControlRequestSchema = z.strictObject({ action: shareControlActionSchema });
export type ShareControlRequest = z.infer<typeof shareControlRequestSchema>;
