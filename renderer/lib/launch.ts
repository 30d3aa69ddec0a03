import { isSignalingList } from '../../common/server-list';
import type { LaunchIntent } from '../bridge/types';
import { isRoomId, secretsFromFragment, serverFromPage } from './links';

/**
 * How a browser page was opened: `?kiosk=1&room=<id>[&server=<ws url>]` is a kiosk viewer,
 * `?room=<id>[&server=<ws url or server list>][#key=<presenter key>][&token=<join token>]` a link to join (as a presenter with the
 * key; as the token allows with a token). Without a server parameter the page's own host serves the room. A kiosk
 * never presents: a key in its URL is ignored, but a token (`#token=`, a server with an auth secret) admits it.
 */
export function parseLaunchUrl(pageUrl: string, fallbackServer: string): LaunchIntent {
  const none: LaunchIntent = { kiosk: null, join: null };
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    return none;
  }
  const roomId = url.searchParams.get('room');
  if (!roomId || !isRoomId(roomId)) return none;
  const param = url.searchParams.get('server');
  const web = url.protocol === 'http:' || url.protocol === 'https:';
  const serverUrl = param && isSignalingList(param) ? param : web ? serverFromPage(url) : fallbackServer;
  const secrets = secretsFromFragment(url);
  if (secrets === null) return none;
  const kiosk = url.searchParams.get('kiosk');
  if (kiosk === '1' || kiosk === 'true') {
    return { kiosk: { serverUrl, roomId, ...(secrets.token ? { token: secrets.token } : {}) }, join: null };
  }
  return { kiosk: null, join: { serverUrl, roomId, ...secrets } };
}
