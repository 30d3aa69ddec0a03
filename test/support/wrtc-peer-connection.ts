import wrtc from '@roamhq/wrtc';

type Description = RTCSessionDescriptionInit;

/** The getters a WrtcPeerConnection answers for itself. */
const DESCRIPTION_GETTERS = new Set<PropertyKey>([
  'localDescription',
  'remoteDescription',
  'currentLocalDescription',
  'pendingLocalDescription',
  'currentRemoteDescription',
  'pendingRemoteDescription',
]);

/** A read-only copy of `description`, shaped like the browser's RTCSessionDescription. */
function copyOf(description: Description | null): RTCSessionDescription | null {
  if (!description) return null;
  const { type, sdp = '' } = description;
  return Object.freeze({ type, sdp, toJSON: () => ({ type, sdp }) }) as RTCSessionDescription;
}

/**
 * @roamhq/wrtc's RTCPeerConnection with its descriptions kept in JS. node-webrtc's own `localDescription` getter
 * serializes libwebrtc's description on the calling thread while the signaling thread may be changing it (a
 * gathered candidate is added to it, an answer makes it current): vitest workers died of that race, a segfault in
 * `webrtc::SdpSerialize` under `GetLocalDescription` (node-webrtc issue #696). A browser hands out copies made on
 * its own thread; so does this, from the descriptions set through it. The copies carry no gathered candidates: the
 * code under test trickles those.
 */
export class WrtcPeerConnection extends (wrtc.RTCPeerConnection as unknown as typeof RTCPeerConnection) {
  // Plain (not #private) fields: `this` is the proxy below, which #private fields would not pass through.
  private readonly described: Record<
    'currentLocal' | 'pendingLocal' | 'currentRemote' | 'pendingRemote',
    Description | null
  > = {
    currentLocal: null,
    pendingLocal: null,
    currentRemote: null,
    pendingRemote: null,
  };

  constructor(configuration?: RTCConfiguration) {
    super(configuration);
    // wrtc defines its description getters on each instance, unconfigurable: only a proxy can answer in their place.
    return new Proxy(this, {
      get: (target, key, receiver) =>
        DESCRIPTION_GETTERS.has(key) ? target.descriptionFor(key as string) : Reflect.get(target, key, receiver),
    });
  }

  /** Sets an explicit description (wrtc has no implicit one) and records it once libwebrtc took it. */
  override async setLocalDescription(description?: RTCLocalSessionDescriptionInit): Promise<void> {
    if (!description?.type) throw new TypeError('WrtcPeerConnection: setLocalDescription() needs a description');
    await super.setLocalDescription(description);
    this.took('local', { type: description.type, sdp: description.sdp ?? '' });
  }

  override async setRemoteDescription(description: Description): Promise<void> {
    await super.setRemoteDescription(description);
    this.took('remote', { type: description.type, sdp: description.sdp ?? '' });
  }

  /** What the getter `key` (one of DESCRIPTION_GETTERS) returns. */
  private descriptionFor(key: string): RTCSessionDescription | null {
    const { currentLocal, pendingLocal, currentRemote, pendingRemote } = this.described;
    if (key === 'localDescription') return copyOf(pendingLocal ?? currentLocal);
    if (key === 'remoteDescription') return copyOf(pendingRemote ?? currentRemote);
    return copyOf(this.described[key.replace('Description', '') as keyof typeof this.described]);
  }

  /** The spec's transitions: an offer (or pranswer) is pending; an answer makes it and its offer current. */
  private took(side: 'local' | 'remote', description: Description): void {
    const local = side === 'local';
    const d = this.described;
    if (description.type === 'rollback') {
      if (local) d.pendingLocal = null;
      else d.pendingRemote = null;
    } else if (description.type === 'offer' || description.type === 'pranswer') {
      if (local) d.pendingLocal = description;
      else d.pendingRemote = description;
    } else {
      const offer = local ? d.pendingRemote : d.pendingLocal;
      d.currentLocal = local ? description : offer;
      d.currentRemote = local ? offer : description;
      d.pendingLocal = d.pendingRemote = null;
    }
  }
}
