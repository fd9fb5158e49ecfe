/** Paces posts to a platform: `ratePerSecond` on average, bursts up to one second's worth. */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(private readonly ratePerSecond: number, now: number) {
    this.tokens = ratePerSecond;
    this.updatedAt = now;
  }

  /** Takes a token and returns 0, or returns how many ms until one is available (taking nothing). */
  tryTake(now: number): number {
    this.tokens = Math.min(this.ratePerSecond, this.tokens + ((now - this.updatedAt) / 1000) * this.ratePerSecond);
    this.updatedAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000);
  }
}
