import type { Clock } from '../clock';
import { TokenBucket } from './token-bucket';

/** Options for the per-IP accounts. */
export interface IpAccountsOptions {
  clock: Clock;
  /** Connections one address may hold open at once. */
  maxConnections: number;
  /** Requests per second and burst shared by all of an address's connections. */
  ratePerSecond: number;
  rateBurst: number;
}

/** What one IP address holds: open connections and the request bucket they share. */
export interface IpAccount {
  readonly ip: string;
  connections: number;
  readonly bucket: TokenBucket;
}

/**
 * Server-wide limits per IP address, so one client can't use them up for everyone by opening many
 * connections or by reconnecting: the request bucket outlives the connections until it has refilled.
 */
export class IpAccounts {
  private readonly accounts = new Map<string, IpAccount>();

  constructor(private readonly options: IpAccountsOptions) {}

  /** Counts a new connection from `ip`; null when the address already holds the most allowed. */
  open(ip: string): IpAccount | null {
    let account = this.accounts.get(ip);
    if (!account) {
      const now = () => this.options.clock.now();
      const bucket = new TokenBucket({ capacity: this.options.rateBurst, perSecond: this.options.ratePerSecond, now });
      account = { ip, connections: 0, bucket };
      this.accounts.set(ip, account);
    }
    if (account.connections >= this.options.maxConnections) return null;
    account.connections++;
    return account;
  }

  /** A connection from the account's address closed; the account goes once its bucket is full again. */
  close(account: IpAccount): void {
    account.connections = Math.max(0, account.connections - 1);
    if (account.connections === 0) this.forgetWhenIdle(account);
  }

  /** Addresses with an account (for tests and health). */
  get size(): number {
    return this.accounts.size;
  }

  private forgetWhenIdle(account: IpAccount): void {
    const { clock, rateBurst, ratePerSecond } = this.options;
    const refillMs = Math.ceil((rateBurst / ratePerSecond) * 1000) + 10;
    clock.setTimeout(() => {
      if (account.connections > 0 || this.accounts.get(account.ip) !== account) return;
      if (account.bucket.full) this.accounts.delete(account.ip);
      else this.forgetWhenIdle(account);
    }, refillMs);
  }
}
