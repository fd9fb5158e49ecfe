import type pg from 'pg';

/** Posts this process queues before it first refreshes the outbox's statistics; then each time the outbox may have doubled. */
const ANALYZE_AFTER = 10_000;

/**
 * Keeps the planner's picture of the outbox current while this process fills it. A fan-out (of
 * digests, or of one alert to every subscribed channel) grows the outbox from a few rows to hundreds
 * of thousands within a minute, faster than autovacuum analyses it: meanwhile the planner, sure the
 * table is tiny, scanned every pending post to mark a dozen as sending (1 ms a post at a million, 63 s
 * of PostgreSQL's time in bench:scale-pg). ANALYZE samples a fixed number of rows (~0.2 s), so it runs
 * each time this process's queueing may have doubled the outbox: about seven times for a million posts.
 */
export class OutboxStatistics {
  /** Posts this process has queued, and the count at which it next analyses the outbox (doubling). */
  private queued = 0;
  private analyzeAt = ANALYZE_AFTER;

  constructor(private readonly pool: pg.Pool) {}

  /** `posts` were queued (committed). Best effort: without a refresh, plans only get slower. */
  async grew(posts: number): Promise<void> {
    this.queued += posts;
    if (this.queued < this.analyzeAt) return;
    this.analyzeAt = Math.max(ANALYZE_AFTER, this.queued * 2);
    await this.pool.query('ANALYZE outbox').catch(() => undefined);
  }
}
