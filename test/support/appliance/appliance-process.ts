/**
 * The appliance child process (bundled by index.ts, run by plain Node): a headless smart speaker that creates a
 * device audio session and offers a tone, or — as 'answerer' — joins one with its token and only answers.
 * Commands arrive as JSON lines on stdin; events leave as JSON lines on stdout (see protocol.ts).
 */
import { createInterface } from 'node:readline';
import { connectSignaling, type SignalingClient } from '../ws-client';
import { AudioPeer, type Emit } from './audio-peer';
import type { ApplianceCommand, ApplianceOptions } from './protocol';

const options = JSON.parse(process.argv[2] ?? '{}') as ApplianceOptions;
const role = options.role ?? 'offerer';

const emit: Emit = (event, data) => void process.stdout.write(`${JSON.stringify({ event, ...data })}\n`);

let client: SignalingClient;
let session: { id: string; idleTimeoutMs: number; ended: boolean } | undefined;
let farPeerId: string | undefined;
let peer: AudioPeer | undefined;
let heartbeat: NodeJS.Timeout | undefined;
let quitting = false;

function fail(during: string, error: unknown): void {
  const { message, code } = error as { message?: string; code?: string };
  emit('error', { during, message: String(message ?? error), ...(code ? { code } : {}) });
}

function createPeer(): AudioPeer {
  return new AudioPeer({
    iceServers: options.iceServers ?? [],
    iceTransportPolicy: options.iceTransportPolicy ?? 'all',
    toneHz: options.toneHz ?? (role === 'offerer' ? 440 : 660),
    statsIntervalMs: options.statsIntervalMs ?? 250,
    emit,
    sendSignal: async (signal) => void (await client.request('signal', { to: farPeerId!, ...signal })),
  });
}

function startHeartbeats(): void {
  stopHeartbeats();
  const s = session;
  const period = options.heartbeatMs ?? Math.floor((s?.idleTimeoutMs ?? 0) / 3);
  if (!s || period <= 0) return;
  heartbeat = setInterval(() => {
    client.request('heartbeat', { sessionId: s.id }).catch((error: { code?: string; message: string }) => {
      stopHeartbeats();
      emit('heartbeatFailed', { code: error.code ?? 'NONE', message: error.message });
    });
  }, period);
}

function stopHeartbeats(): void {
  clearInterval(heartbeat);
  heartbeat = undefined;
}

/** Reports the end once per session, whichever comes first: the server's notice or our own endSession. */
function sessionOver(reason: 'ended' | 'idle' | 'peerLeft'): void {
  if (!session || session.ended) return;
  session.ended = true;
  stopHeartbeats();
  peer?.close();
  emit('ended', { sessionId: session.id, reason });
}

async function run(command: ApplianceCommand): Promise<void> {
  switch (command.cmd) {
    case 'create': {
      const created = await client.request('createSession', { type: 'audio' });
      session = { id: created.sessionId, idleTimeoutMs: created.idleTimeoutMs, ended: false };
      startHeartbeats();
      return emit('created', created);
    }
    case 'join': {
      const joined = await client.request('joinSession', { sessionId: command.sessionId, token: command.token });
      session = { id: joined.sessionId, idleTimeoutMs: joined.idleTimeoutMs, ended: false };
      startHeartbeats();
      return emit('joined', joined);
    }
    case 'end':
      if (!session) throw new Error('no session to end');
      await client.request('endSession', { sessionId: session.id });
      return sessionOver('ended');
    case 'stopHeartbeats':
      return stopHeartbeats();
    case 'startHeartbeats':
      return startHeartbeats();
    case 'renegotiate':
      if (role !== 'offerer' || !peer) throw new Error('only a connected offerer renegotiates');
      return peer.offer(true);
    case 'quit':
      return quit(0);
  }
}

/** Closes the peer connection before exiting: Node segfaults on a natural exit once an RTCAudioSource existed. */
async function quit(code: number): Promise<never> {
  if (!quitting) {
    quitting = true;
    stopHeartbeats();
    peer?.close();
    await Promise.race([client?.close(), new Promise((resolve) => setTimeout(resolve, 1000))]);
  }
  return process.exit(code);
}

process.on('SIGTERM', () => void quit(0));
process.on('SIGINT', () => void quit(0));
createInterface({ input: process.stdin })
  .on('line', (line) => {
    if (!line.trim()) return;
    let command: ApplianceCommand;
    try {
      command = JSON.parse(line) as ApplianceCommand;
    } catch (error) {
      return fail('parse', error);
    }
    run(command).catch((error) => fail(command.cmd, error));
  })
  .on('close', () => void quit(0)); // The parent went away.

try {
  client = await connectSignaling(options.wsUrl);
  client.closed.then(() => !quitting && emit('disconnected', {}));
  client.notifications.on('sessionJoined', (joined) => {
    if (role !== 'offerer' || joined.sessionId !== session?.id || peer) return;
    farPeerId = joined.peerId;
    emit('peerJoined', { peerId: joined.peerId, displayName: joined.displayName });
    peer = createPeer();
    peer.offer().catch((error) => fail('offer', error));
  });
  client.notifications.on('signal', (signal) => {
    if (!session || session.ended) return;
    if (role === 'answerer' && !peer) {
      if (!signal.description || signal.description.type !== 'offer') return;
      farPeerId = signal.from;
      peer = createPeer();
    }
    if (signal.from !== farPeerId) return;
    peer?.handle(signal).catch((error) => fail('signal', error));
  });
  client.notifications.on('sessionEnded', (ended) => {
    if (ended.sessionId === session?.id) sessionOver(ended.reason);
  });
  const hello = await client.request('hello', { displayName: options.displayName ?? `appliance-${role}` });
  emit('ready', { peerId: hello.peerId });
} catch (error) {
  fail('start', error);
  await quit(1);
}
