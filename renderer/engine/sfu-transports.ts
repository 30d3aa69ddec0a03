import type { Device } from 'mediasoup-client';
import type { Transport } from 'mediasoup-client/types';
import type { PublishKind } from '../../common/protocol';
import { createLogger } from './log';
import { worstLinkState, type LinkState } from './reconnect-ladder';
import { createSfuDevice } from './sfu-device';
import { toClientRtpCapabilities, toTransportOptions, toWireRtpParameters } from './sfu-wire';
import type { SignalingPort } from './signaling-types';

const log = createLogger('sfu');

/** Builds a mediasoup-client Device; the default is the page's shared one (sfu-device.ts). */
export type DeviceFactory = () => Device | Promise<Device>;

/** Options of one set of SFU transports. */
export interface SfuTransportsOptions {
  signaling: SignalingPort;
  iceServers: RTCIceServer[];
  createDevice?: DeviceFactory;
  /** The worst connection state of the live transports, on every change (the session's reconnect ladder). */
  onState?(state: LinkState): void;
}

/**
 * The device and the (at most) two WebRTC transports of one SFU session, each created on first use and
 * bridged to the protocol: a transport's `connect` and `produce` events become connectWebRtcTransport and
 * produce requests; their connection states are reported together for the session's reconnect ladder, whose
 * first step (`restartStale`) restarts ICE through restartIce. Closing it closes both.
 */
export class SfuTransports {
  private device: Promise<Device> | null = null;
  private send: Promise<Transport> | null = null;
  private recv: Promise<Transport> | null = null;
  private readonly live: Transport[] = [];
  private closed = false;

  constructor(private readonly options: SfuTransportsOptions) {}

  /** The device, loaded with the room router's RTP capabilities (asked once). */
  loadDevice(): Promise<Device> {
    this.device ??= this.createDevice();
    return this.device;
  }

  /** The transport that sends our producers. */
  sendTransport(): Promise<Transport> {
    this.send ??= this.createTransport('send');
    return this.send;
  }

  /** The transport that receives every consumer. */
  recvTransport(): Promise<Transport> {
    this.recv ??= this.createTransport('recv');
    return this.recv;
  }

  /** The receive transport if it was created, without creating it. */
  async existingRecvTransport(): Promise<Transport | null> {
    return this.recv ? this.recv.catch(() => null) : null;
  }

  /** The send transport if it was created, without creating it. */
  async existingSendTransport(): Promise<Transport | null> {
    return this.send ? this.send.catch(() => null) : null;
  }

  /** Restarts ICE on every transport whose connection failed or dropped (after a reconnect, or by the ladder). */
  restartStale(): Promise<void> {
    const stale = this.live.filter((t) => t.connectionState === 'failed' || t.connectionState === 'disconnected');
    return Promise.all(stale.map((t) => this.restartIce(t))).then(() => undefined);
  }

  /** Closes both transports (and with them every producer and consumer on this side); safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const transport of this.live.splice(0)) transport.close();
    // Transports still being created are closed as soon as they exist.
    for (const pending of [this.send, this.recv])
      void pending?.then(
        (t) => t.close(),
        () => undefined,
      );
  }

  private async createDevice(): Promise<Device> {
    // The browser's own capabilities are found while the router's are on their way.
    const [{ rtpCapabilities }, device] = await Promise.all([
      this.options.signaling.request('getRouterRtpCapabilities', {}),
      (this.options.createDevice ?? createSfuDevice)(),
    ]);
    await device.load({
      routerRtpCapabilities: toClientRtpCapabilities(rtpCapabilities),
    });
    log.debug('device loaded [handler:%s]', device.handlerName);
    return device;
  }

  private async createTransport(direction: 'send' | 'recv'): Promise<Transport> {
    const { signaling, iceServers } = this.options;
    // The server's side of the transport needs no device: ask for it while the device loads, one round trip
    // fewer on the join's critical path. (If the load fails, the session fails and leaving frees that side.)
    const [device, remote] = await Promise.all([
      this.loadDevice(),
      signaling.request('createWebRtcTransport', { direction }),
    ]);
    const options = toTransportOptions(remote, iceServers);
    const transport = direction === 'send' ? device.createSendTransport(options) : device.createRecvTransport(options);
    if (this.closed) {
      transport.close();
      throw new Error(`createTransport() | closed meanwhile [transport:${transport.id}]`);
    }
    this.live.push(transport);
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      signaling
        .request('connectWebRtcTransport', { transportId: transport.id, dtlsParameters })
        .then(() => callback(), errback);
    });
    transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
      const source = appData.source as PublishKind;
      signaling
        .request('produce', {
          transportId: transport.id,
          kind,
          rtpParameters: toWireRtpParameters(rtpParameters),
          source,
        })
        .then(({ producerId }) => callback({ id: producerId }), errback);
    });
    transport.on('connectionstatechange', (state) => {
      log.debug('transport %s [transport:%s, direction:%s]', state, transport.id, direction);
      if (!this.closed) this.options.onState?.(worstLinkState(this.live.map((t) => t.connectionState)));
    });
    log.debug('createTransport() | created [transport:%s, direction:%s]', transport.id, direction);
    return transport;
  }

  private async restartIce(transport: Transport): Promise<void> {
    if (this.closed || transport.closed) return;
    try {
      const { iceParameters } = await this.options.signaling.request('restartIce', { transportId: transport.id });
      if (!transport.closed) await transport.restartIce({ iceParameters });
      log.debug('restartIce() | done [transport:%s]', transport.id);
    } catch (error) {
      log.warn('restartIce() | failed [transport:%s]: %o', transport.id, error);
    }
  }
}
