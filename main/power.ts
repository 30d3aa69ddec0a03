import { logger } from './log';

const log = logger('power');

/** The slice of Electron's powerSaveBlocker used here. */
export interface PowerSaveBlockerLike {
  start(type: 'prevent-display-sleep'): number;
  stop(id: number): boolean | void;
}

/** Keeps the display awake while anyone holds it: the kiosk, or a window that asked via `keepAwake`. */
export interface Awake {
  hold(owner: string): void;
  release(owner: string): void;
  isHeld(owner: string): boolean;
}

/** One powerSaveBlocker per owner, so releasing one never wakes the screen another still needs. */
export function createAwake(blocker: PowerSaveBlockerLike): Awake {
  const held = new Map<string, number>();
  return {
    hold(owner) {
      if (held.has(owner)) return;
      held.set(owner, blocker.start('prevent-display-sleep'));
      log.debug('hold() | display kept awake for %s', owner);
    },
    release(owner) {
      const id = held.get(owner);
      if (id === undefined) return;
      held.delete(owner);
      blocker.stop(id);
      log.debug('release() | %s released the display', owner);
    },
    isHeld: (owner) => held.has(owner),
  };
}
