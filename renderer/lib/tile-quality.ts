import type { PublishKind } from '../../common/protocol';
import type { StatsSnapshot } from '../engine/stats-sampler';
import type { QualityFigures } from './call-quality';

const worst = (values: (number | null)[], pick: (a: number, b: number) => number): number | null =>
  values.reduce<number | null>((acc, v) => (v === null ? acc : acc === null ? v : pick(acc, v)), null);

/**
 * The figures a remote tile's quality is judged from: the worst over the streams received from `peerId` for that
 * tile (a camera tile is the person: camera and microphone; a screen tile: the screen's streams). Null when
 * nothing is received from them in this snapshot.
 */
export function receivedFigures(
  snapshot: StatsSnapshot | undefined,
  peerId: string,
  tile: 'cam' | 'screen',
): QualityFigures | null {
  const kinds: readonly PublishKind[] = tile === 'cam' ? ['cam', 'mic'] : ['screen'];
  const tracks = (snapshot?.tracks ?? []).filter(
    (t) => t.direction === 'in' && t.peerId === peerId && kinds.includes(t.kind),
  );
  if (tracks.length === 0) return null;
  const max = (of: (t: (typeof tracks)[number]) => number | null) => worst(tracks.map(of), Math.max);
  const min = (of: (t: (typeof tracks)[number]) => number | null) => worst(tracks.map(of), Math.min);
  return {
    rttMs: max((t) => t.rttMs),
    lossPct: max((t) => t.lossPct),
    jitterMs: max((t) => t.jitterMs),
    availableKbps: min((t) => t.pair?.availableIncomingKbps ?? null),
  };
}
