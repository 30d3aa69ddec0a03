/** One moment a page went through, on its own `performance.now()` clock; `pc` numbers the peer connection. */
export interface ProbeEvent {
  t: number;
  name: string;
  pc?: number;
}

/** What the probes of one page recorded. */
export interface ProbeLog {
  events: ProbeEvent[];
  /** Frame numbers read from presented frames with the epoch ms (timeOrigin + presentationTime) they showed. */
  frames: [code: number, presentedAtEpochMs: number][];
}

/** How the probes work in a page. */
export interface ProbeOptions {
  /** Interval of the getStats polling that finds the first RTP packet and the first decoded frame. */
  pollMs: number;
  /** Keep reading frame numbers (see frame-code.ts) from every presented frame of the first remote video. */
  readFrames: boolean;
}

/** The page's handle on its probes: the log, and a way for the driver to add a moment (e.g. the click). */
export type ProbeWindow = Window & {
  __probes: ProbeLog & { mark(name: string, t?: number): void };
  __readFrameCode?: (video: HTMLVideoElement) => number | null;
};

/**
 * Init script (runs in the page before its own code): timestamps what the page does on its way from a join to
 * the first remote frame, without touching the app. It wraps WebSocket (requests by method, their responses,
 * notifications) and RTCPeerConnection (descriptions set, ICE and DTLS states, remote tracks); for a remote
 * video track it polls the receiver's getStats for the first RTP packet and the first decoded frame, and shows
 * the track in a tiny <video> whose requestVideoFrameCallback gives the first frame presented.
 */
export function installProbes(options: ProbeOptions): void {
  const log: ProbeWindow['__probes'] = {
    events: [],
    frames: [],
    mark: (name, t = performance.now()) => void log.events.push({ t, name }),
  };
  (window as unknown as ProbeWindow).__probes = log;
  const mark = (name: string, pc?: number, t = performance.now()) => log.events.push({ t, name, pc });
  const parse = (data: unknown): { id?: number; method?: string; ok?: boolean; data?: Record<string, unknown> } => {
    try {
      return typeof data === 'string' ? JSON.parse(data) : {};
    } catch {
      return {};
    }
  };
  /** A request's name: its method, with the detail that tells two requests of one method apart. */
  const label = (method: string, data: Record<string, unknown> | undefined) => {
    const description = data?.description as { type?: string } | undefined;
    if (method === 'signal') return `signal ${description?.type ?? 'candidate'}`;
    if (method === 'createWebRtcTransport') return `${method} ${String(data?.direction)}`;
    return method;
  };

  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    private readonly requests = new Map<number, string>();
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('open', () => mark('ws open'));
      this.addEventListener('message', ({ data }) => {
        const frame = parse(data);
        const request = frame.id === undefined ? undefined : this.requests.get(frame.id);
        if (request) mark(`ws answered ${request}${frame.ok === false ? ' (error)' : ''}`);
        else if (frame.method) mark(`ws notified ${label(frame.method, frame.data)}`);
      });
    }
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      const frame = parse(data);
      if (frame.method && frame.id !== undefined) {
        const name = label(frame.method, frame.data);
        this.requests.set(frame.id, name);
        mark(`ws sent ${name}`);
      }
      super.send(data);
    }
  };

  let connections = 0;
  let watching = false;
  const watch = (receiver: RTCRtpReceiver, track: MediaStreamTrack, pc: number) => {
    // Only the first remote video track of the page: the one every variant's first frame is judged by.
    if (watching) return;
    watching = true;
    void (async () => {
      let rtp = false;
      for (;;) {
        const t = performance.now();
        let decoded = false;
        (await receiver.getStats()).forEach((s: { type: string; packetsReceived?: number; framesDecoded?: number }) => {
          if (s.type !== 'inbound-rtp') return;
          if (!rtp && (s.packetsReceived ?? 0) > 0) {
            rtp = true;
            mark('first RTP received', pc, t);
          }
          if ((s.framesDecoded ?? 0) > 0) {
            decoded = true;
            mark('framesDecoded > 0 seen', pc, t);
          }
        });
        if (decoded || track.readyState === 'ended') return;
        await new Promise((resolve) => setTimeout(resolve, options.pollMs));
      }
    })();
    const video = document.createElement('video');
    Object.assign(video.style, { position: 'fixed', right: '0', bottom: '0', width: '4px', height: '4px' });
    video.muted = true;
    video.srcObject = new MediaStream([track]);
    const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
      if (!log.events.some((e) => e.name === 'first frame presented')) {
        if (meta.receiveTime !== undefined) {
          mark('first frame received', pc, meta.receiveTime);
          // Decoding starts once the frame's last packet is in (no jitter buffer wait for a first frame).
          const decodeMs = meta.processingDuration !== undefined ? meta.processingDuration * 1000 : NaN;
          if (decodeMs >= 0) mark('first frame decoded', pc, meta.receiveTime + decodeMs);
        }
        mark('first frame presented', pc, meta.presentationTime);
        mark(`first frame ${meta.width}x${meta.height}`, pc, meta.presentationTime);
      }
      const code = options.readFrames ? (window as unknown as ProbeWindow).__readFrameCode?.(video) : null;
      if (code !== null && code !== undefined) log.frames.push([code, performance.timeOrigin + meta.presentationTime]);
      if (options.readFrames && track.readyState !== 'ended') video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
    document.documentElement.append(video);
    void video.play();
  };

  const NativePeerConnection = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePeerConnection {
    private readonly n = ++connections;
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      const n = this.n;
      mark('pc created', n);
      this.addEventListener('icegatheringstatechange', () => mark(`ICE gathering ${this.iceGatheringState}`, n));
      this.addEventListener('iceconnectionstatechange', () => mark(`ICE ${this.iceConnectionState}`, n));
      this.addEventListener('connectionstatechange', () => mark(`DTLS ${this.connectionState}`, n));
      this.addEventListener('track', ({ receiver, track }) => {
        mark(`remote ${track.kind} track`, n);
        if (track.kind === 'video') watch(receiver, track, n);
      });
    }
    override async setLocalDescription(description?: RTCLocalSessionDescriptionInit): Promise<void> {
      await super.setLocalDescription(description);
      mark(`local ${this.localDescription?.type} set`, this.n);
    }
    override async setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
      await super.setRemoteDescription(description);
      mark(`remote ${description.type} set`, this.n);
    }
  };
}
