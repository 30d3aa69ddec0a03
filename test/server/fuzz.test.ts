// @vitest-environment node
// A seeded protocol fuzzer against the real server (with a real mediasoup worker): every method's schema
// mutated, malformed and oversized frames, methods in any order. The server must answer every request with
// a typed response or close the connection cleanly, a call beside it must keep relaying, and a real media
// call in the same server's mediasoup (live-call.ts) must keep flowing throughout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FRAME_BYTES, methods, notificationEnvelope, responseEnvelope } from '../../common/protocol';
import { Fuzzer, prng } from './fuzz-values';
import { expectRelay, Harness, type Client, type RawClient } from './harness';
import { keptRising, LiveCall, startSfu } from './live-call';

const SEED = Number(process.env.MOIM_FUZZ_SEED ?? 20261205);
const CONNECTIONS = 8;
const BATCHES = 12;
const BATCH = 20;
/** Close codes that are a clean ending: normal, going away, bad UTF-8, policy (rate limit), too big, replaced. */
const CLEAN_CLOSES = [1000, 1001, 1007, 1008, 1009, 4001];
const METHOD_NAMES = Object.keys(methods) as (keyof typeof methods)[];
const MALFORMED: (string | Buffer)[] = [
  '{',
  'null',
  '[]',
  '42',
  '"hello"',
  '{"id":"1","method":"hello","data":{}}',
  '{"id":-1,"method":"hello"}',
  '{"id":1.5,"method":"leaveRoom"}',
  '{"method":"joinRoom","data":{"roomId":"x"}}',
  '{"id":7,"method":"x".repeat(3)}',
  '\uFFFF\uD800',
  Buffer.from([0, 1, 2, 3, 255]),
];

let h: Harness;
let call: [Client, Client];
let media: LiveCall;
beforeAll(async () => {
  const sfu = await startSfu();
  h = await Harness.start({ media: () => sfu });
  call = (await h.room(2, 'caller')).clients as [Client, Client];
  media = await LiveCall.open(h, sfu);
});
afterAll(async () => {
  await media.stop();
  await h.stop();
});

/** Waits until `done` holds or the socket closed; false on timeout. */
async function settle(raw: RawClient, done: () => boolean, ms = 10_000): Promise<boolean> {
  const closed = raw.closed.then(() => true);
  for (let end = Date.now() + ms; Date.now() < end;) {
    if (done()) return true;
    if (await Promise.race([closed, new Promise((r) => setTimeout(() => r(false), 20))])) return true;
  }
  return done();
}

interface Outcome {
  sent: number;
  unanswered: number[];
  closeCode: number | null;
  badFrames: string[];
}

async function fuzzOne(index: number, fuzzer: Fuzzer): Promise<Outcome> {
  const raw = await h.raw();
  let closeCode: number | null = null;
  void raw.closed.then(({ code }) => (closeCode = code));
  const expected = new Set<number>();
  let nextId = 1;
  const answered = () => [...expected].every((id) => raw.frames.some((f) => f.id === id));
  if (fuzzer.chance(0.85)) {
    const hello = await raw.request('hello', { displayName: `fuzz${index}` });
    if (hello.ok) fuzzer.ids.push((hello.data as { peerId: string }).peerId);
  }
  for (let b = 0; b < BATCHES && closeCode === null; b++) {
    for (let i = 0; i < BATCH; i++) {
      if (fuzzer.chance(0.08)) {
        raw.send(fuzzer.pick(MALFORMED));
        continue;
      }
      const method = fuzzer.chance(0.97) ? fuzzer.pick(METHOD_NAMES) : fuzzer.string();
      const schema = methods[method as keyof typeof methods]?.request;
      const id = nextId++;
      const frame: Record<string, unknown> = { id, method, data: schema ? fuzzer.value(schema) : fuzzer.junk() };
      if (fuzzer.chance(0.03)) frame[fuzzer.string()] = 1;
      expected.add(id);
      raw.send(JSON.stringify(frame));
    }
    await settle(raw, answered);
    for (const f of raw.frames) {
      const data = f.data as { roomId?: unknown } | undefined;
      if (f.ok === true && typeof data?.roomId === 'string') fuzzer.ids.push(data.roomId);
    }
  }
  if (index % 4 === 3 && closeCode === null) {
    raw.send(JSON.stringify({ id: nextId++, method: 'hello', data: { displayName: 'x'.repeat(MAX_FRAME_BYTES) } }));
    await settle(raw, () => closeCode !== null, 5_000);
  }
  const badFrames = raw.frames
    .filter((f) => !responseEnvelope.safeParse(f).success && !notificationEnvelope.safeParse(f).success)
    .map((f) => JSON.stringify(f).slice(0, 200));
  const unanswered = closeCode === null ? [...expected].filter((id) => !raw.frames.some((f) => f.id === id)) : [];
  const outcome = { sent: nextId - 1, unanswered, closeCode, badFrames };
  await raw.close();
  return outcome;
}

describe('the protocol fuzzer', () => {
  it(`gets a typed answer or a clean close for every message, and the call keeps going [seed ${SEED}]`, async () => {
    const fuzzer = new Fuzzer(prng(SEED), [call[0].peerId, call[1].peerId]);
    await media.expectFlowing();
    const fuzzing = Promise.all(Array.from({ length: CONNECTIONS }, (_, i) => fuzzOne(i, fuzzer)));
    const { result: outcomes, samples } = await media.sampleDuring(fuzzing);
    expect(keptRising(samples), `media packet counts during the fuzz: ${samples.join(',')}`).toBe(true);

    expect(outcomes.reduce((n, o) => n + o.sent, 0)).toBeGreaterThan(CONNECTIONS * BATCH);
    for (const outcome of outcomes) {
      expect(outcome.badFrames).toEqual([]);
      expect(outcome.unanswered).toEqual([]);
      if (outcome.closeCode !== null) expect(CLEAN_CLOSES).toContain(outcome.closeCode);
    }
    expect(outcomes.filter((o, i) => i % 4 === 3 && o.closeCode === 1009).length).toBeGreaterThan(0);
    await expectRelay(call[0], call[1]);
    await expectRelay(call[1], call[0]);
    await media.expectFlowing();
    expect(await h.health()).toMatchObject({ ok: true });
  }, 60_000);
});
