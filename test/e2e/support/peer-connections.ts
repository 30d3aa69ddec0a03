import type { Page } from '@playwright/test';

type Recorded = Window & { __peerConnections?: RTCPeerConnection[] };

/** Makes every RTCPeerConnection the page creates from its next load on visible to `mediaPorts`. */
export async function recordPeerConnections(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const all: RTCPeerConnection[] = [];
    (window as Recorded).__peerConnections = all;
    window.RTCPeerConnection = class extends Native {
      constructor(configuration?: RTCConfiguration) {
        super(configuration);
        all.push(this);
      }
    };
  });
}

/**
 * The remote port of each connected RTCPeerConnection's selected ICE candidate pair: the media server port the
 * page's media actually flows through (a page opened after `recordPeerConnections`).
 */
export function mediaPorts(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const ports: number[] = [];
    for (const pc of (window as Recorded).__peerConnections ?? []) {
      if (pc.connectionState !== 'connected') continue;
      const stats = new Map<string, Record<string, unknown>>();
      (await pc.getStats()).forEach((entry: Record<string, unknown>) => stats.set(entry.id as string, entry));
      for (const entry of stats.values()) {
        if (entry.type !== 'transport' || typeof entry.selectedCandidatePairId !== 'string') continue;
        const pair = stats.get(entry.selectedCandidatePairId);
        const remote = pair && stats.get(pair.remoteCandidateId as string);
        if (typeof remote?.port === 'number') ports.push(remote.port);
      }
    }
    return ports;
  });
}
