import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { HostRoomResult, MoimBridge } from '../bridge/bridge';
import type { I18n } from '../i18n';
import { hostRoomProblem } from '../lib/desktop';

/** `url` with its host swapped for `address` (the port and path stay). */
export function withHost(url: string, address: string): string {
  const parsed = new URL(url);
  parsed.hostname = address;
  return parsed.pathname === '/' ? parsed.origin : parsed.href;
}

/**
 * "Host a room on this computer" (Electron): starts the local room server through the bridge, remembers whether it
 * is starting or how it went, and renders the home view's card for it. When this computer has more than one LAN
 * address, the user picks the one the links give out (main offers the best first).
 */
export class HostRoomController implements ReactiveController {
  #hosting: 'starting' | HostRoomResult | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly bridge: () => MoimBridge,
    private readonly onHosted: (wsUrl: string) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Starts the local server once; a thrown error becomes a 'failed' result. */
  async start(): Promise<void> {
    const bridge = this.bridge();
    if (!bridge.hostRoom || this.#hosting === 'starting') return;
    this.#set('starting');
    let result: HostRoomResult;
    try {
      result = await bridge.hostRoom();
    } catch (error) {
      result = { ok: false, reason: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
    this.#set(result);
    if (result.ok) this.onHosted(result.wsUrl);
  }

  /** Gives out `address` in the links from now on; the server listens on every interface already. */
  pick(address: string): void {
    const hosting = this.#hosting;
    if (hosting === null || hosting === 'starting' || !hosting.ok) return;
    const picked = { ...hosting, httpUrl: withHost(hosting.httpUrl, address), wsUrl: withHost(hosting.wsUrl, address) };
    this.#set(picked);
    this.onHosted(picked.wsUrl);
  }

  /** The card: a button while not yet hosted (waiting while `busy`), then the address or what went wrong. */
  render({ t }: I18n, busy: boolean) {
    const hosting = this.#hosting;
    const starting = hosting === 'starting';
    const result = hosting === null || starting ? null : hosting;
    let status = html`<p class="hint muted">${t('home.hostHint')}</p>`;
    if (result) {
      status = result.ok
        ? html`<p class="note" role="status">
              ${t('home.hosted', { url: result.httpUrl })} ${t(result.sfu ? 'home.hostedSfu' : 'home.hostedP2pOnly')}
            </p>
            ${this.#addressPicker(t, result)}`
        : html`<p class="alert" role="alert">${t(hostRoomProblem(result), { message: result.message })}</p>`;
    }
    return html`<section class="card host" aria-label=${t('home.host')}>
      <button type="button" ?disabled=${busy || starting || result?.ok === true} @click=${() => void this.start()}>
        ${starting ? t('home.hostBusy') : t('home.host')}
      </button>
      ${status}
    </section>`;
  }

  #addressPicker(t: I18n['t'], result: HostRoomResult & { ok: true }) {
    if (result.addresses.length < 2) return nothing;
    const current = new URL(result.httpUrl).hostname;
    return html`<label
      >${t('home.hostAddress')}
      <select @change=${(e: Event) => this.pick((e.target as HTMLSelectElement).value)}>
        ${result.addresses.map(
          (a) => html`<option value=${a.address} ?selected=${a.address === current}>${a.address} (${a.name})</option>`,
        )}
      </select></label
    >`;
  }

  #set(hosting: 'starting' | HostRoomResult): void {
    this.#hosting = hosting;
    this.host.requestUpdate();
  }
}
