import { extractInboundStats, type InboundIdentity, type RemoteStats } from './stats';
import type { RemoteTracks } from './remote-tracks';
import type { StatsSource } from './track-stats';

/** Receive figures of the live tracks `remote` maps on one P2P link to `peerId`. */
export async function linkInboundStats(
  peerId: string,
  pc: RTCPeerConnection,
  remote: RemoteTracks,
): Promise<RemoteStats[]> {
  const report = await pc.getStats();
  return extractInboundStats(peerId, report.values(), (identity) => remote.kindOf(identity));
}

/** One P2P link's stats report for the stats sampler: its inbound entries are `peerId`'s tracks. */
export async function linkStatsSource(
  peerId: string,
  pc: RTCPeerConnection,
  remote: RemoteTracks,
): Promise<StatsSource> {
  const entries = [...(await pc.getStats()).values()];
  const ownerOf = (identity: InboundIdentity) => {
    const kind = remote.kindOf(identity);
    return kind && { peerId, kind };
  };
  return { entries, sendsTo: peerId, ownerOf };
}
