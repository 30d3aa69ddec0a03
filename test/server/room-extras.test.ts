// @vitest-environment node
// Raised hands, reactions and chat against a real room server over real WebSockets.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CHAT_CHARS } from '../../common/protocol';
import { RecordingMediaService } from '../unit/server/support/fakes';
import { Harness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await Harness.start({ media: () => new RecordingMediaService() });
});
afterAll(() => h.stop());
afterEach(() => h.reset());

describe('chat', () => {
  it('reaches everyone as plain text, and a late joiner gets the recent messages with its snapshot', async () => {
    const { roomId, clients } = await h.room(2);
    const [ann, bob] = clients;
    const markup = '<img src=x onerror=alert(1)> see https://example.org';
    await ann!.request('sendChat', { text: `  ${markup}  ` });
    const { message } = await bob!.notifications.waitFor('chat');
    expect(message).toMatchObject({ from: ann!.peerId, displayName: 'peer0', text: markup });
    const late = await h.client('Late');
    const joined = await late.request('joinRoom', { roomId });
    expect(joined.extras?.chat.map((m) => m.text)).toEqual([markup]);
  });

  it('refuses an empty message (BAD_REQUEST) and one past the limit (TOO_LARGE), then rate-limits a flood', async () => {
    const { clients } = await h.room(1);
    const ann = clients[0]!;
    await expect(ann.request('sendChat', { text: '   ' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const long = 'x'.repeat(MAX_CHAT_CHARS + 1);
    await expect(ann.request('sendChat', { text: long })).rejects.toMatchObject({ code: 'TOO_LARGE' });
    const codes: string[] = [];
    for (let i = 0; i < 15; i++) {
      await ann.request('sendChat', { text: `m${i}` }).then(
        () => codes.push('ok'),
        (error: { code: string }) => codes.push(error.code),
      );
    }
    expect(codes).toContain('RATE_LIMITED');
    // The connection and the room survive: presence still works.
    expect((await ann.request('leaveRoom', {})) as object).toEqual({});
  });

  it('answers NOT_IN_ROOM outside a room', async () => {
    const ann = await h.client('Ann');
    await expect(ann.request('sendChat', { text: 'hi' })).rejects.toMatchObject({ code: 'NOT_IN_ROOM' });
  });
});

/** A broadcast with its presenter (who holds the key) and two viewers, Vi and Vo. */
async function broadcastWithViewers() {
  const presenter = await h.client('Presenter');
  const { roomId, presenterKey } = await presenter.request('createRoom', { mode: 'broadcast' });
  await presenter.request('joinRoom', { roomId, role: 'presenter', presenterKey });
  const [vi, vo] = [await h.client('Vi'), await h.client('Vo')];
  await vi.request('joinRoom', { roomId, role: 'viewer' });
  await vo.request('joinRoom', { roomId, role: 'viewer' });
  return { presenter, roomId, presenterKey, vi, vo };
}

describe('hands and reactions', () => {
  it("a broadcast viewer's raised hand and reaction reach the presenter only; a late presenter sees the hand", async () => {
    const { presenter, roomId, presenterKey, vi, vo } = await broadcastWithViewers();
    let voHeard = 0;
    vo.notifications.on('handChanged', () => voHeard++);
    vo.notifications.on('reaction', () => voHeard++);

    await vi.request('raiseHand', { raised: true });
    await expect(presenter.notifications.waitFor('handChanged')).resolves.toEqual({
      peerId: vi.peerId,
      displayName: 'Vi',
      raised: true,
    });
    await vi.request('react', { reaction: 'clap' });
    await expect(presenter.notifications.waitFor('reaction')).resolves.toMatchObject({ reaction: 'clap' });

    const second = await h.client('Second presenter');
    const joined = await second.request('joinRoom', { roomId, role: 'presenter', presenterKey });
    expect(joined.extras?.hands).toEqual([{ peerId: vi.peerId, displayName: 'Vi' }]);
    const other = await h.client('Another viewer');
    expect((await other.request('joinRoom', { roomId, role: 'viewer' })).extras?.hands).toEqual([]);

    // The viewer leaves: its hand goes down for the presenters.
    await vi.request('leaveRoom', {});
    await expect(presenter.notifications.waitFor('handChanged', (c) => !c.raised)).resolves.toMatchObject({
      peerId: vi.peerId,
    });
    expect(voHeard).toBe(0);
  });

  it("a broadcast presenter lowers a viewer's hand; a viewer, or a member of a meeting room, may not (FORBIDDEN)", async () => {
    const { presenter, roomId, presenterKey, vi, vo } = await broadcastWithViewers();
    await vi.request('raiseHand', { raised: true });
    await presenter.notifications.waitFor('handChanged');

    // Knowing the viewer's id is not enough: another viewer is refused and the hand stays up.
    await expect(vo.request('lowerHand', { peerId: vi.peerId! })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const stillUp = await (await h.client('Late')).request('joinRoom', { roomId, role: 'presenter', presenterKey });
    expect(stillUp.extras?.hands.map((hand) => hand.peerId)).toEqual([vi.peerId]);

    await presenter.request('lowerHand', { peerId: vi.peerId! });
    const lowered = { peerId: vi.peerId, displayName: 'Vi', raised: false };
    await expect(presenter.notifications.waitFor('handChanged', (c) => !c.raised)).resolves.toEqual(lowered);
    await expect(vi.notifications.waitFor('handChanged', (c) => !c.raised)).resolves.toEqual(lowered);
    // Lowering a hand that is down (or an unknown peer's) changes nothing and is no error.
    await expect(presenter.request('lowerHand', { peerId: vi.peerId! })).resolves.toEqual({});

    const { clients } = await h.room(2);
    await clients[1]!.request('raiseHand', { raised: true });
    await expect(clients[0]!.request('lowerHand', { peerId: clients[1]!.peerId! })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('refuses a reaction outside the fixed set (BAD_REQUEST)', async () => {
    const { clients } = await h.room(1);
    await expect(clients[0]!.request('react', { reaction: 'rocket' as never })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});
