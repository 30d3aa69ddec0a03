import { cpuMeter, udpDrops } from '../lib/proc-stats';
import type { HelperProcess } from './helper-process';
import type { Vp8Sender } from './vp8-sender';

/** One measured fan-out: CPU of the forwarding process and what each receiver got. */
export interface Measurement {
  /** Consumers (mediasoup) or destinations (Node relay). */
  fanout: number;
  /** CPU of the forwarding process during the window, % of one core. */
  cpuPct: number;
  /** CPU of the sink process (the receivers), % of one core: if near 100, loss may be the sink's. */
  sinkCpuPct: number;
  /** RTP packets the sender sent in the window: what each receiver should get. */
  packetsSent: number;
  /** Packets received per receiver: mean and minimum. */
  receivedMean: number;
  receivedMin: number;
  /** 1 − received/sent, averaged over the receivers and the worst one, in %. */
  lossPctMean: number;
  lossPctMax: number;
  receiversWithLoss: number;
  /** Datagrams the kernel dropped at the sink sockets during the window (receiver overload, not the SFU). */
  sinkKernelDrops: number;
}

/** What a measurement needs: the sender, the sink and who forwards. */
export interface MeasureContext {
  sender: Vp8Sender;
  sink: HelperProcess;
  sinkPorts: number[];
  warmupFrames: number;
  windowFrames: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Streams a warm-up (receivers sync on a keyframe), lets the path drain, then streams exactly
 * `windowFrames` frames while measuring the forwarder's CPU, and counts what every receiver got.
 */
export async function measure(ctx: MeasureContext, forwarderPid: number, ssrcs: readonly number[]): Promise<Measurement> {
  const { sender, sink, sinkPorts } = ctx;
  await sender.stream(ctx.warmupFrames);
  await sleep(200);
  await sink.request({ type: 'reset' });
  const drops0 = udpDrops(sinkPorts);
  const sentBefore = sender.sent;
  const forwarderCpu = cpuMeter(forwarderPid);
  const sinkCpu = cpuMeter(sink.pid);
  await sender.stream(ctx.windowFrames);
  const cpuPct = forwarderCpu.stop();
  const sinkCpuPct = sinkCpu.stop();
  await sleep(300);
  const { counts } = await sink.request<{ counts: [number, number][] }>({ type: 'report' });
  const packetsSent = sender.sent - sentBefore;
  const received = new Map(counts);
  const perReceiver = ssrcs.map((ssrc) => received.get(ssrc) ?? 0);
  const losses = perReceiver.map((n) => Math.max(0, 1 - n / packetsSent) * 100);
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  return {
    fanout: ssrcs.length,
    cpuPct,
    sinkCpuPct,
    packetsSent,
    receivedMean: mean(perReceiver),
    receivedMin: perReceiver.length ? Math.min(...perReceiver) : 0,
    lossPctMean: mean(losses),
    lossPctMax: losses.length ? Math.max(...losses) : 0,
    receiversWithLoss: losses.filter((l) => l > 0).length,
    sinkKernelDrops: udpDrops(sinkPorts) - drops0,
  };
}
