import { setTimeout as sleep } from 'node:timers/promises';
import { cpuMeter, loadMeter, udpDrops } from '../lib/proc-stats';
import type { HelperProcess } from './helper-process';
import type { Vp8Sender } from './vp8-sender';

/** The process that fans the stream out (the mediasoup worker, or the Node relay). */
export interface Forwarder {
  pid: number;
  /** Every process that forwards (several mediasoup workers); their CPU is added up. Default: `pid`. */
  pids?: number[];
  /** The UDP port it receives the stream on. */
  ingestPort: number;
  /** Packets it has received and sent so far, by its own count. */
  stats(): Promise<{ ingested: number; forwarded: number }>;
}

/** One measured fan-out: CPU of the forwarding process, what each receiver got, and where losses happened. */
export interface Measurement {
  /** Consumers (mediasoup) or destinations (Node relay). */
  fanout: number;
  /** CPU of the forwarding process(es) during the window, % of one core. */
  cpuPct: number;
  /** CPU of the sink process (all receivers), % of one core. */
  sinkCpuPct: number;
  /**
   * Cores the whole machine kept busy during the window, and how much of that was not this benchmark (its
   * process tree: workers, helpers, any browser it launched).
   */
  machineBusyCores: number;
  otherBusyCores: number;
  /** RTP packets the sender sent in the window: what each receiver should get. */
  packetsSent: number;
  /** Frame slots the sender skipped because it was not scheduled in time (fewer packets sent, not lost). */
  framesSkipped: number;
  /** Of those, what the forwarder received, and what it sent per receiver (its own counters). */
  ingested: number;
  forwardedPerReceiver: number;
  /** Packets received per receiver: mean and minimum. */
  receivedMean: number;
  receivedMin: number;
  /** 1 − received/sent, averaged over the receivers and the worst one, in %. */
  lossPctMean: number;
  lossPctMax: number;
  receiversWithLoss: number;
  /** Datagrams the kernel dropped because a socket's receive buffer was full: at the forwarder, at the sinks. */
  ingestKernelDrops: number;
  sinkKernelDrops: number;
}

/** What a measurement needs besides the forwarder. */
export interface MeasureContext {
  sender: Vp8Sender;
  sink: HelperProcess;
  sinkPorts: number[];
  warmupFrames: number;
  windowFrames: number;
}

/** Something read at a window's start (before CPU is metered) and once the window drained (real receivers' stats). */
export interface WindowProbe {
  start(): Promise<void>;
  end(): Promise<void>;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** The sink's counts once they stopped growing (late packets arrived), polled every 250 ms for up to 5 s. */
async function settledCounts(sink: HelperProcess): Promise<[number, number][]> {
  let last = -1;
  for (let i = 0; i < 20; i++) {
    await sleep(250);
    const { counts } = await sink.request<{ counts: [number, number][] }>({ type: 'report' });
    const total = counts.reduce((sum, [, n]) => sum + n, 0);
    if (total === last) return counts;
    last = total;
  }
  return (await sink.request<{ counts: [number, number][] }>({ type: 'report' })).counts;
}

/**
 * Streams a warm-up (receivers sync on a keyframe) and lets the path drain; then streams exactly
 * `windowFrames` frames while measuring CPU, drains again, and counts what every receiver got.
 */
export async function measure(
  ctx: MeasureContext,
  forwarder: Forwarder,
  ssrcs: readonly number[],
  probe?: WindowProbe,
): Promise<Measurement> {
  const { sender, sink, sinkPorts } = ctx;
  await sender.stream(ctx.warmupFrames);
  await sleep(200);
  await sink.request({ type: 'window', fromTimestamp: sender.nextTimestamp });
  await probe?.start();
  const drops0 = { sink: udpDrops(sinkPorts), ingest: udpDrops([forwarder.ingestPort]) };
  const stats0 = await forwarder.stats();
  const sentBefore = sender.sent;
  const skippedBefore = sender.skippedFrames;
  const forwarders = (forwarder.pids ?? [forwarder.pid]).map(cpuMeter);
  const sinkMeter = cpuMeter(sink.pid);
  const load = loadMeter(process.pid);
  await sender.stream(ctx.windowFrames);
  const cpuPct = forwarders.reduce((sum, m) => sum + m.stop(), 0);
  const sinkCpuPct = sinkMeter.stop();
  const { machineBusyCores, otherBusyCores } = load.stop();
  const counts = await settledCounts(sink);
  await probe?.end();
  const stats1 = await forwarder.stats();
  const packetsSent = sender.sent - sentBefore;
  const received = new Map(counts);
  const perReceiver = ssrcs.map((ssrc) => received.get(ssrc) ?? 0);
  const losses = perReceiver.map((n) => Math.max(0, 1 - n / packetsSent) * 100);
  return {
    fanout: ssrcs.length,
    cpuPct,
    sinkCpuPct,
    machineBusyCores,
    otherBusyCores,
    packetsSent,
    framesSkipped: sender.skippedFrames - skippedBefore,
    ingested: stats1.ingested - stats0.ingested,
    forwardedPerReceiver: ssrcs.length ? (stats1.forwarded - stats0.forwarded) / ssrcs.length : 0,
    receivedMean: mean(perReceiver),
    receivedMin: perReceiver.length ? Math.min(...perReceiver) : 0,
    lossPctMean: mean(losses),
    lossPctMax: losses.length ? Math.max(...losses) : 0,
    receiversWithLoss: losses.filter((l) => l > 0).length,
    ingestKernelDrops: udpDrops([forwarder.ingestPort]) - drops0.ingest,
    sinkKernelDrops: udpDrops(sinkPorts) - drops0.sink,
  };
}
