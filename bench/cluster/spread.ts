import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from '@playwright/test';
import type { RoomServerProcess } from '../../test/support/room-server';
import { loadMeter, treeCpuSeconds, type Load } from '../lib/proc-stats';
import { median } from '../lib/stats';
import { closePages, expectDecoding, openViewer, videoCounters, type VideoCounters } from './viewers';

/** One variant measured once: V viewers over the first `servers` servers of the cluster. */
export interface SpreadSample {
  servers: number;
  round: number;
  viewersPerServer: number[];
  windowSeconds: number;
  /** CPU of each server's process tree (node + mediasoup worker) during the window, % of one core. */
  serverCpuPct: number[];
  totalCpuPct: number;
  /** Total server CPU per viewer: ms of CPU per second per viewer. */
  cpuMsPerSecondPerViewer: number;
  /** Per viewer over the window: lost ÷ (received + lost), %, and frames decoded per second. */
  lossPct: number[];
  fps: number[];
  /** Per viewer: video received over the window, kbit/s (what each viewer costs the servers to send). */
  kbps: number[];
  load: Load;
}

/** Pages loaded at once: more would mostly measure the page loads fighting over 2 cores. */
const BATCH = 3;

/**
 * Opens `viewers` viewer pages of `roomId`, viewer i on server i mod `servers`; once every one decodes, waits
 * `settleSeconds` and measures `windowSeconds`; closes them again (also when something throws).
 */
export async function measureSpread(
  browser: Browser,
  cluster: readonly RoomServerProcess[],
  roomId: string,
  options: { servers: number; viewers: number; round: number; windowSeconds: number; settleSeconds: number },
): Promise<SpreadSample> {
  const { servers, viewers, windowSeconds } = options;
  const placement = Array.from({ length: viewers }, (_, i) => i % servers);
  const pages: Page[] = [];
  try {
    for (let i = 0; i < viewers; i += BATCH) {
      const batch = placement.slice(i, i + BATCH).map((s, k) => {
        const name = `Viewer ${i + k + 1} on ${'ABC'[s]}`;
        return openViewer(browser, cluster[s]!.httpUrl, roomId, name).then(async (page) => {
          pages.push(page);
          await expectDecoding(page, name);
        });
      });
      // Settled, not raced: a page still loading when another fails must be closed too.
      const failed = (await Promise.allSettled(batch)).find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
    }
    await sleep(options.settleSeconds * 1000);
    const before = await Promise.all(pages.map(videoCounters));
    const cpu0 = cluster.map((s) => treeCpuSeconds(s.pid));
    const meter = loadMeter();
    const t0 = process.hrtime.bigint();
    await sleep(windowSeconds * 1000);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const serverCpuPct = cluster.map((s, i) => ((treeCpuSeconds(s.pid) - cpu0[i]!) / seconds) * 100);
    const load = meter.stop();
    const after = await Promise.all(pages.map(videoCounters));
    const totalCpuPct = serverCpuPct.reduce((a, b) => a + b, 0);
    return {
      servers,
      round: options.round,
      viewersPerServer: cluster.map((_, s) => placement.filter((p) => p === s).length),
      windowSeconds: seconds,
      serverCpuPct,
      totalCpuPct,
      cpuMsPerSecondPerViewer: (totalCpuPct * 10) / viewers,
      lossPct: after.map((a, i) => lossPct(before[i]!, a)),
      fps: after.map((a, i) => (a.framesDecoded - before[i]!.framesDecoded) / seconds),
      kbps: after.map((a, i) => ((a.bytesReceived - before[i]!.bytesReceived) * 8) / 1000 / seconds),
      load,
    };
  } finally {
    await closePages(pages);
  }
}

function lossPct(before: VideoCounters, after: VideoCounters): number {
  const lost = Math.max(0, after.packetsLost - before.packetsLost);
  const received = after.packetsReceived - before.packetsReceived;
  return received + lost > 0 ? (lost / (received + lost)) * 100 : 100;
}

/** A one-line summary of a sample, printed as it is measured. */
export function spreadLine(s: SpreadSample): string {
  return (
    `round ${s.round}, ${s.servers} server(s) [${s.viewersPerServer.join('/')}]: server CPU ` +
    `${s.serverCpuPct.map((c) => c.toFixed(1)).join(' + ')} = ${s.totalCpuPct.toFixed(1)} %, ` +
    `${s.cpuMsPerSecondPerViewer.toFixed(1)} ms/s per viewer, loss ${median(s.lossPct).toFixed(2)} %, ` +
    `fps ${median(s.fps).toFixed(1)}, ${median(s.kbps).toFixed(0)} kbit/s, other load ${s.load.otherBusyCores.toFixed(2)} cores`
  );
}
