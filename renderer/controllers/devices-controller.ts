import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The media devices the system has, kept current through `devicechange` while the host is connected. */
export class DevicesController implements ReactiveController {
  devices: MediaDeviceInfo[] = [];
  #abort: AbortController | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#abort = new AbortController();
    navigator.mediaDevices?.addEventListener('devicechange', () => void this.refresh(), { signal: this.#abort.signal });
    void this.refresh();
  }

  hostDisconnected(): void {
    this.#abort?.abort();
    this.#abort = null;
  }

  /** Lists devices again (labels appear once the user granted camera or microphone access). */
  async refresh(): Promise<void> {
    try {
      this.devices = (await navigator.mediaDevices?.enumerateDevices()) ?? [];
    } catch {
      this.devices = [];
    }
    this.host.requestUpdate();
  }

  /** Devices of one kind. */
  of(kind: MediaDeviceKind): MediaDeviceInfo[] {
    return this.devices.filter((d) => d.kind === kind && d.deviceId !== '');
  }
}
