import { joinToken } from '../protocol/join-token';
import { roomKey } from '../protocol/primitives';

/** What a room link's fragment may carry: the room's key (a presenter link) and/or a signed join token. */
export interface LinkSecrets {
  presenterKey?: string;
  token?: string;
}

/**
 * Reads a room link's fragment (`#key=…`, `#token=…`, or both joined by `&`): secrets travel there because browsers
 * never send a fragment in HTTP requests, so they stay out of server logs, proxies and Referer headers. `{}` when
 * there is none; null when it holds anything else, a name twice, or a malformed value — the link is then invalid
 * rather than silently a viewer's.
 */
export function parseLinkFragment(hash: string): LinkSecrets | null {
  if (hash === '' || hash === '#') return {};
  const fragment = new URLSearchParams(hash.replace(/^#/, ''));
  const names = [...fragment.keys()];
  if (names.some((name) => name !== 'key' && name !== 'token') || new Set(names).size !== names.length) return null;
  const key = fragment.get('key');
  const token = fragment.get('token');
  if (key !== null && !roomKey.safeParse(key).success) return null;
  if (token !== null && !joinToken.safeParse(token).success) return null;
  return { ...(key !== null ? { presenterKey: key } : {}), ...(token !== null ? { token } : {}) };
}
