// SFU fan-out benchmark: one VP8 producer and N = 100, 200, 400 PlainTransport consumers on ONE mediasoup
// worker, against the floor measured in the same run (the worker carrying the producer alone) and a plain
// Node UDP relay doing the same fan-out. Writes bench/results/sfu-fanout.json and .png. Then the consumers one
// broadcast holds at < 1 % loss on 1 worker vs 2, with plain-RTP and SRTP consumers, while real WebRTC pages
// watch (worker-scaling-run.ts): sfu-fanout-workers.json and .png. MOIM_BENCH_ONLY=workers runs only the latter.
import { createSocket } from 'node:dgram';
import { fileURLToPath } from 'node:url';
import { raisePriority } from '../lib/proc-stats';
import { HelperProcess } from './helper-process';
import { measure, type MeasureContext, type Measurement } from './measure';
import { MediasoupFanout, PRODUCER_SSRC, VP8_PAYLOAD_TYPE } from './mediasoup-fanout';
import { writeReport } from './report';
import { runRoleIfAsked } from './roles';
import { Vp8Sender, type Vp8StreamOptions } from './vp8-sender';
import { runWorkerScaling } from './worker-scaling-run';

/** 30 fps × 5 packets of 1250 bytes = 150 packets/s, 1.5 Mbps: a 720p camera's top layer. */
export const STREAM: Vp8StreamOptions = {
  ssrc: PRODUCER_SSRC,
  payloadType: VP8_PAYLOAD_TYPE,
  fps: 30,
  packetsPerFrame: 5,
  payloadBytes: 1238,
};
/** Receiver counts measured; MOIM_BENCH_FANOUTS=100,200,400,800 probes further. */
export const FANOUTS = (process.env.MOIM_BENCH_FANOUTS ?? '100,200,400').split(',').map(Number);
const WINDOW_SECONDS = 5;
const SINK_SOCKETS = 16;
const RESULTS = process.env.MOIM_BENCH_RESULTS ?? 'bench/results';

async function main(): Promise<void> {
  const script = fileURLToPath(import.meta.url);
  const started = Date.now();
  // Every process of the benchmark runs at nice -10 (when allowed) so other work disturbs it less.
  const nice = raisePriority(process.pid);
  const sink = await HelperProcess.start(script, 'sink');
  raisePriority(sink.pid);
  const { ports: sinkPorts } = await sink.request<{ ports: number[] }>({ type: 'open', sockets: SINK_SOCKETS });
  const socket = createSocket({ type: 'udp4', sendBufferSize: 4 * 1024 * 1024 });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const sender = new Vp8Sender(socket, STREAM);
  const ctx: MeasureContext = {
    sender,
    sink,
    sinkPorts,
    warmupFrames: 45,
    windowFrames: WINDOW_SECONDS * STREAM.fps,
  };

  if (process.env.MOIM_BENCH_ONLY === 'workers') {
    console.log(`wrote ${(await runWorkerScaling(ctx, RESULTS)).join(' and ')}`);
    sink.stop();
    socket.close();
    return;
  }
  const fanout = await MediasoupFanout.start();
  sender.target.port = fanout.ingestPort;
  raisePriority(fanout.worker.pid);
  const worker = { pid: fanout.worker.pid, ingestPort: fanout.ingestPort, stats: () => fanout.stats() };
  const log = (what: string, m: Measurement) =>
    console.log(
      `${what.padEnd(22)} N=${String(m.fanout).padStart(3)}  cpu ${m.cpuPct.toFixed(1).padStart(5)} %  ` +
        `loss mean ${m.lossPctMean.toFixed(3)} % max ${m.lossPctMax.toFixed(3)} %  ` +
        `(sink cpu ${m.sinkCpuPct.toFixed(0)} %, other load ${m.otherBusyCores.toFixed(2)} cores)`,
    );
  const floor = await measure(ctx, worker, []);
  log('mediasoup (producer)', floor);
  const mediasoup: Measurement[] = [];
  for (const n of FANOUTS) {
    await fanout.grow(n, sinkPorts);
    mediasoup.push(await measure(ctx, worker, fanout.consumerSsrcs));
    log('mediasoup worker', mediasoup.at(-1)!);
  }
  fanout.close();

  const relay = await HelperProcess.start(script, 'relay');
  raisePriority(relay.pid);
  const [relayPort] = (await relay.request<{ ports: number[] }>({ type: 'open', sockets: 1 })).ports;
  sender.target.port = relayPort!;
  const relayForwarder = {
    pid: relay.pid,
    ingestPort: relayPort!,
    stats: () => relay.request<{ ingested: number; forwarded: number }>({ type: 'stats' }),
  };
  const nodeRelay: Measurement[] = [];
  for (const n of FANOUTS) {
    const targets = Array.from({ length: n }, (_, i) => ({
      port: sinkPorts[i % sinkPorts.length]!,
      ssrc: 0x50000000 + i,
    }));
    await relay.request({ type: 'targets', targets });
    nodeRelay.push(
      await measure(
        ctx,
        relayForwarder,
        targets.map((t) => t.ssrc),
      ),
    );
    log('node relay', nodeRelay.at(-1)!);
  }
  relay.stop();
  const scaling = await runWorkerScaling(ctx, RESULTS);
  sink.stop();
  socket.close();

  const files = await writeReport({
    stream: STREAM,
    windowSeconds: WINDOW_SECONDS,
    floor,
    mediasoup,
    nodeRelay,
    keyframes: sender.keyframes,
    nice,
    runSeconds: (Date.now() - started) / 1000,
  });
  const worst = Math.max(...[floor, ...mediasoup, ...nodeRelay].map((m) => m.otherBusyCores));
  if (worst > 0.25) {
    console.log(
      `WARNING: other processes kept ${worst.toFixed(2)} cores busy during a window; rerun on a quiet machine`,
    );
  }
  console.log(`wrote ${[...files, ...scaling].join(' and ')}`);
}

if (!runRoleIfAsked(process.argv)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
