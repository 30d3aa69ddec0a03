// The floor: a bare RTCPeerConnection call, trickle ICE, the sender offering as soon as a receiver says "join". Two
// kinds: 'bare' signals over a BroadcastChannel between two pages of one browser context (no server at all);
// 'relayed' signals through a WebSocket relay (relay.ts) between pages of separate contexts, as two machines would.
// Its estimate starts where Moim's does (the sender page's `__startBitrate`, common/media.ts), so the figures compare
// the paths, not Chromium's 300 kbit/s default against Moim's start.
import type { Page } from '@playwright/test';
import { withStartBitrate } from '../../renderer/engine/start-bitrate';

/** The sender page's copy of Moim's start-bitrate rewrite (exposed by the driver: see `exposeStartBitrate`). */
interface StartBitrateWindow {
  __startBitrate(sdp: string): Promise<string>;
}

/** Gives `page` the `__startBitrate` the bare sender applies to each answer, Moim's own rewrite. */
export async function exposeStartBitrate(page: Page): Promise<void> {
  await page.exposeFunction('__startBitrate', (sdp: string) => withStartBitrate(sdp));
}

/** What the bare pages signal over: a BroadcastChannel, or the relay's socket behind the same two members. */
interface BenchChannel {
  postMessage(data: unknown): void;
  onmessage: ((event: MessageEvent) => void) | null;
}
type ChannelWindow = Window & { __benchChannel: BenchChannel };

/**
 * In a bare page, before the call: opens `window.__benchChannel`, a BroadcastChannel, or with `relayUrl` a socket
 * to the relay (resolved once open: a Moim page's signaling socket is open before the click too).
 */
export async function openBenchChannel(relayUrl: string | null): Promise<void> {
  const w = window as unknown as ChannelWindow;
  if (!relayUrl) {
    w.__benchChannel = new BroadcastChannel('bench');
    return;
  }
  const socket = new WebSocket(relayUrl);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = () => reject(new Error(`relay ${relayUrl} unreachable`));
  });
  const channel: BenchChannel = { postMessage: (data) => socket.send(JSON.stringify(data)), onmessage: null };
  socket.onmessage = ({ data }) => channel.onmessage?.(new MessageEvent('message', { data: JSON.parse(String(data)) }));
  w.__benchChannel = channel;
}

/** In the sender page: answers every "join" with a new connection carrying `window.__source`, closed on "leave". */
export function bareSender(): void {
  const channel = (window as unknown as ChannelWindow).__benchChannel;
  const stream = (window as unknown as { __source: MediaStream }).__source;
  let pc: RTCPeerConnection | null = null;
  let queue = Promise.resolve();
  channel.onmessage = ({ data }) => {
    queue = queue.then(async () => {
      if (data.type === 'join') {
        pc?.close();
        const conn = (pc = new RTCPeerConnection());
        conn.onicecandidate = (e) =>
          channel.postMessage({ type: 'candidate', from: 'sender', candidate: e.candidate?.toJSON() ?? null });
        for (const track of stream.getVideoTracks()) conn.addTrack(track, stream);
        await conn.setLocalDescription(await conn.createOffer());
        channel.postMessage({ type: 'offer', description: conn.localDescription!.toJSON() });
      } else if (data.type === 'leave') {
        // As a Moim presenter drops a peer that left: an encoder left running would load the other variants' samples.
        pc?.close();
        pc = null;
      } else if (data.type === 'answer') {
        const sdp = await (window as unknown as StartBitrateWindow).__startBitrate(data.description.sdp);
        await pc?.setRemoteDescription({ type: 'answer', sdp });
      } else if (data.type === 'candidate' && data.from === 'receiver' && data.candidate) {
        await pc?.addIceCandidate(data.candidate);
      }
    });
  };
}

/**
 * In a receiver page (with the probes installed): marks the click, says "join" and answers the offer. The probes
 * see the connection like any other; the connection lives until the page closes.
 */
export function bareReceiver(): void {
  (window as unknown as { __probes: { mark(name: string): void } }).__probes.mark('click');
  const channel = (window as unknown as ChannelWindow).__benchChannel;
  const pc = new RTCPeerConnection();
  pc.onicecandidate = (e) =>
    channel.postMessage({ type: 'candidate', from: 'receiver', candidate: e.candidate?.toJSON() ?? null });
  let queue = Promise.resolve();
  channel.onmessage = ({ data }) => {
    queue = queue.then(async () => {
      if (data.type === 'offer') {
        await pc.setRemoteDescription(data.description);
        await pc.setLocalDescription(await pc.createAnswer());
        channel.postMessage({ type: 'answer', description: pc.localDescription!.toJSON() });
      } else if (data.type === 'candidate' && data.from === 'sender' && data.candidate) {
        await pc.addIceCandidate(data.candidate);
      }
    });
  };
  channel.postMessage({ type: 'join' });
}

/** In a receiver page: tells the sender this receiver is gone, as leaving a Moim room tells the room. */
export function bareLeave(): void {
  (window as unknown as ChannelWindow).__benchChannel.postMessage({ type: 'leave' });
}
