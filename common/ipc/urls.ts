/** Longest URL main accepts from a renderer, a deep link or the command line. */
export const MAX_URL_LENGTH = 2048;

const SERVER_PROTOCOLS = new Set(['ws:', 'wss:', 'http:', 'https:']);

/** True for a ws/wss/http/https URL with a host and no embedded credentials (`https://evil@host` misleads). */
export function isServerUrl(value: string): boolean {
  if (value.length > MAX_URL_LENGTH) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return SERVER_PROTOCOLS.has(url.protocol) && url.hostname !== '' && url.username === '' && url.password === '';
}

/**
 * The signaling URL for a server address: http → ws and https → wss (the room server answers both on
 * one port), without the bare trailing slash, so every URL the renderer sees is a ws(s) one.
 */
export function toSignalingUrl(value: string): string {
  const url = new URL(value);
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  const path = url.pathname === '/' ? '' : url.pathname;
  return `${url.protocol}//${url.host}${path}${url.search}`;
}

/** True for an http(s) URL: the only kind main hands to the system browser. */
export function isWebUrl(value: string): boolean {
  return isServerUrl(value) && /^https?:/i.test(value);
}
