import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';
import os from 'node:os';

/** The desktop app's renderer origin (APP_ORIGIN in main/app-origin.ts; a unit test keeps the two equal). */
export const DESKTOP_APP_ORIGIN = 'moim-app://app';

/** Whether an upgrade may become a signaling connection, and if not, why (for the log, never echoed). */
export type Admission = { ok: true } | { ok: false; reason: 'origin' | 'host' };

/** `scheme://host[:port]` in lower case without a default port, or null when `value` is no origin. */
export function normalizeOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.host === '' || url.username || url.password) return null;
    return `${url.protocol}//${url.host}`.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * The names this server is reached under besides addresses and localhost: this computer's name (and its
 * `.local` mDNS form), the listen host when it is a name, and `extra` (--allowed-hosts, the certificate's names).
 */
export function ownHostNames(listenHost: string, extra: readonly string[], hostname = os.hostname()): string[] {
  const names = [hostname, ...(hostname.includes('.') ? [] : [`${hostname}.local`]), ...extra];
  if (isIP(listenHost.replace(/^\[(.*)\]$/, '$1')) === 0) names.push(listenHost);
  return [...new Set(names.map((name) => name.toLowerCase()))];
}

function matches(pattern: string, hostname: string): boolean {
  if (!pattern.startsWith('*.')) return pattern === hostname;
  const suffix = pattern.slice(1);
  return hostname.endsWith(suffix) && !hostname.slice(0, -suffix.length).includes('.');
}

/**
 * Who may open the signaling WebSocket. Browsers always send `Origin`, so a page may connect only from the
 * web client this server serves (same host and port as the request), the desktop app, or a configured
 * origin; non-browser clients (the appliance, tools) send none and are let in. `Host` must be an IP
 * address, localhost or a configured name: a DNS-rebinding page reaches us under its own domain name.
 */
export class OriginPolicy {
  private readonly hosts: readonly string[];
  private readonly origins: ReadonlySet<string>;

  /** `hosts`: names besides IP addresses and localhost; `origins`: extra origins allowed to connect. */
  constructor(options: { hosts: readonly string[]; origins: readonly string[] }) {
    this.hosts = options.hosts.map((h) => h.toLowerCase());
    this.origins = new Set(options.origins.map((o) => normalizeOrigin(o) ?? o.toLowerCase()));
  }

  /** Decides about one upgrade request from its headers. */
  admit(headers: IncomingHttpHeaders): Admission {
    const host = headers.host;
    if (!host || !this.hostAllowed(host)) return { ok: false, reason: 'host' };
    const origin = headers.origin;
    if (origin === undefined) return { ok: true };
    const normalized = normalizeOrigin(origin);
    if (normalized === null) return { ok: false, reason: 'origin' };
    if (normalized === DESKTOP_APP_ORIGIN || this.origins.has(normalized)) return { ok: true };
    const scheme = normalized.slice(0, normalized.indexOf(':'));
    if ((scheme === 'http' || scheme === 'https') && normalizeOrigin(`${scheme}://${host}`) === normalized) {
      return { ok: true };
    }
    return { ok: false, reason: 'origin' };
  }

  private hostAllowed(host: string): boolean {
    if (!/^[a-z0-9.:[\]-]+$/i.test(host)) return false; // no userinfo, path or spaces to confuse the parser
    let hostname: string;
    try {
      hostname = new URL(`http://${host}`).hostname;
    } catch {
      return false;
    }
    const bare = hostname.replace(/^\[(.*)\]$/, '$1');
    // Rebinding needs a DNS name of the attacker's; an address or localhost in Host is never one.
    if (isIP(bare) !== 0 || bare === 'localhost') return true;
    return this.hosts.some((pattern) => matches(pattern, bare));
  }
}
