import { MAX_SERVERS, parseServerList } from '../../common/server-list';

/**
 * The engine's server list and which of it is in use: the first address to begin with; the next one, round-robin,
 * each time signing in on the current one fails. Addresses a server hands out in `hello` join the end of the list.
 */
export class ServerRotation {
  private readonly urls: string[];
  private index = 0;

  /** `list`: one address or several (comma-separated or an array); throws ServerListError when it is not a list. */
  constructor(list: string | readonly string[]) {
    this.urls = parseServerList(list);
  }

  /** The address to sign in on now. */
  get current(): string {
    return this.urls[this.index]!;
  }

  /** The whole list, in order. */
  get list(): readonly string[] {
    return this.urls;
  }

  /** Signing in on the current address failed: the next one is tried next (the same one when it is alone). */
  failed(): string {
    this.index = (this.index + 1) % this.urls.length;
    return this.current;
  }

  /**
   * Adds the addresses a server named (invalid ones ignored), after ours, as long as the list has room. A list that
   * starts on wss:// takes no plain ws:// address: a server must not downgrade its clients' room keys to cleartext.
   */
  learn(servers: readonly string[]): void {
    const secure = this.urls[0]!.startsWith('wss:');
    for (const server of servers) {
      if (this.urls.length >= MAX_SERVERS) return;
      let url: string | undefined;
      try {
        [url] = parseServerList([server]);
      } catch {
        continue;
      }
      if (url !== undefined && !this.urls.includes(url) && (!secure || url.startsWith('wss:'))) this.urls.push(url);
    }
  }
}
