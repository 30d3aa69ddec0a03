import type { Settings } from '../bridge/types';

type IceServers = Settings['iceServers'];

const ICE_URL = /^(stun|stuns|turn|turns):[^\s]+$/i;

/** Parses the settings text area: one server per line, the URL then an optional user name. */
export function parseIceServers(text: string): { ok: true; servers: IceServers } | { ok: false; line: number } {
  const servers: IceServers = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const parts = (lines[i] ?? '').trim().split(/\s+/).filter(Boolean);
    if (parts.length === 0) continue;
    const [urls, username, ...extra] = parts;
    if (urls === undefined || !ICE_URL.test(urls) || extra.length > 0) return { ok: false, line: i + 1 };
    servers.push(username === undefined ? { urls } : { urls, username });
  }
  return { ok: true, servers };
}

/** The text-area form of `servers` (inverse of `parseIceServers`). */
export function formatIceServers(servers: IceServers): string {
  return servers
    .flatMap((s) =>
      (Array.isArray(s.urls) ? s.urls : [s.urls]).map((url) => (s.username ? `${url} ${s.username}` : url)),
    )
    .join('\n');
}

/** RTCIceServer entries for the engine: servers with a user name get the stored TURN credential. */
export function toRtcIceServers(servers: IceServers, credential: string | null): RTCIceServer[] {
  return servers.map((s) =>
    s.username !== undefined && credential !== null
      ? { urls: s.urls, username: s.username, credential }
      : s.username !== undefined
        ? { urls: s.urls, username: s.username }
        : { urls: s.urls },
  );
}
