/** Paces posts to a platform: `ratePerSecond` on average, bursts up to one second's worth (at least one post). */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  /** Starts full (a second's burst) unless told otherwise. */
  constructor(private ratePerSecond: number, now: number, initialTokens?: number) {
    this.tokens = Math.min(this.capacity, initialTokens ?? this.capacity);
    this.updatedAt = now;
  }

  /** A rate under one post a second (a small share of a platform's limit) still holds one whole post. */
  private get capacity(): number {
    return Math.max(1, this.ratePerSecond);
  }

  /** A new rate from now on (this sender's share changed); tokens above the new capacity are dropped. */
  setRate(ratePerSecond: number): void {
    this.ratePerSecond = ratePerSecond;
    this.tokens = Math.min(this.tokens, this.capacity);
  }

  /**
   * A token taken earlier went out only at `at` (after the pass's database write and the requests
   * ahead of it). Where the bucket is a spacing (one token: a post every 1/rate s, as a workspace at
   * 1 post/s is) nothing refills before then, so the spacing holds at the platform, which counts from
   * when a request arrives: the post after a late one would otherwise arrive early. A bucket of several
   * tokens is left alone: it would lose the refill of every pass's write, and its margin absorbs a few ms.
   */
  wentOutAt(at: number): void {
    if (this.capacity <= 1) this.updatedAt = Math.max(this.updatedAt, at);
  }

  /** Takes a token and returns 0, or returns how many ms until one is available (taking nothing). */
  tryTake(now: number): number {
    // A clock read before wentOutAt moved updatedAt on: no refill, and no going back.
    this.tokens = Math.min(this.capacity, this.tokens + (Math.max(0, now - this.updatedAt) / 1000) * this.ratePerSecond);
    this.updatedAt = Math.max(this.updatedAt, now);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000);
  }
}
