import type { IceCandidate } from '../../common/protocol';

/**
 * Perfect negotiation needs exactly one polite peer per pair, chosen without talking: the peer with the
 * smaller id yields (rolls back its own offer) when both offer at once.
 */
export function isPolite(selfId: string, remoteId: string): boolean {
  if (selfId === remoteId) throw new TypeError(`isPolite() | a peer cannot negotiate with itself [id:${selfId}]`);
  return selfId < remoteId;
}

/**
 * The DTLS fingerprint in an SDP, or null. A new fingerprint from a peer we already talk to means the other
 * side is a brand-new RTCPeerConnection (it reconnected or reloaded), so our old one must be replaced.
 */
export function sdpFingerprint(sdp: string | undefined): string | null {
  const match = /^a=fingerprint:(.+)$/im.exec(sdp ?? '');
  return match?.[1]?.trim().toLowerCase() ?? null;
}

/** What perfect negotiation does with an incoming description (the MDN algorithm's decision, kept pure). */
export function shouldIgnoreOffer(input: {
  type: RTCSdpType;
  polite: boolean;
  makingOffer: boolean;
  signalingState: RTCSignalingState;
  settingRemoteAnswerPending: boolean;
}): boolean {
  const readyForOffer = !input.makingOffer && (input.signalingState === 'stable' || input.settingRemoteAnswerPending);
  const collision = input.type === 'offer' && !readyForOffer;
  return collision && !input.polite;
}

/** A local ICE candidate as the signaling protocol carries it (libwebrtc builds differ on toJSON()). */
export function candidateInit(c: RTCIceCandidate): IceCandidate {
  const j = typeof c.toJSON === 'function' ? c.toJSON() : c;
  return {
    candidate: j.candidate ?? '',
    sdpMid: j.sdpMid ?? null,
    sdpMLineIndex: j.sdpMLineIndex ?? null,
    usernameFragment: j.usernameFragment ?? null,
  };
}
