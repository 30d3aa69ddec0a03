// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { ConferenceEngine } from '../../../../renderer/engine/engine';
import type { RemoteTrack } from '../../../../renderer/engine/types';
import { FakeServer } from '../support/fake-server';
import { until } from '../support/p2p-mesh';
import { fakeAudioTrack, fakeVideoTrack, ShimPeerConnection, WrtcMediaStream } from '../support/wrtc';

// The whole engine with real P2P sessions and real (libwebrtc) peer connections; only the server is fake.

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function participant(server: FakeServer, name: string) {
  const media = {
    async getUserMedia(constraints: MediaStreamConstraints) {
      const made = constraints.video ? fakeVideoTrack() : fakeAudioTrack();
      cleanups.push(made.stop);
      return new WrtcMediaStream([made.track]);
    },
    async getDisplayMedia() {
      const made = fakeVideoTrack();
      cleanups.push(made.stop);
      return new WrtcMediaStream([made.track]);
    },
  };
  const engine = new ConferenceEngine({
    serverUrl: 'ws://moim.test/ws',
    displayName: name,
    media,
    WebSocket: server.WebSocket,
    RTCPeerConnection: ShimPeerConnection,
    MediaStream: WrtcMediaStream,
    reconnect: { initialMs: 20, maxMs: 50 },
  });
  cleanups.unshift(() => engine.close());
  const live: RemoteTrack[] = [];
  const ended: RemoteTrack[] = [];
  engine.on('track', (t) => live.push(t));
  engine.on('trackended', (t) => {
    ended.push(t);
    live.splice(live.indexOf(t), 1);
  });
  const decoded = async (from: string, kind = 'cam') =>
    (await engine.getStats())
      .filter((s) => s.peerId === from && s.kind === kind)
      .reduce((n, s) => n + s.framesDecoded, 0);
  return { engine, live, ended, decoded };
}

/** Ada publishes her camera in a new P2P room; a kiosk joins as a viewer and decodes her first frames. */
async function adaOnCameraWatchedByKiosk(server: FakeServer) {
  const ada = participant(server, 'Ada');
  const kiosk = participant(server, 'Kiosk');
  await ada.engine.connect();
  const { roomId } = await ada.engine.createRoom({ mode: 'p2p' });
  await ada.engine.joinRoom(roomId);
  await ada.engine.publish('cam');
  await kiosk.engine.connect();
  await kiosk.engine.joinRoom(roomId, { role: 'viewer' });
  const a = ada.engine.peerId!;
  await until(async () => (await kiosk.decoded(a)) > 0, 8000, 'first frames');
  return { ada, kiosk, a };
}

// Real peer connections, among the other test files vitest runs at once: the waits in each test bound it, not
// vitest's 5 s default (a P2P session test of this kind ran past it in a fresh-clone run).
describe('ConferenceEngine with real P2P media', { timeout: 30_000 }, () => {
  it("two participants each decode the other's camera, and a viewer who publishes nothing decodes both", async () => {
    const server = new FakeServer();
    const ada = participant(server, 'Ada');
    const bob = participant(server, 'Bob');
    const kiosk = participant(server, 'Kiosk');
    await ada.engine.connect();
    const { roomId } = await ada.engine.createRoom({ mode: 'p2p' });
    await ada.engine.joinRoom(roomId);
    await ada.engine.publish('cam');
    await bob.engine.connect();
    await bob.engine.publish('cam');
    await bob.engine.joinRoom(roomId);
    await kiosk.engine.connect();
    await kiosk.engine.joinRoom(roomId, { role: 'viewer' });
    const [a, b] = [ada.engine.peerId!, bob.engine.peerId!];
    await until(
      async () => (await ada.decoded(b)) > 0 && (await bob.decoded(a)) > 0,
      8000,
      'ada and bob decode each other',
    );
    await until(
      async () => (await kiosk.decoded(a)) > 0 && (await kiosk.decoded(b)) > 0,
      8000,
      'the kiosk decodes both',
    );
    expect(kiosk.live.map((t) => `${t.peerId}/${t.kind}`).sort()).toEqual([`${a}/cam`, `${b}/cam`].sort());
  });

  it('a screen share the user stops ends on the other side', async () => {
    const server = new FakeServer();
    const ada = participant(server, 'Ada');
    const bob = participant(server, 'Bob');
    await ada.engine.connect();
    const { roomId } = await ada.engine.createRoom({ mode: 'p2p' });
    await ada.engine.joinRoom(roomId);
    await bob.engine.connect();
    await bob.engine.joinRoom(roomId);
    const screen = await ada.engine.publish('screen');
    await until(() => bob.live.some((t) => t.kind === 'screen'), 5000, 'screen at bob');
    // What the browser does when the user presses "stop sharing".
    const track = screen.getVideoTracks()[0]!;
    track.stop();
    track.dispatchEvent(new Event('ended'));
    await until(() => bob.ended.some((t) => t.kind === 'screen'), 5000, 'screen ended at bob');
    expect(bob.live).toEqual([]);
  });

  it('media keeps flowing through a signaling outage that resumes, with no track ended or restarted', async () => {
    const server = new FakeServer();
    const { ada, kiosk, a } = await adaOnCameraWatchedByKiosk(server);
    server.down = true;
    server.drop(kiosk.engine.peerId!);
    server.drop(a);
    await until(() => kiosk.engine.state === 'reconnecting', 1000, 'reconnecting');
    const during = await kiosk.decoded(a);
    await until(async () => (await kiosk.decoded(a)) > during + 5, 5000, 'frames while the server is unreachable');
    server.down = false;
    await until(() => kiosk.engine.roomState === 'joined' && ada.engine.roomState === 'joined', 3000, 'both resumed');
    const after = await kiosk.decoded(a);
    await until(async () => (await kiosk.decoded(a)) > after + 5, 5000, 'frames after');
    expect(kiosk.ended).toEqual([]);
    expect(kiosk.live).toHaveLength(1);
  });

  it('after coming back as a new peer (the server forgot it), media is set up again on both sides', async () => {
    const server = new FakeServer();
    server.graceMs = 0;
    const { ada, kiosk, a } = await adaOnCameraWatchedByKiosk(server);
    server.drop(a);
    await until(() => ada.engine.roomState === 'joined' && ada.engine.peerId !== a, 3000, 'ada back as a new peer');
    const a2 = ada.engine.peerId!;
    await until(async () => (await kiosk.decoded(a2)) > 0, 8000, 'kiosk decodes the new ada');
    expect(kiosk.ended.map((t) => t.peerId)).toEqual([a]);
    expect(kiosk.live.map((t) => t.peerId)).toEqual([a2]);
  });
});
