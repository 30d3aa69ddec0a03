import type { Settings } from '../../common/ipc/settings';

/** A server address as links carry it, compared without case or a trailing slash. */
const same = (a: string, b: string) => a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();

/** True when this app has used the server before: the configured one or one of the recent rooms'. */
export function isKnownServer(serverUrl: string, settings: Pick<Settings, 'serverUrl' | 'recentRooms'>): boolean {
  return same(serverUrl, settings.serverUrl) || settings.recentRooms.some((r) => same(serverUrl, r.serverUrl));
}

/** True for plain ws:// (or http://) to another computer: anyone on the path can read the signaling. */
export function isUnencryptedRemote(serverUrl: string): boolean {
  return serverUrl.split(',').some((entry) => isUnencryptedOne(entry.trim()));
}

function isUnencryptedOne(serverUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    return false;
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'http:') return false;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return !(host === 'localhost' || host === '::1' || /^127\./.test(host));
}
