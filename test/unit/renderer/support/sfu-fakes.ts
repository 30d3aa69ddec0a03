import { FakeMediaStreamTrack } from 'fake-mediastreamtrack';
import { Device, FakeHandler } from 'mediasoup-client';
import * as fake from 'mediasoup-client/fakeParameters';
import {
  methods,
  type MethodName,
  type PublishKind,
  type RequestOf,
  type ResponseOf,
  type Role,
} from '../../../../common/protocol';
import type { MediaSessionContext } from '../../../../renderer/engine/media-session';
import { SignalingError } from '../../../../renderer/engine/errors';
import type { SignalingPort } from '../../../../renderer/engine/signaling-types';

/** The handler factory of mediasoup-client's own FakeHandler, with the library's fake parameters. */
export function fakeHandlerFactory(): ReturnType<typeof FakeHandler.createFactory> {
  return FakeHandler.createFactory({
    generateNativeRtpCapabilities: fake.generateNativeRtpCapabilities,
    generateLocalDtlsParameters: fake.generateLocalDtlsParameters,
  });
}

/** A mediasoup-client Device on the library's own FakeHandler: real Transport/Producer/Consumer logic, no WebRTC. */
export function fakeDevice(): Device {
  return new Device({ handlerFactory: fakeHandlerFactory() });
}

/** A fake Device whose transports' handlers are kept, so a test can set their connection state. */
export function fakeDeviceWithHandlers(): { createDevice: () => Device; handlers: FakeHandler[] } {
  const handlers: FakeHandler[] = [];
  const base = fakeHandlerFactory();
  const handlerFactory = {
    ...base,
    factory: (options: Parameters<typeof base.factory>[0]) => {
      const handler = base.factory(options) as FakeHandler;
      handlers.push(handler);
      return handler;
    },
  };
  return { createDevice: () => new Device({ handlerFactory }), handlers };
}

/** A fake local track; `settings` as getSettings() returns them. */
export function fakeTrack(kind: 'audio' | 'video', settings: MediaTrackSettings = {}): MediaStreamTrack {
  return new FakeMediaStreamTrack({ kind, settings }) as unknown as MediaStreamTrack;
}

/** Enough of MediaStream for the receiver: a set of tracks with an id. */
export class FakeMediaStream {
  private static next = 1;
  readonly id = `stream${FakeMediaStream.next++}`;
  private readonly tracks = new Set<MediaStreamTrack>();
  addTrack(track: MediaStreamTrack): void {
    this.tracks.add(track);
  }
  removeTrack(track: MediaStreamTrack): void {
    this.tracks.delete(track);
  }
  getTracks(): MediaStreamTrack[] {
    return [...this.tracks];
  }
}

interface RemoteProducer {
  peerId: string;
  source: PublishKind;
  kind: 'audio' | 'video';
}

/**
 * The SFU half of the room server in memory: validates every request with the protocol's schemas, answers
 * with mediasoup-client's fake parameters, and records what it was asked, in order.
 */
export class FakeSfu implements SignalingPort {
  readonly calls: { method: MethodName; data: Record<string, unknown> }[] = [];
  /** Producers of other peers that `consume` can be asked for. */
  readonly producers = new Map<string, RemoteProducer>();
  /** Methods that fail, with the code they fail with. */
  readonly refuse = new Map<MethodName, SignalingError['code']>();
  /** Requests of this method wait for `release()`. */
  private held: { method: MethodName; waiting: (() => void)[] } | null = null;
  private next = 1;

  /** Adds a producer of another peer; returns its id (announce it with a newProducer notification). */
  addProducer(peerId: string, source: PublishKind, kind: 'audio' | 'video'): string {
    const id = `producer${this.next++}`;
    this.producers.set(id, { peerId, source, kind });
    return id;
  }

  /** Holds the answers to requests of `method` until `release()`. */
  hold(method: MethodName): void {
    this.held = { method, waiting: [] };
  }

  release(): void {
    const waiting = this.held?.waiting ?? [];
    this.held = null;
    for (const go of waiting) go();
  }

  methodsCalled(): MethodName[] {
    return this.calls.map((c) => c.method);
  }

  callsOf(method: MethodName): Record<string, unknown>[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.data);
  }

  async request<M extends MethodName>(method: M, data: RequestOf<M>): Promise<ResponseOf<M>> {
    const parsed = methods[method].request.safeParse(data);
    if (!parsed.success) throw new SignalingError('BAD_REQUEST', `${method}: ${parsed.error.message}`, method);
    this.calls.push({ method, data: data as Record<string, unknown> });
    await Promise.resolve();
    const held = this.held;
    if (held?.method === method) await new Promise<void>((go) => held.waiting.push(go));
    const code = this.refuse.get(method);
    if (code) throw new SignalingError(code, `${method} refused`, method);
    return (await this.answer(method, data as Record<string, unknown>)) as ResponseOf<M>;
  }

  private async answer(method: MethodName, data: Record<string, unknown>): Promise<unknown> {
    switch (method) {
      case 'getRouterRtpCapabilities':
        return { rtpCapabilities: fake.generateRouterRtpCapabilities() };
      case 'createWebRtcTransport': {
        const { id, iceParameters, iceCandidates, dtlsParameters, sctpParameters } =
          fake.generateTransportRemoteParameters();
        return { transportId: id, iceParameters, iceCandidates, dtlsParameters, sctpParameters };
      }
      case 'produce':
        return { producerId: `mine${this.next++}` };
      case 'consume': {
        const producer = this.producers.get(data.producerId as string);
        if (!producer) throw new SignalingError('BAD_REQUEST', 'unknown producer', 'consume');
        const remote = fake.generateConsumerRemoteParameters({
          codecMimeType: producer.kind === 'audio' ? 'audio/opus' : 'video/VP8',
        });
        const rtpParameters = structuredClone(remote.rtpParameters);
        if (producer.kind === 'video' && producer.source === 'cam')
          rtpParameters.encodings![0]!.scalabilityMode = 'L3T3';
        return {
          consumerId: `consumer${this.next++}`,
          producerId: data.producerId,
          peerId: producer.peerId,
          kind: producer.kind,
          source: producer.source,
          rtpParameters,
          type: producer.source === 'cam' ? 'simulcast' : 'simple',
          producerPaused: false,
        };
      }
      default:
        return {};
    }
  }
}

/** The context the engine would give an SFU session. */
export function sfuContext(sfu: FakeSfu, role: Role = 'presenter'): MediaSessionContext {
  return {
    selfId: 'self',
    roomId: 'room1',
    mode: role === 'viewer' ? 'broadcast' : 'sfu',
    role,
    signaling: sfu,
    iceServers: [],
    RTCPeerConnection: undefined,
    MediaStream: FakeMediaStream as unknown as typeof MediaStream,
  };
}

/** Resolves once `check` holds, polling every few ms; rejects after `ms`. */
export async function until(check: () => boolean, ms = 2000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
