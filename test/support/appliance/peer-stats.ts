import type { CandidateInfo } from './protocol';

type Stats = Record<string, unknown>;

/** What one getStats() says about the audio and the selected candidate pair (if there is one yet). */
export interface PeerStats {
  packetsReceived: number;
  packetsSent: number;
  selectedPair?: { id: string; local: CandidateInfo; remote: CandidateInfo };
}

/** Reads inbound/outbound audio RTP and the selected pair (transport.selectedCandidatePairId → candidates). */
export async function readPeerStats(pc: RTCPeerConnection): Promise<PeerStats> {
  const stats = [...(await pc.getStats()).values()] as Stats[];
  const byId = new Map(stats.map((s) => [s.id as string, s]));
  const inbound = stats.find((s) => s.type === 'inbound-rtp' && s.kind === 'audio');
  const outbound = stats.find((s) => s.type === 'outbound-rtp' && s.kind === 'audio');
  const result: PeerStats = {
    packetsReceived: Number(inbound?.packetsReceived ?? 0),
    packetsSent: Number(outbound?.packetsSent ?? 0),
  };
  const transport = stats.find((s) => s.type === 'transport' && s.selectedCandidatePairId);
  const pair = transport
    ? byId.get(transport.selectedCandidatePairId as string)
    : stats.find((s) => s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded');
  const local = byId.get(pair?.localCandidateId as string);
  const remote = byId.get(pair?.remoteCandidateId as string);
  if (pair && local && remote) {
    result.selectedPair = { id: pair.id as string, local: candidateInfo(local), remote: candidateInfo(remote) };
  }
  return result;
}

function candidateInfo(stats: Stats): CandidateInfo {
  const info: CandidateInfo = {
    candidateType: String(stats.candidateType),
    protocol: String(stats.protocol),
    address: String(stats.address ?? stats.ip),
    port: Number(stats.port),
  };
  if (typeof stats.relayProtocol === 'string') info.relayProtocol = stats.relayProtocol;
  return info;
}
