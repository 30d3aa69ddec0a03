import { z } from 'zod';
import { isServerUrl, MAX_URL_LENGTH, toSignalingUrl } from './ipc/urls';

/**
 * A server list: the room servers a client may sign in on, in the order it tries them. Written as one string
 * wherever a single server address used to go (settings, `?server=`, a deep link): addresses separated by commas.
 */

/** Most servers a list may name: enough for a cluster, and a bound on how long a failover round can take. */
export const MAX_SERVERS = 8;

/** Longest server list, written as one string. */
export const MAX_SERVER_LIST_LENGTH = MAX_URL_LENGTH;

/** Why a server list was refused. */
export type ServerListProblem = 'EMPTY' | 'TOO_MANY' | 'TOO_LONG' | 'BAD_URL';

/** A server list that cannot be used; `entry` is the address at fault, when one is. */
export class ServerListError extends TypeError {
  override readonly name = 'ServerListError';

  constructor(
    readonly code: ServerListProblem,
    readonly entry?: string,
  ) {
    super(entry === undefined ? `server list: ${code}` : `server list: ${code} (${entry.slice(0, 80)})`);
  }
}

/** One room server's signaling address as the protocol carries it: ws or wss, with a host and no credentials. */
export const signalingUrl = z
  .string()
  .max(MAX_URL_LENGTH)
  .regex(/^wss?:\/\/[^\s,]+$/i, 'expected a ws:// or wss:// URL')
  .refine(isServerUrl, 'expected a ws:// or wss:// URL without a user name or password');

/**
 * Reads a server list: a string of addresses separated by commas (spaces around them are ignored), or an array of
 * addresses. Each must be a ws/wss/http/https URL; http(s) become ws(s). Duplicates are dropped, order kept.
 * Throws ServerListError (EMPTY, TOO_LONG, TOO_MANY, BAD_URL).
 */
export function parseServerList(value: string | readonly string[]): string[] {
  if (typeof value === 'string' && value.length > MAX_SERVER_LIST_LENGTH) throw new ServerListError('TOO_LONG');
  const entries = (typeof value === 'string' ? value.split(',') : [...value]).map((s) => String(s).trim());
  if (entries.every((s) => s === '')) throw new ServerListError('EMPTY');
  const urls: string[] = [];
  for (const entry of entries) {
    if (entry === '' || !isServerUrl(entry)) throw new ServerListError('BAD_URL', entry);
    const url = toSignalingUrl(entry);
    if (!urls.includes(url)) urls.push(url);
  }
  if (urls.length > MAX_SERVERS) throw new ServerListError('TOO_MANY');
  return urls;
}

/** True when `value` reads as a server list (see parseServerList). */
export function isServerList(value: string): boolean {
  try {
    parseServerList(value);
    return true;
  } catch {
    return false;
  }
}

/** The origin of the pages a server at signaling address `url` serves (ws → http, wss → https). */
export function pageOrigin(url: string): string {
  const { protocol, host } = new URL(url);
  return `${protocol === 'wss:' ? 'https' : 'http'}://${host}`;
}

/** True for a server list whose every address is ws or wss: the form settings and links keep. */
export function isSignalingList(value: string): boolean {
  return isServerList(value) && value.split(',').every((entry) => /^\s*wss?:\/\//i.test(entry));
}
