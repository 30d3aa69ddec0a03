/**
 * How long ago a <video> presented a new decoded frame, through `requestVideoFrameCallback`: what the viewer
 * sees, whatever the network or the engine think. The video tile's "poor connection" and the kiosk watchdog
 * read it.
 */
export class FrameProgress {
  #video: HTMLVideoElement | null = null;
  #handle = 0;
  #last: number;
  #presented = false;

  constructor(private readonly now: () => number = () => performance.now()) {
    this.#last = now();
  }

  /** Watches `video` (null: stop watching); the age restarts from now when the element changes. */
  watch(video: HTMLVideoElement | null): void {
    if (video === this.#video) return;
    this.stop();
    this.#video = video;
    this.#last = this.now();
    this.#presented = false;
    if (video && 'requestVideoFrameCallback' in video) this.#next(video);
  }

  /** Milliseconds since the last new frame (or since watching began, before the first one). */
  get ageMs(): number {
    return this.now() - this.#last;
  }

  /** Whether the watched video has presented a new frame since watching began (a fresh one's age says nothing yet). */
  get presented(): boolean {
    return this.#presented;
  }

  /** Stops watching; safe to call twice. */
  stop(): void {
    if (this.#video && this.#handle) this.#video.cancelVideoFrameCallback(this.#handle);
    this.#video = null;
    this.#handle = 0;
  }

  #next(video: HTMLVideoElement): void {
    this.#handle = video.requestVideoFrameCallback(() => {
      if (this.#video !== video) return;
      this.#last = this.now();
      this.#presented = true;
      this.#next(video);
    });
  }
}
