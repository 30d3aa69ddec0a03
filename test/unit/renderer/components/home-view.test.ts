// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CreateRoomDetail, HomeView, JoinRoomDetail } from '../../../../renderer/components/home-view';
import '../../../../renderer/components/home-view';
import { fakeBridge, mount, shadow, testSettings, typeInto, unmountAll } from '../support/component-host';

/** The home view with English settings; `created` and `joined` collect what it asks the app to do. */
async function openHome(settings = testSettings()) {
  const view = await mount('home-view', { settings });
  const created: CreateRoomDetail[] = [];
  const joined: JoinRoomDetail[] = [];
  view.addEventListener('create-room', (e) => created.push((e as CustomEvent<CreateRoomDetail>).detail));
  view.addEventListener('join-room', (e) => joined.push((e as CustomEvent<JoinRoomDetail>).detail));
  return { view, created, joined };
}

function button(view: HomeView, name: string): HTMLButtonElement {
  const found = [...view.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
  if (!found) throw new Error(`no button ${name}`);
  return found;
}

async function press(view: HomeView, name: string): Promise<void> {
  button(view, name).click();
  await view.updateComplete;
}

function alertText(view: HomeView): string | undefined {
  return view.shadowRoot?.querySelector('[role="alert"]')?.textContent?.trim();
}

afterEach(unmountAll);

describe('home-view', () => {
  it('asks for a name before creating a room, and creates nothing', async () => {
    const { view, created } = await openHome(testSettings({ displayName: '' }));
    await press(view, 'Create room');
    expect(alertText(view)).toBe('Enter your name first.');
    expect(created).toEqual([]);
  });

  it('refuses a room server address that is not ws:// or wss://', async () => {
    const { view, created } = await openHome();
    typeInto(shadow<HTMLInputElement>(view, 'input[type="url"]'), 'http://example.test');
    await view.updateComplete;
    await press(view, 'Create room');
    expect(alertText(view)).toBe(
      'Each room server address must start with ws:// or wss://; separate up to 8 with commas.',
    );
    expect(created).toEqual([]);
  });

  it('creates a room in the chosen mode with the typed name and server', async () => {
    const { view, created } = await openHome();
    const sfu = view.shadowRoot!.querySelector<HTMLInputElement>('input[type="radio"][value="sfu"]')!;
    sfu.click();
    typeInto(shadow<HTMLInputElement>(view, 'input[autocomplete="nickname"]'), ' Bo ');
    await view.updateComplete;
    await press(view, 'Create room');
    expect(alertText(view)).toBeUndefined();
    expect(created).toEqual([{ mode: 'sfu', serverUrl: 'ws://localhost:8080', displayName: 'Bo' }]);
  });

  it('refuses a join input that is neither a room id nor a Moim link', async () => {
    const { view, joined } = await openHome();
    typeInto(shadow<HTMLInputElement>(view, 'input[autocomplete="off"]'), 'not a room!');
    await view.updateComplete;
    await press(view, 'Join');
    expect(alertText(view)).toBe('That is not a room ID or a Moim link.');
    expect(joined).toEqual([]);
  });

  it('joins a room id as a presenter, or as a viewer with Watch', async () => {
    const { view, joined } = await openHome();
    const roomId = 'abc-def-ghi';
    typeInto(shadow<HTMLInputElement>(view, 'input[autocomplete="off"]'), roomId);
    await view.updateComplete;
    await press(view, 'Join');
    await press(view, 'Watch');
    expect(joined.map((j) => [j.roomId, j.role, j.serverUrl, j.displayName])).toEqual([
      [roomId, 'presenter', 'ws://localhost:8080', 'Ana'],
      [roomId, 'viewer', 'ws://localhost:8080', 'Ana'],
    ]);
  });

  it('hosting on a computer with two LAN addresses lets the user pick the one the links give out', async () => {
    const hosted = {
      ok: true as const,
      httpUrl: 'http://192.168.1.20:8480',
      wsUrl: 'ws://192.168.1.20:8480/ws',
      sfu: true,
      addresses: [
        { name: 'wlp2s0', address: '192.168.1.20' },
        { name: 'enp3s0', address: '10.1.2.3' },
      ],
    };
    const bridge = fakeBridge(testSettings(), { hostRoom: vi.fn(async () => hosted) });
    const view = await mount('home-view', { bridge });
    const joined: JoinRoomDetail[] = [];
    view.addEventListener('join-room', (e) => joined.push((e as CustomEvent<JoinRoomDetail>).detail));
    await press(view, 'Host a room on this computer');
    await vi.waitFor(() => expect(view.shadowRoot!.textContent).toContain('http://192.168.1.20:8480'));
    const select = shadow<HTMLSelectElement>(view, 'section.host select');
    expect([...select.options].map((o) => o.textContent)).toEqual(['192.168.1.20 (wlp2s0)', '10.1.2.3 (enp3s0)']);
    select.value = '10.1.2.3';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await view.updateComplete;
    expect(view.shadowRoot!.textContent).toContain('Others can open http://10.1.2.3:8480');
    typeInto(shadow<HTMLInputElement>(view, 'input[autocomplete="off"]'), 'abc-def-ghi');
    await view.updateComplete;
    await press(view, 'Join');
    expect(joined[0]?.serverUrl).toBe('ws://10.1.2.3:8480/ws');
  });

  it('with one LAN address there is nothing to pick', async () => {
    const hosted = { ok: true as const, httpUrl: 'http://10.0.0.5:8480', wsUrl: 'ws://10.0.0.5:8480/ws', sfu: false };
    const addresses = [{ name: 'eth0', address: '10.0.0.5' }];
    const bridge = fakeBridge(testSettings(), { hostRoom: vi.fn(async () => ({ ...hosted, addresses })) });
    const view = await mount('home-view', { bridge });
    await press(view, 'Host a room on this computer');
    await vi.waitFor(() => expect(view.shadowRoot!.textContent).toContain('http://10.0.0.5:8480'));
    expect(view.shadowRoot!.querySelector('section.host select')).toBeNull();
  });
});
