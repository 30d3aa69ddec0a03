// @vitest-environment node
// The media pipes' bus messages: what the schemas let through, and how a server without an SFU answers them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipeEvent, pipeOffer, serverMessage } from '../../../../common/cluster/messages';
import { startServer, type RunningServer } from '../../../../server/server';
import { MemoryCluster } from './memory-cluster';

const tuple = { ip: '127.0.0.1', port: 40_001, srtp: { cryptoSuite: 'AES_CM_128_HMAC_SHA1_80', keyBase64: 'AAAA' } };
const produce = { op: 'produce', roomId: 'room-1', producerId: 'prod-1', pipeId: 'pipe-1', tuple };
const pipe = (data: unknown) => ({ kind: 'pipe', from: 'tester', requestId: 7, data });

describe('pipe messages', () => {
  it('accept a well-formed produce request, offer and event', () => {
    expect(serverMessage.safeParse(pipe(produce)).success).toBe(true);
    expect(serverMessage.safeParse(pipe({ op: 'announce', roomId: 'room-1', peerId: 'peer-1' })).success).toBe(true);
    const rtpParameters = { codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90_000 }] };
    const offer = { tuple, kind: 'video', rtpParameters, paused: false, peerId: 'peer-1', source: 'cam' };
    expect(pipeOffer.safeParse(offer).success).toBe(true);
    expect(pipeEvent.safeParse({ event: 'pause', roomId: 'room-1', pipeId: 'pipe-1', producerId: 'p' }).success).toBe(
      true,
    );
  });

  it.each([
    ['a port out of range', { ...produce, tuple: { ...tuple, port: 70_000 } }],
    ['a tuple without SRTP parameters', { ...produce, tuple: { ip: '127.0.0.1', port: 40_001 } }],
    ['an id that is not url-safe', { ...produce, producerId: '../x' }],
    ['an unknown operation', { ...produce, op: 'consume' }],
    ['an extra field', { ...produce, listenIp: '0.0.0.0' }],
    ['an oversized key', { ...produce, tuple: { ...tuple, srtp: { ...tuple.srtp, keyBase64: 'A'.repeat(201) } } }],
  ])('reject a produce request with %s', (_what, data) => {
    expect(serverMessage.safeParse(pipe(data)).success).toBe(false);
  });

  it('reject an event without the pipe it is about, and one of an unknown kind', () => {
    expect(pipeEvent.safeParse({ event: 'close', roomId: 'room-1', producerId: 'p' }).success).toBe(false);
    expect(pipeEvent.safeParse({ event: 'explode', roomId: 'room-1', pipeId: 'pipe-1' }).success).toBe(false);
  });

  it('reject an offer whose RTP parameters have no codec', () => {
    const offer = { tuple, kind: 'video', rtpParameters: { codecs: [] }, paused: false, peerId: 'p', source: 'cam' };
    expect(pipeOffer.safeParse(offer).success).toBe(false);
  });
});

describe('a server without an SFU', () => {
  const cluster = new MemoryCluster();
  let server: RunningServer;
  const answers: unknown[] = [];
  let channel = '';

  beforeAll(async () => {
    server = await startServer({ port: 0, clusterHeartbeatMs: 100, cluster: cluster.backend() });
    channel = `moim:srv:${[...cluster.servers.keys()][0]!}`;
    await cluster.backend().bus.subscribe('moim:srv:tester', (message) => answers.push(message));
  });
  afterAll(() => server.close());

  it('answers a pipe request MEDIA_SERVER_UNAVAILABLE and drops a malformed one unanswered', async () => {
    // Sent first, so an answer to it would come first.
    cluster.publish(channel, { ...pipe({ ...produce, tuple: { ...tuple, port: 0 } }), requestId: 8 });
    cluster.publish(channel, { kind: 'pipeEvent', from: 'tester', data: { event: 'gone', roomId: 'r', pipeId: 'p' } });
    cluster.publish(channel, pipe(produce));
    await expect.poll(() => answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ kind: 'response', requestId: 7, ok: false });
    expect(answers[0]).toMatchObject({ error: { code: 'MEDIA_SERVER_UNAVAILABLE' } });
  });
});
