import type { ShareRow } from './summary';

/** The issue's targets for the screen-share figures. */
export const TARGETS = {
  slideSsim: 0.95,
  motionFps: 25,
  motionMinWidth: 1280,
  joinToSharpMs: 1000,
  /** Every path's SSIM at least this fraction of the floor's (bare call) for the same content. */
  floorFraction: 0.95,
} as const;

const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '—');

/** The table: one line per content × path × link, with the floor's SSIM beside each path's. */
export function formatShareTable(rows: readonly ShareRow[]): string[] {
  const floor = (r: ShareRow) => rows.find((f) => f.content === r.content && f.link === r.link && f.path === 'bare');
  const lines = [
    `${'content'.padEnd(7)} ${'path'.padEnd(5)} ${'link'.padEnd(6)} ${'SSIM med'.padStart(8)} ${'p10'.padStart(6)} ` +
      `${'vs floor'.padStart(8)} ${'delivered'.padStart(10)} ${'@1080p'.padStart(6)} ${'fps'.padStart(5)} ` +
      `${'share→1080p'.padStart(11)} ${'join→sharp'.padStart(10)}  samples`,
  ];
  for (const r of rows) {
    const f = floor(r);
    const vsFloor = f && r.path !== 'bare' ? fmt(r.ssimMedian / f.ssimMedian, 3) : '(floor)';
    lines.push(
      `${r.content.padEnd(7)} ${r.path.padEnd(5)} ${r.link.padEnd(6)} ${fmt(r.ssimMedian, 4).padStart(8)} ` +
        `${fmt(r.ssimP10, 4).padStart(6)} ${vsFloor.padStart(8)} ${r.resolution.padStart(10)} ` +
        `${fmt(r.fullResShare * 100).padStart(5)}% ${fmt(r.fpsMedian, 1).padStart(5)} ` +
        `${`${fmt(r.shareToFullResMs)} ms`.padStart(11)} ${`${fmt(r.joinToSharpMs)} ms`.padStart(10)}  ` +
        `${r.samples}${r.failed ? ` (${r.failed} failed)` : ''}`,
    );
  }
  return lines;
}

/** The target lines for the open link: each figure, its target, met or MISSED. */
export function formatTargets(rows: readonly ShareRow[]): string[] {
  const open = rows.filter((r) => r.link === 'open');
  const lines: string[] = [];
  for (const r of open.filter((r) => r.content === 'slide')) {
    const met = r.ssimMedian >= TARGETS.slideSsim && r.resolution === '1920×1080';
    lines.push(
      `slide ${r.path}: SSIM ${fmt(r.ssimMedian, 4)} at ${r.resolution} (target ≥ ${TARGETS.slideSsim} at 1920×1080): ${verdict(met)}`,
    );
  }
  for (const r of open.filter((r) => r.content === 'motion')) {
    const width = Number(r.resolution.split('×')[0]);
    const met = r.fpsMedian >= TARGETS.motionFps && width >= TARGETS.motionMinWidth;
    lines.push(
      `motion ${r.path}: ${fmt(r.fpsMedian, 1)} fps at ${r.resolution} (target ≥ ${TARGETS.motionFps} fps at ≥ 1280×720): ${verdict(met)}`,
    );
  }
  for (const r of open) {
    if (!Number.isFinite(r.joinToSharpMs)) continue;
    const met = r.joinToSharpMs <= TARGETS.joinToSharpMs;
    lines.push(
      `late joiner ${r.content} ${r.path}: sharp after ${fmt(r.joinToSharpMs)} ms (target ≤ ${TARGETS.joinToSharpMs} ms): ${verdict(met)}`,
    );
  }
  for (const r of open.filter((r) => r.path !== 'bare')) {
    const floor = open.find((f) => f.content === r.content && f.path === 'bare');
    if (!floor) continue;
    const fraction = r.ssimMedian / floor.ssimMedian;
    lines.push(
      `${r.content} ${r.path}: SSIM ${fmt(fraction * 100, 1)} % of the floor's (target ≥ 95 %): ${verdict(fraction >= TARGETS.floorFraction)}`,
    );
  }
  return lines;
}

/** Capped vs open link for text: the resolution must hold and the frame rate give way. */
export function formatCapComparison(rows: readonly ShareRow[], cap: string, baseline = 'lab'): string[] {
  const lines: string[] = [];
  for (const capped of rows.filter((r) => r.link === cap)) {
    const open = rows.find((r) => r.link === baseline && r.content === capped.content && r.path === capped.path);
    const kept = capped.resolution === '1920×1080';
    lines.push(
      `${capped.content} ${capped.path} at ${cap}: ${capped.resolution} ${fmt(capped.fpsMedian, 1)} fps SSIM ${fmt(capped.ssimMedian, 4)}` +
        ` vs ${baseline} ${open?.resolution ?? '—'} ${fmt(open?.fpsMedian ?? NaN, 1)} fps SSIM ${fmt(open?.ssimMedian ?? NaN, 4)}` +
        ` — full resolution kept: ${verdict(kept)}`,
    );
  }
  return lines;
}
