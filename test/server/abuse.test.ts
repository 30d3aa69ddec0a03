// @vitest-environment node
// A member who plays by the schema but floods others: the server refuses the sender and bounds what it
// keeps, and the member on the receiving end keeps its connection and keeps getting its messages. Beside
// each attack a real media call runs through the same server's mediasoup (see live-call.ts): its packets keep
// rising during and after the burst, and the process's memory returns near its baseline.
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { StartServerOptions } from '../../server';
import { expectRelay, Harness, type Client, type RawClient } from './harness';
import { memoryMb, serverWithCall, type LiveCall } from './live-call';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** An SDP-sized offer: under the signal cap, big enough to pile up fast. */
const bigOffer = (n: number) => ({
  type: 'offer' as const,
  sdp: `v=0\r\no=- ${n} 2 IN IP4 127.0.0.1\r\n${'a'.repeat(30_000)}`,
});

/** Memory an attack may leave behind once it is over: heap still held after a full GC, and RSS (generous). */
const HEAP_SLACK_MB = 32;
const RSS_SLACK_MB = 128;

let h: Harness | undefined;
let call: LiveCall | undefined;
afterEach(async () => {
  await call?.stop();
  await h?.stop();
  [h, call] = [undefined, undefined];
});

/** A server with a real SFU and a call already flowing in it (its host is one more connection and peer). */
async function start(options: StartServerOptions = {}): Promise<Harness> {
  ({ harness: h, call } = await serverWithCall(options));
  return h;
}

const mb = (from: number, to: number) => `${from.toFixed(0)} → ${to.toFixed(0)} MB`;
const callSurvives = <T>(attack: Promise<T>): Promise<T> => call!.survives(attack);

/** A raw member of `roomId` (so the test can stop it reading, or cut it off without a close frame). */
async function rawMember(harness: Harness, roomId: string, name: string): Promise<{ raw: RawClient; peerId: string }> {
  const raw = await harness.raw();
  const hello = await raw.request('hello', { displayName: name });
  if (!hello.ok) throw new Error('hello failed');
  expect(await raw.request('joinRoom', { roomId })).toMatchObject({ ok: true });
  return { raw, peerId: (hello.data as { peerId: string }).peerId };
}

/** Sends a big offer from `from` to `to` every `everyMs` for `ms`; resolves with each answer's error code or 'ok'. */
async function flood(from: Client, to: string, ms: number, everyMs: number): Promise<string[]> {
  const answers: Promise<string>[] = [];
  for (let n = 0, end = Date.now() + ms; Date.now() < end; n++) {
    answers.push(
      from.request('signal', { to, description: bigOffer(n) }).then(
        () => 'ok',
        (error: { code?: string }) => error.code ?? 'closed',
      ),
    );
    await sleep(everyMs);
  }
  return Promise.all(answers);
}

describe('a member flooding another with signals', () => {
  it('is refused with RATE_LIMITED while the flooded member stays connected and keeps receiving', async () => {
    const harness = await start();
    const { roomId, clients } = await harness.room(6, 'sender');
    const [bystander, ...senders] = clients as [Client, ...Client[]];
    const victim = await rawMember(harness, roomId, 'victim');
    // The victim's tab is busy and reads nothing for a while: what the senders send piles up at the server.
    const socket = (victim.raw.ws as unknown as { _socket: Socket })._socket;
    socket.pause();
    const before = memoryMb();
    const answers = (await callSurvives(Promise.all(senders.map((s) => flood(s, victim.peerId, 2_500, 12))))).flat();
    // The server still counts the victim's connection (a kick would have closed it while it wasn't reading).
    expect(await harness.health()).toMatchObject({ connections: 8, peers: 8 });
    socket.resume();
    expect(answers.filter((a) => a === 'RATE_LIMITED').length).toBeGreaterThan(answers.length / 2);
    expect(answers).not.toContain('INTERNAL');
    // Still in the call: a signal from someone else reaches it.
    const candidate = 'candidate:1 1 udp 2122260223 127.0.0.1 40999 typ host';
    const arrived = victim.raw.waitFor(
      (f) => f.method === 'signal' && JSON.stringify(f.data).includes('40999 typ host'),
      10_000,
    );
    await bystander.request('signal', { to: victim.peerId, candidate: { candidate, sdpMid: '0', sdpMLineIndex: 0 } });
    await arrived;
    expect(victim.raw.ws.readyState).toBe(WebSocket.OPEN);
    const after = memoryMb();
    console.log(
      `memory before → after the burst: heap ${mb(before.heap, after.heap)}, RSS ${mb(before.rss, after.rss)}`,
    );
    expect(after.heap).toBeLessThan(before.heap + HEAP_SLACK_MB);
    expect(after.rss).toBeLessThan(before.rss + RSS_SLACK_MB);
  }, 30_000);

  it('refuses a single signal larger than the cap with TOO_LARGE', async () => {
    const harness = await start({ maxSignalBytes: 4_096 });
    const { clients } = await harness.room(2);
    const [ann, bob] = clients as [Client, Client];
    await expect(
      ann.request('signal', { to: bob.peerId, description: { type: 'offer', sdp: 'a'.repeat(5_000) } }),
    ).rejects.toMatchObject({ code: 'TOO_LARGE' });
    await expectRelay(ann, bob);
  });
});

describe('members that drop without a close frame', () => {
  it('keep a bounded queue: overflowing ghosts are released early and queued bytes return to zero', async () => {
    const ghostQueueTotalBytes = 262_144;
    const harness = await start({ ghostQueueBytes: 65_536, ghostQueueTotalBytes, reconnectGraceMs: 60_000 });
    const before = memoryMb();
    const { roomId, clients: senders } = await harness.room(3, 'sender');
    const ghosts: Awaited<ReturnType<typeof rawMember>>[] = [];
    for (let i = 0; i < 6; i++) ghosts.push(await rawMember(harness, roomId, `ghost${i}`));
    for (const ghost of ghosts) ghost.raw.ws.terminate();
    await harness.waitForHealth((s) => s.connections === 4 && s.peers === 10);

    let maxQueued = 0;
    const burst = async () => {
      const sends: Promise<unknown>[] = [];
      for (let n = 0; n < 6; n++) {
        for (const sender of senders) {
          for (const ghost of ghosts) {
            const sent = sender.request('signal', { to: ghost.peerId, description: bigOffer(n) });
            sends.push(sent.catch(() => undefined));
          }
        }
        await Promise.all(sends.splice(0));
        maxQueued = Math.max(maxQueued, (await harness.health()).queuedBytes);
      }
    };
    await callSurvives(burst());
    expect(maxQueued).toBeLessThanOrEqual(ghostQueueTotalBytes);
    await harness.waitForHealth((s) => s.peers === 4 && s.queuedBytes === 0);
    await expectRelay(senders[0]!, senders[1]!);
    const after = memoryMb();
    console.log(
      `memory before → after the burst: heap ${mb(before.heap, after.heap)}, RSS ${mb(before.rss, after.rss)}`,
    );
    expect(after.heap).toBeLessThan(before.heap + HEAP_SLACK_MB);
    expect(after.rss).toBeLessThan(before.rss + RSS_SLACK_MB);
  }, 30_000);
});

describe('the lobby', () => {
  it('pushes each member one small delta per change, never the whole list', async () => {
    const harness = await start();
    const watcher = await harness.raw();
    await watcher.request('hello', { displayName: 'watcher' });
    const members: Client[] = [];
    for (let i = 0; i < 30; i++) {
      const member = await harness.client(`member-with-a-longish-name-${i}`);
      await member.request('enterLobby', {});
      members.push(member);
    }
    const entered = await watcher.request('enterLobby', {});
    expect(entered).toMatchObject({ ok: true });
    expect((entered as { data: { users: unknown[] } }).data.users).toHaveLength(30);
    const lobbyFrames = () => watcher.frames.filter((f) => String(f.method).startsWith('lobby'));

    const changes = async () => {
      const newcomer = await harness.client('newcomer');
      await newcomer.request('enterLobby', {});
      await watcher.waitFor((f) => f.method === 'lobbyUserJoined');
      // An outsider rings a member and hangs up: only that member's busy flag travels, twice.
      const outsider = await harness.client('outsider');
      const { callId } = await outsider.request('invite', { to: members[0]!.peerId });
      await outsider.request('cancel', { callId });
      await watcher.waitFor((f) => f.method === 'lobbyUserChanged' && JSON.stringify(f).includes('"busy":false'));
      await newcomer.close();
      await watcher.waitFor((f) => f.method === 'lobbyUserLeft');
    };
    await callSurvives(changes());

    expect(lobbyFrames().map((f) => f.method)).toEqual([
      'lobbyUserJoined',
      'lobbyUserChanged',
      'lobbyUserChanged',
      'lobbyUserLeft',
    ]);
    for (const frame of lobbyFrames()) expect(JSON.stringify(frame).length).toBeLessThan(200);
  }, 30_000);
});
