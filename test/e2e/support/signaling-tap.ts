import type { Page, WebSocketRoute } from '@playwright/test';

/** A frame of the signaling protocol, as far as the tap reads it. */
interface Frame {
  id?: number;
  method?: string;
}

/**
 * The page's signaling WebSocket, passed through Playwright so a test can count what the page sends, lose some
 * of its requests on the way (as a flaky network would), or hold back some server notifications for a while
 * (a slow connection: the page acts on stale news).
 */
export interface SignalingTap {
  /** How many requests of `method` the page has sent so far (lost ones included). */
  sent(method: string): number;
  /** From now on the page's `method` requests never reach the server (`undefined` stops that). */
  lose(method: string, lost?: boolean): void;
  /** From now on the server's `name` notifications wait in the tap instead of reaching the page. */
  hold(name: string): void;
  /** Delivers what `hold` kept back, in order, and lets `name` through again. */
  release(name: string): void;
}

function parse(message: string | Buffer): Frame | null {
  try {
    const frame: unknown = JSON.parse(typeof message === 'string' ? message : message.toString());
    return frame !== null && typeof frame === 'object' ? (frame as Frame) : null;
  } catch {
    return null;
  }
}

/** Routes `page`'s WebSockets (opened from now on) through a tap. */
export async function tapSignaling(page: Page): Promise<SignalingTap> {
  const counts = new Map<string, number>();
  const lost = new Set<string>();
  const held = new Map<string, (string | Buffer)[]>();
  const pages = new Set<WebSocketRoute>();
  await page.routeWebSocket(/.*/, (ws) => {
    pages.add(ws);
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      const method = parse(message)?.method;
      if (method) counts.set(method, (counts.get(method) ?? 0) + 1);
      if (!method || !lost.has(method)) server.send(message);
    });
    server.onMessage((message) => {
      const frame = parse(message);
      const queue = frame && frame.id === undefined && frame.method ? held.get(frame.method) : undefined;
      if (queue) queue.push(message);
      else ws.send(message);
    });
  });
  return {
    sent: (method) => counts.get(method) ?? 0,
    lose: (method, isLost = true) => void (isLost ? lost.add(method) : lost.delete(method)),
    hold: (name) => void (held.has(name) || held.set(name, [])),
    release: (name) => {
      const queue = held.get(name) ?? [];
      held.delete(name);
      for (const ws of pages) for (const message of queue) ws.send(message);
    },
  };
}
