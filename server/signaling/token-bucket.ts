/** Options for a token bucket. */
export interface TokenBucketOptions {
  /** Tokens the bucket holds when full: the burst allowed after a quiet spell. */
  capacity: number;
  /** Tokens added back per second: the sustained rate. */
  perSecond: number;
  /** Monotonic milliseconds (the server's clock, a fake in tests). */
  now: () => number;
}

/** A token bucket rate limiter: each event takes tokens; tokens refill continuously up to the capacity. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(private readonly options: TokenBucketOptions) {
    this.tokens = options.capacity;
    this.last = options.now();
  }

  /** Takes `cost` tokens (one by default); false, taking none, when too few are left (over the limit). */
  take(cost = 1): boolean {
    this.refill();
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }

  /** True when the bucket has refilled completely: forgetting it would change nothing. */
  get full(): boolean {
    this.refill();
    return this.tokens >= this.options.capacity;
  }

  private refill(): void {
    const now = this.options.now();
    const refill = ((now - this.last) / 1000) * this.options.perSecond;
    this.tokens = Math.min(this.options.capacity, this.tokens + refill);
    this.last = now;
  }
}
