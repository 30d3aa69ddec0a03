import type { PublishKind } from '../../common/protocol';
import { inboundIdentity, num, str, type InboundIdentity } from './stats';

/** The ICE candidate pair media takes, as the stats report names it. */
export interface CandidatePair {
  /** 'host' | 'srflx' | 'prflx' | 'relay'. */
  localType: string;
  remoteType: string;
  /** 'udp' | 'tcp'. */
  protocol: string;
  rttMs: number | null;
  availableOutgoingKbps: number | null;
  availableIncomingKbps: number | null;
}

/** Whose remote track an inbound-rtp entry carries, and (SFU) which simulcast layer the server forwards. */
export interface InboundOwner {
  peerId: string;
  kind: PublishKind;
  layer?: { spatial: number; temporal: number } | null;
}

/** One stats report and how to tell whose tracks its inbound entries carry. */
export interface StatsSource {
  entries: readonly unknown[];
  /** P2P: the peer this connection sends to (one connection per peer); SFU: absent. */
  sendsTo?: string;
  ownerOf(identity: InboundIdentity): InboundOwner | undefined;
}

/** The cumulative counters and current figures of one RTP stream, sent or received. */
export interface TrackCounters {
  direction: 'in' | 'out';
  /** The remote peer (in), the peer sent to (out, P2P), or null (out, SFU). */
  peerId: string | null;
  kind: PublishKind;
  trackKind: 'audio' | 'video';
  /** The simulcast encoding sent ('r0'…), or null. */
  rid: string | null;
  ssrc: number;
  frameWidth: number;
  frameHeight: number;
  framesPerSecond: number;
  /** Frames decoded (in) or encoded (out). */
  frames: number;
  bytes: number;
  packets: number;
  /** Lost on the way to us (in), or as the receiver reports back (out). */
  packetsLost: number;
  jitterMs: number | null;
  rttMs: number | null;
  /** 'VP8', 'opus'… */
  codec: string;
  qualityLimitationReason: string | null;
  layer: { spatial: number; temporal: number } | null;
  pair: CandidatePair | null;
}

type Entry = Record<string, unknown>;

const opt = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const ms = (seconds: unknown): number | null => (opt(seconds) === null ? null : Math.round(num(seconds) * 10000) / 10);
const kbps = (bps: unknown): number | null => (opt(bps) === null ? null : Math.round(num(bps) / 1000));

/** The pair the report's transport selected (else the nominated, succeeded one), with its candidates' types. */
export function selectedPair(byId: ReadonlyMap<string, Entry>): CandidatePair | null {
  const entries = [...byId.values()];
  const selectedId = entries
    .map((e) => (e.type === 'transport' ? str(e.selectedCandidatePairId) : undefined))
    .find(Boolean);
  const pair =
    (selectedId ? byId.get(selectedId) : undefined) ??
    entries.find((e) => e.type === 'candidate-pair' && e.nominated === true && e.state === 'succeeded');
  if (!pair) return null;
  const local = byId.get(str(pair.localCandidateId) ?? '');
  const remote = byId.get(str(pair.remoteCandidateId) ?? '');
  return {
    localType: str(local?.candidateType) ?? 'unknown',
    remoteType: str(remote?.candidateType) ?? 'unknown',
    protocol: str(local?.protocol) ?? 'unknown',
    rttMs: ms(pair.currentRoundTripTime),
    availableOutgoingKbps: kbps(pair.availableOutgoingBitrate),
    availableIncomingKbps: kbps(pair.availableIncomingBitrate),
  };
}

/**
 * Reads every inbound-rtp entry of a known remote track and every outbound-rtp entry of a local track
 * (`localKindOf` names its publish kind) out of one stats report.
 */
export function readTrackStats(
  source: StatsSource,
  localKindOf: (trackId: string) => PublishKind | undefined,
): TrackCounters[] {
  const byId = new Map<string, Entry>();
  for (const e of source.entries) if (e && typeof e === 'object') byId.set(str((e as Entry).id) ?? '', e as Entry);
  const pair = selectedPair(byId);
  const codec = (e: Entry) => (str(byId.get(str(e.codecId) ?? '')?.mimeType) ?? '').split('/')[1] ?? '';
  const common = (e: Entry) => ({
    trackKind: (e.kind ?? e.mediaType) === 'audio' ? ('audio' as const) : ('video' as const),
    ssrc: num(e.ssrc),
    frameWidth: num(e.frameWidth),
    frameHeight: num(e.frameHeight),
    framesPerSecond: num(e.framesPerSecond),
    codec: codec(e),
    pair,
  });
  const out: TrackCounters[] = [];
  for (const e of byId.values()) {
    if (e.type === 'inbound-rtp') {
      const owner = source.ownerOf(inboundIdentity(e));
      if (!owner) continue;
      out.push({
        ...common(e),
        direction: 'in',
        peerId: owner.peerId,
        kind: owner.kind,
        rid: null,
        frames: num(e.framesDecoded),
        bytes: num(e.bytesReceived),
        packets: num(e.packetsReceived),
        packetsLost: Math.max(0, num(e.packetsLost)),
        jitterMs: ms(e.jitter),
        rttMs: pair?.rttMs ?? null,
        qualityLimitationReason: null,
        layer: owner.layer ?? null,
      });
    } else if (e.type === 'outbound-rtp') {
      const trackId = str(byId.get(str(e.mediaSourceId) ?? '')?.trackIdentifier);
      const kind = trackId ? localKindOf(trackId) : undefined;
      if (!kind) continue;
      const remote = [...byId.values()].find((r) => r.type === 'remote-inbound-rtp' && r.localId === e.id);
      out.push({
        ...common(e),
        direction: 'out',
        peerId: source.sendsTo ?? null,
        kind,
        rid: str(e.rid) ?? null,
        frames: num(e.framesEncoded),
        bytes: num(e.bytesSent),
        packets: num(e.packetsSent),
        packetsLost: Math.max(0, num(remote?.packetsLost)),
        jitterMs: ms(remote?.jitter),
        rttMs: ms(remote?.roundTripTime) ?? pair?.rttMs ?? null,
        qualityLimitationReason: str(e.qualityLimitationReason) ?? null,
        layer: null,
      });
    }
  }
  return out;
}
