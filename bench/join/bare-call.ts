// The floor: a bare RTCPeerConnection call between two pages of one browser context, signaled over a
// BroadcastChannel (no server), trickle ICE, the sender offering as soon as a receiver says "join".

/** In the sender page: answers every "join" with a new connection carrying `window.__source`. */
export function bareSender(): void {
  const channel = new BroadcastChannel('bench');
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
      } else if (data.type === 'answer') {
        await pc?.setRemoteDescription(data.description);
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
  const channel = new BroadcastChannel('bench');
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
