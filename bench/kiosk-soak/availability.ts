import type { Page } from '@playwright/test';

/** What the kiosk shows at one look: a presenter's picture, and whether it is moving. */
export interface KioskPicture {
  /** A video tile with a decoded picture (videoWidth > 0). */
  shown: boolean;
  /** Milliseconds since that picture presented a new frame (the tile's own requestVideoFrameCallback clock). */
  frameAgeMs: number;
  /** What the tile shows. */
  kind: 'cam' | 'screen' | null;
}

/**
 * A picture is up when its last new frame is this recent: the fake camera runs at 20 fps; a screen that does not
 * change is sent at a frame every few seconds and is still the right picture.
 */
const FRESH_MS = { cam: 1200, screen: 5000 };

/** Looks at the kiosk the way its viewer would: the kiosk view's video tile, through the shadow roots. */
export async function lookAtKiosk(page: Page): Promise<KioskPicture> {
  return page
    .evaluate(() => {
      const find = (root: Document | ShadowRoot, tag: string): Element | null => {
        const here = root.querySelector(tag);
        if (here) return here;
        for (const el of root.querySelectorAll('*')) {
          const inner = el.shadowRoot ? find(el.shadowRoot, tag) : null;
          if (inner) return inner;
        }
        return null;
      };
      const kiosk = find(document, 'kiosk-view');
      type Tile = Element & { frameAgeMs?: number; kind?: 'cam' | 'screen' };
      const tile = kiosk?.shadowRoot?.querySelector('video-tile') as Tile | null;
      const video = tile?.shadowRoot?.querySelector('video');
      return {
        shown: (video?.videoWidth ?? 0) > 0,
        frameAgeMs: tile?.frameAgeMs ?? Infinity,
        kind: tile?.kind ?? null,
      };
    })
    .catch(() => ({ shown: false, frameAgeMs: Infinity, kind: null })); // Mid-reload: nothing shown.
}

/** One look, kept for the timeline. */
interface Look {
  at: number;
  up: boolean;
  live: boolean;
}

/**
 * Kiosk availability: the share of the time a presenter was live during which the kiosk's picture moved. Each
 * interval between two looks counts as up only when both looks saw a moving picture (a conservative reading).
 */
export class AvailabilityMeter {
  /** Whether a presenter is live now (set by the soak as it makes the presenter leave and return). */
  live = true;
  private last: Look | null = null;
  private liveMs = 0;
  private upMs = 0;
  private stopped = false;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly kiosk: Page,
    private readonly everyMs = 250,
  ) {}

  /** Starts looking at the kiosk every `everyMs`. */
  start(): void {
    this.loop ??= (async () => {
      while (!this.stopped) {
        await this.look();
        await new Promise((resolve) => setTimeout(resolve, this.everyMs));
      }
    })();
  }

  /** Whether the last look saw a moving picture. */
  get up(): boolean {
    return this.last?.up ?? false;
  }

  /** Resolves with the ms from `since` until the picture moves (two looks in a row), or null after `boundMs`. */
  async recovery(since: number, boundMs: number): Promise<number | null> {
    let firstUp: number | null = null;
    let seen = this.last;
    while (Date.now() - since < boundMs) {
      await new Promise((resolve) => setTimeout(resolve, this.everyMs / 2));
      if (this.last === seen || !this.last) continue;
      seen = this.last;
      if (!seen.up) firstUp = null;
      else if (firstUp === null) firstUp = seen.at;
      else return Math.max(0, firstUp - since);
    }
    return null;
  }

  /** Resolves true once a look sees no moving picture (false if none does within `boundMs`): the fault took hold. */
  async seenDown(boundMs: number): Promise<boolean> {
    const started = Date.now();
    while (Date.now() - started < boundMs) {
      if (this.last && !this.last.up && this.last.at >= started) return true;
      await new Promise((resolve) => setTimeout(resolve, this.everyMs / 2));
    }
    return false;
  }

  /** Availability so far (0..1) and the live time it covers. */
  figures(): { availability: number; liveMs: number; upMs: number } {
    return { availability: this.liveMs ? this.upMs / this.liveMs : NaN, liveMs: this.liveMs, upMs: this.upMs };
  }

  /** Stops looking. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  private async look(): Promise<void> {
    const picture = await lookAtKiosk(this.kiosk);
    const up = picture.shown && picture.frameAgeMs < FRESH_MS[picture.kind ?? 'cam'];
    const now: Look = { at: Date.now(), up, live: this.live };
    if (this.last && this.last.live && now.live) {
      this.liveMs += now.at - this.last.at;
      if (this.last.up && now.up) this.upMs += now.at - this.last.at;
    }
    this.last = now;
  }
}
