// The benchmark's helper processes, each in its own process so its CPU is measured apart:
// a UDP sink that counts RTP packets per SSRC, and a plain Node UDP relay (the reference fan-out).
import { createSocket, type Socket } from 'node:dgram';
import { Vp8Sender } from './vp8-sender';

/** Messages a helper process answers, each with a reply of the same `type`. */
export type RoleRequest =
  | { type: 'open'; sockets: number }
  | { type: 'window'; fromTimestamp: number }
  | { type: 'report' }
  | { type: 'stats' }
  | { type: 'targets'; targets: { port: number; ssrc: number }[] };

const RECV_BUFFER = 4 * 1024 * 1024;
const isRtp = (packet: Buffer) => packet.length >= 12 && !(packet[1]! >= 192 && packet[1]! <= 223);

function bind(): Promise<Socket> {
  const socket = createSocket({ type: 'udp4', recvBufferSize: RECV_BUFFER, sendBufferSize: RECV_BUFFER });
  return new Promise((resolve) => socket.bind(0, '127.0.0.1', () => resolve(socket)));
}

/**
 * Counts RTP packets per SSRC on `sockets` UDP sockets, only those of frames from the window's first on (by RTP
 * timestamp), so packets that arrive late from before the window never count in it (RTCP is ignored). Only the
 * RTP header is read: it is in clear under SRTP too, so encrypted consumers are counted without their keys.
 */
async function sink(): Promise<void> {
  const counts = new Map<number, number>();
  let from: number | null = null;
  const onPacket = (packet: Buffer) => {
    if (from === null || !isRtp(packet) || !Vp8Sender.timestampAtOrAfter(packet.readUInt32BE(4), from)) return;
    const ssrc = packet.readUInt32BE(8);
    counts.set(ssrc, (counts.get(ssrc) ?? 0) + 1);
  };
  process.on('message', async (request: RoleRequest) => {
    if (request.type === 'open') {
      const sockets = await Promise.all(Array.from({ length: request.sockets }, bind));
      for (const socket of sockets) socket.on('message', onPacket);
      process.send!({ type: 'open', ports: sockets.map((s) => s.address().port) });
    } else if (request.type === 'window') {
      counts.clear();
      from = request.fromTimestamp;
      process.send!({ type: 'window' });
    } else if (request.type === 'report') {
      process.send!({ type: 'report', counts: [...counts] });
    }
  });
  process.send!({ type: 'ready' });
}

/** Receives the stream on one socket and sends a copy, with its own SSRC, to every target. */
async function relay(): Promise<void> {
  let targets: { port: number; ssrc: number }[] = [];
  const stats = { type: 'stats', ingested: 0, forwarded: 0 };
  const socket = await bind();
  socket.on('message', (packet) => {
    if (!isRtp(packet)) return;
    stats.ingested++;
    stats.forwarded += targets.length;
    for (const { port, ssrc } of targets) {
      const copy = Buffer.from(packet);
      copy.writeUInt32BE(ssrc, 8);
      socket.send(copy, port, '127.0.0.1');
    }
  });
  process.on('message', (request: RoleRequest) => {
    if (request.type === 'open') process.send!({ type: 'open', ports: [socket.address().port] });
    if (request.type === 'stats') process.send!(stats);
    if (request.type === 'targets') {
      targets = request.targets;
      process.send!({ type: 'targets' });
    }
  });
  process.send!({ type: 'ready' });
}

/** Runs the helper named by `--role`, if this process is one; returns false in the main process. */
export function runRoleIfAsked(argv: readonly string[]): boolean {
  const at = argv.indexOf('--role');
  if (at < 0) return false;
  // Its open sockets would keep it alive after the bench died without stopping it (an error, a kill).
  process.on('disconnect', () => process.exit(0));
  void (argv[at + 1] === 'sink' ? sink() : relay());
  return true;
}
