import type { PublishKind } from '../../common/protocol';

/** Receive figures of one remote track, taken from its inbound-rtp stats. */
export interface RemoteStats {
  peerId: string;
  kind: PublishKind;
  /** 'audio' or 'video': a screen share may carry both. */
  trackKind: 'audio' | 'video';
  framesDecoded: number;
  frameWidth: number;
  frameHeight: number;
  packetsReceived: number;
  /** 0..1, audio only (0 for video). */
  audioLevel: number;
  bytesReceived: number;
}

/** The fields of an inbound-rtp entry used to find which remote track it belongs to. */
export interface InboundIdentity {
  trackIdentifier?: string;
  mid?: string;
}

/**
 * Picks the inbound-rtp entries out of a stats report and labels each with its publish kind; entries
 * `kindOf` doesn't know (stale receivers of unpublished tracks) are left out.
 */
export function extractInboundStats(
  peerId: string,
  entries: Iterable<unknown>,
  kindOf: (identity: InboundIdentity) => PublishKind | undefined,
): RemoteStats[] {
  const out: RemoteStats[] = [];
  for (const entry of entries) {
    if (typeof entry !== 'object' || entry === null) continue;
    const s = entry as Record<string, unknown>;
    if (s.type !== 'inbound-rtp') continue;
    const trackKind = (s.kind ?? s.mediaType) === 'audio' ? 'audio' : 'video';
    const kind = kindOf(inboundIdentity(s));
    if (!kind) continue;
    out.push({
      peerId,
      kind,
      trackKind,
      framesDecoded: num(s.framesDecoded),
      frameWidth: num(s.frameWidth),
      frameHeight: num(s.frameHeight),
      packetsReceived: num(s.packetsReceived),
      audioLevel: num(s.audioLevel),
      bytesReceived: num(s.bytesReceived),
    });
  }
  return out;
}

/** A stats field as a finite number, 0 when absent or not one. */
export function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** A stats field as a string, undefined when absent or not one. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** What tells whose remote track an inbound-rtp entry carries. */
export function inboundIdentity(s: Record<string, unknown>): InboundIdentity {
  return { trackIdentifier: str(s.trackIdentifier), mid: str(s.mid) };
}
