/** Options for the budget of notifications kept for dropped peers. */
export interface OutboxBudgetOptions {
  /** Bytes one dropped peer may have waiting. */
  perPeerBytes: number;
  /** Bytes all dropped peers together may have waiting. */
  totalBytes: number;
}

/**
 * The bytes of notifications the server keeps for peers that dropped without a close frame (ghosts
 * waiting out their reconnect grace), so ghosts can't fill the server's memory.
 */
export class OutboxBudget {
  private used = 0;

  constructor(readonly options: OutboxBudgetOptions) {}

  /** Bytes kept for all ghosts right now. */
  get usedBytes(): number {
    return this.used;
  }

  /** Reserves `bytes` for a ghost already holding `held`; false, reserving nothing, when over either bound. */
  reserve(held: number, bytes: number): boolean {
    if (held + bytes > this.options.perPeerBytes || this.used + bytes > this.options.totalBytes) return false;
    this.used += bytes;
    return true;
  }

  /** Gives back bytes a ghost no longer keeps (delivered on resume, or dropped). */
  release(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }
}
