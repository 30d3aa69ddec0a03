import { expect, type Page } from '@playwright/test';
import type { RemoteStats } from '../../../renderer/engine';
import { remoteStats } from './moim-page';

/** Opens "Device session" and joins with `sessionId` and `token` through the form. */
export async function joinDeviceSession(page: Page, sessionId: string, token: string): Promise<void> {
  await page.getByRole('button', { name: 'Device session', exact: true }).click();
  await page.getByLabel('Session ID').fill(sessionId);
  await page.getByLabel('Join token').fill(token);
  await page.getByRole('button', { name: 'Join session', exact: true }).click();
}

/** The session's phase as the view shows it: idle, joining, active, ended. */
export function sessionState(page: Page) {
  return page.getByTestId('session-state');
}

/** A level meter's current value (0–100): 'remote' is the device, 'local' our microphone. */
export async function meterLevel(page: Page, which: 'remote' | 'local'): Promise<number> {
  return Number((await page.getByTestId(`${which}-level`).getAttribute('data-level')) ?? 0);
}

/** The device's audio as Moim receives it (inbound-rtp through the engine), if any. */
export async function deviceAudio(page: Page, devicePeerId: string): Promise<RemoteStats | undefined> {
  return (await remoteStats(page)).find((s) => s.peerId === devicePeerId && s.trackKind === 'audio');
}

/** Waits until Moim has received more than `after` audio packets from the device. */
export async function expectDeviceAudio(page: Page, devicePeerId: string, after = 0): Promise<void> {
  await expect
    .poll(async () => (await deviceAudio(page, devicePeerId))?.packetsReceived ?? 0, {
      message: `audio packets from the device ${devicePeerId} (more than ${after})`,
    })
    .toBeGreaterThan(after);
}

/** What the page's RTCPeerConnections did, as `recordPeerConnections` saw it. */
interface Recorded {
  pc: RTCPeerConnection;
  gathered: string[];
  errors: string[];
}

/**
 * Records every RTCPeerConnection the page makes (from its next load on), so a test can read what the app's own
 * connection did: its configuration, the local candidates it gathered and its ICE candidate errors.
 */
export async function recordPeerConnections(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const made: Recorded[] = [];
    (window as unknown as { __peerConnections: Recorded[] }).__peerConnections = made;
    window.RTCPeerConnection = class extends Native {
      constructor(configuration?: RTCConfiguration) {
        super(configuration);
        const entry: Recorded = { pc: this, gathered: [], errors: [] };
        made.push(entry);
        this.addEventListener('icecandidate', (e) => e.candidate && entry.gathered.push(String(e.candidate.type)));
        this.addEventListener('icecandidateerror', (e) => {
          const { errorCode, url } = e as RTCPeerConnectionIceErrorEvent;
          entry.errors.push(`${errorCode} ${url}`);
        });
      }
    };
  });
}

/** The ICE servers, gathered candidate types and candidate errors of the last RTCPeerConnection the page made. */
export async function lastPeerConnection(
  page: Page,
): Promise<{ iceServers: RTCIceServer[]; gathered: string[]; errors: string[] }> {
  return page.evaluate(() => {
    const made = (window as unknown as { __peerConnections?: Recorded[] }).__peerConnections ?? [];
    const last = made.at(-1);
    if (!last) return { iceServers: [], gathered: [], errors: [] };
    return { iceServers: last.pc.getConfiguration().iceServers ?? [], gathered: last.gathered, errors: last.errors };
  });
}
