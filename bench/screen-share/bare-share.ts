import type { Page } from '@playwright/test';
import { SCREEN_START_KBPS } from '../../common/media';
import { withStartBitrate } from '../../renderer/engine/start-bitrate';

// The floor: the same screen capture sent over a bare RTCPeerConnection with the browser's defaults — no content
// hint, no degradation preference, no bitrate cap — but its estimate starting where Moim's does. Non-trickle: each
// side waits for its ICE candidates and the driver carries the complete descriptions between the presenter's and
// the viewers' browsers.

type BareWindow = Window & { __bare: { stream: MediaStream | null; pcs: RTCPeerConnection[] } };

/** In the presenter page: captures the screen as the ENVIRONMENT's recipe does (1920×1080 @ 30 asked). */
export async function bareCapture(): Promise<void> {
  const w = window as unknown as BareWindow;
  w.__bare ??= { stream: null, pcs: [] };
  w.__bare.stream = await navigator.mediaDevices.getDisplayMedia({
    video: { width: 1920, height: 1080, frameRate: 30 },
  });
}

/** In the presenter page: a new connection carrying the capture; resolves its complete offer. */
export async function bareOffer(): Promise<{ index: number; sdp: string }> {
  const w = window as unknown as BareWindow;
  const pc = new RTCPeerConnection();
  const stream = w.__bare.stream!;
  for (const track of stream.getVideoTracks()) pc.addTrack(track, stream);
  await pc.setLocalDescription(await pc.createOffer());
  await new Promise<void>((resolve) => {
    if (pc.iceGatheringState === 'complete') resolve();
    pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && resolve());
  });
  return { index: w.__bare.pcs.push(pc) - 1, sdp: pc.localDescription!.sdp };
}

/** In a viewer page: answers `sdp`, showing the track in a full-size <video id="remote">; resolves the answer. */
export async function bareAnswer(sdp: string): Promise<string> {
  const pc = new RTCPeerConnection();
  (window as unknown as { __barePc?: RTCPeerConnection }).__barePc = pc;
  pc.ontrack = ({ streams }) => {
    const video = document.createElement('video');
    Object.assign(video, { id: 'remote', muted: true, autoplay: true, playsInline: true, srcObject: streams[0] });
    video.style.width = '100%';
    document.body.append(video);
  };
  await pc.setRemoteDescription({ type: 'offer', sdp });
  await pc.setLocalDescription(await pc.createAnswer());
  await new Promise<void>((resolve) => {
    if (pc.iceGatheringState === 'complete') resolve();
    pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && resolve());
  });
  return pc.localDescription!.sdp;
}

/** Connects `viewer` to the presenter's running capture (offer → answer through the driver). */
export async function bareConnect(presenter: Page, viewer: Page): Promise<void> {
  const offer = await presenter.evaluate(bareOffer);
  // The floor's estimate starts where a Moim link made for a share starts (common/media.ts): the figures then
  // compare the paths, not Chromium's 300 kbit/s default against Moim's start.
  const answer = withStartBitrate(await viewer.evaluate(bareAnswer, offer.sdp), SCREEN_START_KBPS);
  await presenter.evaluate(
    ({ index, sdp }) =>
      (window as unknown as BareWindow).__bare.pcs[index]!.setRemoteDescription({ type: 'answer', sdp }),
    { index: offer.index, sdp: answer },
  );
}

/** In the presenter page: stops the capture and closes every connection. */
export function bareStop(): void {
  const w = window as unknown as BareWindow;
  for (const pc of w.__bare.pcs) pc.close();
  w.__bare.pcs = [];
  w.__bare.stream?.getTracks().forEach((t) => t.stop());
  w.__bare.stream = null;
}

/** In a viewer page: closes its connection and removes the video. */
export function bareLeave(): void {
  (window as unknown as { __barePc?: RTCPeerConnection }).__barePc?.close();
  document.querySelector('video#remote')?.remove();
}
