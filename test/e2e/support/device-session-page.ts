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

/**
 * Records every RTCPeerConnection the page makes (from its next load on), so a test can read what the app's own
 * connection did: its configuration and its local candidates.
 */
export async function recordPeerConnections(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const made: RTCPeerConnection[] = [];
    (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections = made;
    window.RTCPeerConnection = class extends Native {
      constructor(configuration?: RTCConfiguration) {
        super(configuration);
        made.push(this);
      }
    };
  });
}

/** The ICE servers and the local candidate types of the last RTCPeerConnection the page made. */
export async function lastPeerConnection(page: Page): Promise<{ iceServers: RTCIceServer[]; localTypes: string[] }> {
  return page.evaluate(async () => {
    const made = (window as unknown as { __peerConnections?: RTCPeerConnection[] }).__peerConnections ?? [];
    const pc = made.at(-1);
    if (!pc) return { iceServers: [], localTypes: [] };
    const stats = [...(await pc.getStats()).values()] as { type: string; candidateType?: string }[];
    return {
      iceServers: pc.getConfiguration().iceServers ?? [],
      localTypes: stats.filter((s) => s.type === 'local-candidate').map((s) => String(s.candidateType)),
    };
  });
}
