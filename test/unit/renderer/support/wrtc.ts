import wrtc from '@roamhq/wrtc';
import { WrtcPeerConnection } from '../../../support/wrtc-peer-connection';

/**
 * A real WebRTC stack for Node tests, its descriptions read safely (see WrtcPeerConnection). Its bindings lack two
 * things the engine relies on, as browsers do: setLocalDescription() without arguments, and the implicit rollback in
 * setRemoteDescription(offer) during glare. This subclass adds both and, like a browser's operations chain, runs
 * descriptions one at a time, so "offer or answer?" is decided when the operation runs, not when it was called.
 */
export class ShimPeerConnection extends WrtcPeerConnection {
  private chain: Promise<unknown> = Promise.resolve();

  override setLocalDescription(description?: RTCLocalSessionDescriptionInit): Promise<void> {
    return this.enqueue(async () => {
      if (description?.type) return super.setLocalDescription(description);
      const answering = this.signalingState === 'have-remote-offer' || this.signalingState === 'have-local-pranswer';
      return super.setLocalDescription(answering ? await this.createAnswer() : await this.createOffer());
    });
  }

  override setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
    return this.enqueue(async () => {
      if (description.type === 'offer' && this.signalingState === 'have-local-offer') {
        await super.setLocalDescription({ type: 'rollback' });
      }
      return super.setRemoteDescription(description);
    });
  }

  override addIceCandidate(candidate?: RTCIceCandidateInit | null): Promise<void> {
    return this.enqueue(() => super.addIceCandidate(candidate ?? undefined));
  }

  private enqueue<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.chain.then(operation);
    this.chain = result.catch(() => undefined);
    return result;
  }
}

/** wrtc's MediaStream, typed as the DOM one. */
export const WrtcMediaStream = wrtc.MediaStream as unknown as typeof MediaStream;

/** A video track fed a grey 320x240 frame every 50 ms, so the far side decodes frames; `stop()` ends both. */
export function fakeVideoTrack(): { track: MediaStreamTrack; stop: () => void } {
  const source = new wrtc.nonstandard.RTCVideoSource();
  const track = source.createTrack() as unknown as MediaStreamTrack;
  const width = 320;
  const height = 240;
  const data = new Uint8Array(width * height * 1.5).fill(128);
  const timer = setInterval(() => source.onFrame({ width, height, data }), 50);
  return {
    track,
    stop: () => {
      clearInterval(timer);
      track.stop();
    },
  };
}

/** An audio track fed 10 ms of a quiet 440 Hz tone every 10 ms; `stop()` ends both. */
export function fakeAudioTrack(): { track: MediaStreamTrack; stop: () => void } {
  const source = new wrtc.nonstandard.RTCAudioSource();
  const track = source.createTrack() as unknown as MediaStreamTrack;
  const sampleRate = 48_000;
  const samples = new Int16Array(sampleRate / 100);
  let t = 0;
  const timer = setInterval(() => {
    for (let i = 0; i < samples.length; i++, t++)
      samples[i] = Math.round(3000 * Math.sin((2 * Math.PI * 440 * t) / sampleRate));
    source.onData({ samples, sampleRate, bitsPerSample: 16, channelCount: 1, numberOfFrames: samples.length });
  }, 10);
  return {
    track,
    stop: () => {
      clearInterval(timer);
      track.stop();
    },
  };
}
