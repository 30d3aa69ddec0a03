import type { Content } from './source-content';

/** One received frame judged against its source frame. */
export interface JudgedFrame {
  n: number | null;
  ssim: number | null;
  width: number;
  height: number;
}

/** What a viewer saw of one share: its first frames, the judged frames, and the frame rate over the window. */
export interface ViewerWindow {
  frames: JudgedFrame[];
  fps: number;
}

/** Where the share's video is: Moim's screen tile (inside the app's shadow roots) or the bare call's <video>. */
export type VideoPlace = 'moim' | 'bare';

/**
 * In a viewer page: polls for the share's <video> and, from its first frame on, records when the first frame
 * and the first full-resolution (≥ 1920 wide) frame were presented (epoch ms) in `window.__firstFrames`.
 * Self-contained.
 */
export function watchFirstFrames(place: VideoPlace): void {
  const w = window as unknown as { __firstFrames: { any?: number; full?: number } };
  const found = (w.__firstFrames = {} as { any?: number; full?: number });
  const find = (root: Document | ShadowRoot): HTMLVideoElement | null => {
    if (place === 'bare') return document.querySelector('video#remote');
    const tile = root.querySelector('video-tile[data-kind="screen"]');
    const video = tile?.shadowRoot?.querySelector('video') ?? tile?.querySelector('video');
    if (video) return video;
    for (const el of root.querySelectorAll('*')) {
      const inner = el.shadowRoot && find(el.shadowRoot);
      if (inner) return inner;
    }
    return null;
  };
  (window as unknown as { __findVideo(): HTMLVideoElement | null }).__findVideo = () => find(document);
  const onFrame = (video: HTMLVideoElement) => (_: number, meta: VideoFrameCallbackMetadata) => {
    const at = performance.timeOrigin + meta.presentationTime;
    found.any ??= at;
    if (meta.width >= 1920) found.full ??= at;
    if (found.full === undefined && video.isConnected) video.requestVideoFrameCallback(onFrame(video));
  };
  const poll = setInterval(() => {
    const video = find(document);
    if (!video) return;
    clearInterval(poll);
    video.requestVideoFrameCallback(onFrame(video));
  }, 10);
}

/**
 * In a viewer page: for `durationMs`, judges one presented frame every `everyMs` (frame number + SSIM against
 * the source frame, via window.__kit) and counts presented frames for the frame rate. Self-contained.
 */
export async function judgeWindow(args: {
  content: Content;
  durationMs: number;
  everyMs: number;
}): Promise<ViewerWindow> {
  type KitVideo = {
    __findVideo(): HTMLVideoElement | null;
    __kit: { judge(v: HTMLVideoElement, c: Content): { n: number | null; ssim: number | null } };
  };
  const w = window as unknown as KitVideo;
  const video = w.__findVideo()!;
  const nextFrame = () =>
    new Promise<VideoFrameCallbackMetadata>((resolve) => video.requestVideoFrameCallback((_, meta) => resolve(meta)));
  const first = await nextFrame();
  const start = performance.now();
  const frames: JudgedFrame[] = [];
  let last = first;
  while (performance.now() - start < args.durationMs) {
    const meta = (last = await nextFrame());
    frames.push({ ...w.__kit.judge(video, args.content), width: meta.width, height: meta.height });
    await new Promise((r) => setTimeout(r, args.everyMs));
  }
  last = await nextFrame();
  const seconds = (last.presentationTime - first.presentationTime) / 1000;
  return { frames, fps: Math.round(((last.presentedFrames - first.presentedFrames) / seconds) * 10) / 10 };
}

/**
 * In a late joiner's page: waits for the share's video, then judges every frame it can until one reaches
 * `threshold`; resolves its presentation time (epoch ms) and how many frames were judged, or null after
 * `timeoutMs`. Self-contained (uses window.__findVideo and window.__kit).
 */
export async function firstSharpFrame(args: { content: Content; threshold: number; timeoutMs: number }) {
  type KitVideo = {
    __findVideo(): HTMLVideoElement | null;
    __kit: { judge(v: HTMLVideoElement, c: Content): { ssim: number | null } };
  };
  const w = window as unknown as KitVideo;
  const deadline = performance.now() + args.timeoutMs;
  let judged = 0;
  while (performance.now() < deadline) {
    const video = w.__findVideo();
    if (!video) {
      await new Promise((r) => setTimeout(r, 10));
      continue;
    }
    const meta = await new Promise<VideoFrameCallbackMetadata>((resolve) =>
      video.requestVideoFrameCallback((_, m) => resolve(m)),
    );
    judged++;
    const { ssim } = w.__kit.judge(video, args.content);
    if (ssim !== null && ssim >= args.threshold)
      return { at: performance.timeOrigin + meta.presentationTime, judged, ssim };
  }
  return null;
}
