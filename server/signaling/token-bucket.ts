/** Options for a token bucket. */
export interface TokenBucketOptions {
  /** Tokens the bucket holds when full: the burst allowed after a quiet spell. */
  capacity: number;
  /** Tokens added back per second: the sustained rate. */
  perSecond: number;
  /** Monotonic milliseconds (the server's clock, a fake in tests). */
  now: () => number;
}

/** A token bucket rate limiter: each event takes a token; tokens refill continuously up to the capacity. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(private readonly options: TokenBucketOptions) {
    this.tokens = options.capacity;
    this.last = options.now();
  }

  /** Takes one token; false when the bucket is empty (the event is over the limit). */
  take(): boolean {
    const now = this.options.now();
    const refill = ((now - this.last) / 1000) * this.options.perSecond;
    this.tokens = Math.min(this.options.capacity, this.tokens + refill);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
