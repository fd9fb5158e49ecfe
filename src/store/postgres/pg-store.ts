import pg from 'pg';
import type { Message } from '../../core/message/message.js';
import type { ChannelRef, NewSubscription, Subscription } from '../../core/subscriptions/subscription-service.js';
import { renewReservationBelow, type OutboxItem, type OutboxStatus, type SenderView, type Store } from '../store.js';
import { PG_MIGRATIONS } from './migrations.js';
import { toItem, toSubscription, type OutboxRow, type SubscriptionRow } from './rows.js';
import { PgCatalog } from './pg-catalog.js';
import { PgFilings } from './pg-filings.js';
import { PgTokens } from './pg-tokens.js';
import { PgDigests } from './pg-digests.js';
import { OutboxStatistics } from './outbox-statistics.js';
import { PgOps } from './pg-ops.js';
import type { OutboxEventKind } from '../ops-store.js';
import { PayloadCache } from '../payload-cache.js';
import { inTransaction } from './pg-transaction.js';

/** Serialises replicas' migrations: each one waits for the lock, then finds the work done. */
const MIGRATION_LOCK = 727_001;
/** Serialises senders' reservations (see reserveDue). */
const RESERVE_LOCK = 727_003;

/** Applies missing migrations under an advisory lock, so replicas starting together don't race. */
export async function migratePostgres(pool: pg.Pool): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const applied = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const m of PG_MIGRATIONS) {
      if (applied.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, description, applied_at) VALUES ($1, $2, $3)', [m.version, m.description, new Date().toISOString()]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
    return Math.max(0, ...PG_MIGRATIONS.map((m) => m.version));
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}

/** The shared store for several replicas: the same behaviour as SqliteStore, on PostgreSQL. */
export class PgStore implements Store {
  readonly shared = true;
  readonly catalog: PgCatalog;
  readonly filings: PgFilings;
  readonly tokens: PgTokens;
  readonly digests: PgDigests;
  readonly ops: PgOps;
  private readonly payloads = new PayloadCache();
  private readonly outboxStatistics: OutboxStatistics;
  private constructor(private readonly pool: pg.Pool) {
    this.outboxStatistics = new OutboxStatistics(pool);
    this.catalog = new PgCatalog(pool);
    this.filings = new PgFilings(pool);
    this.tokens = new PgTokens(pool);
    this.digests = new PgDigests(pool, this.outboxStatistics);
    this.ops = new PgOps(pool);
  }

  static async open(url: string): Promise<PgStore> {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    await migratePostgres(pool);
    return new PgStore(pool);
  }

  private tx<T>(work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, work);
  }

  async subscribe(input: NewSubscription, knownMilestoneIds: readonly string[]): Promise<{ subscription: Subscription; created: boolean }> {
    return this.tx(async (c) => {
      const existing = await c.query<{ id: string }>('SELECT id FROM subscriptions WHERE platform = $1 AND workspace_id = $2 AND channel_id = $3 AND rivalry = $4 FOR UPDATE', [input.platform, input.workspaceId, input.channelId, input.rivalry]);
      let id: string;
      if (existing.rows[0] === undefined) {
        const inserted = await c.query<{ id: string }>(
          'INSERT INTO subscriptions (platform, workspace_id, channel_id, rivalry, schedule, alerts_only, with_chart, metrics, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (platform, workspace_id, channel_id, rivalry) DO UPDATE SET schedule = EXCLUDED.schedule RETURNING id',
          [input.platform, input.workspaceId, input.channelId, input.rivalry, JSON.stringify(input.schedule), input.alertsOnly, input.withChart, input.metrics === undefined ? null : JSON.stringify(input.metrics), input.createdBy, input.createdAt],
        );
        id = inserted.rows[0]?.id ?? '';
      } else {
        id = existing.rows[0].id;
        await c.query('UPDATE subscriptions SET schedule = $1, alerts_only = $2, with_chart = $3, metrics = $4, created_by = $5, created_at = $6, last_slot = NULL, next_due_at = NULL, disabled_reason = NULL, disabled_at = NULL WHERE id = $7', [
          JSON.stringify(input.schedule),
          input.alertsOnly,
          input.withChart,
          input.metrics === undefined ? null : JSON.stringify(input.metrics),
          input.createdBy,
          input.createdAt,
          id,
        ]);
      }
      await c.query('INSERT INTO announced_milestones (subscription_id, milestone_id, announced_at, baseline) SELECT $1, m, $2, TRUE FROM unnest($3::text[]) AS m ON CONFLICT DO NOTHING', [id, input.createdAt, [...knownMilestoneIds]]);
      const row = (await c.query<SubscriptionRow>('SELECT * FROM subscriptions WHERE id = $1', [id])).rows[0] as SubscriptionRow;
      return { subscription: toSubscription(row), created: existing.rows[0] === undefined };
    });
  }

  async unsubscribe(channel: ChannelRef, rivalry: string): Promise<boolean> {
    const result = await this.pool.query('DELETE FROM subscriptions WHERE platform = $1 AND workspace_id = $2 AND channel_id = $3 AND rivalry = $4', [channel.platform, channel.workspaceId, channel.channelId, rivalry]);
    return (result.rowCount ?? 0) > 0;
  }

  async listForWorkspace(platform: string, workspaceId: string): Promise<Subscription[]> {
    return (await this.pool.query<SubscriptionRow>('SELECT * FROM subscriptions WHERE platform = $1 AND workspace_id = $2 ORDER BY channel_id, rivalry', [platform, workspaceId])).rows.map(toSubscription);
  }

  async activeSubscriptions(page?: { afterId: number; limit: number }): Promise<Subscription[]> {
    const result =
      page === undefined
        ? await this.pool.query<SubscriptionRow>('SELECT * FROM subscriptions WHERE disabled_reason IS NULL ORDER BY id')
        : await this.pool.query<SubscriptionRow>('SELECT * FROM subscriptions WHERE disabled_reason IS NULL AND id > $1 ORDER BY id LIMIT $2', [page.afterId, page.limit]);
    return result.rows.map(toSubscription);
  }

  async activeSubscriptionCounts(): Promise<Record<string, number>> {
    const rows = (await this.pool.query<{ platform: string; n: string }>('SELECT platform, COUNT(*) AS n FROM subscriptions WHERE disabled_reason IS NULL GROUP BY platform')).rows;
    return Object.fromEntries(rows.map((r) => [r.platform, Number(r.n)]));
  }

  private async enqueue(c: pg.PoolClient, key: string, subscriptionId: number, payload: Message, now: number): Promise<boolean> {
    const result = await c.query(
      `INSERT INTO outbox (idempotency_key, subscription_id, platform, workspace_id, channel_id, payload, status, next_attempt_at, created_at)
       SELECT $1, id, platform, workspace_id, channel_id, $3, 'pending', $4, $4 FROM subscriptions WHERE id = $2
       ON CONFLICT (idempotency_key) DO NOTHING`,
      [key, subscriptionId, JSON.stringify(payload), now],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async queueDigest(subscriptionId: number, slot: string, key: string, payload: Message, now: number): Promise<boolean> {
    return this.queued(
      await this.tx(async (c) => {
        await c.query('UPDATE subscriptions SET last_slot = $1 WHERE id = $2', [slot, subscriptionId]);
        return this.enqueue(c, key, subscriptionId, payload, now);
      }),
    );
  }

  /** After a post is committed to the outbox: counted towards refreshing its statistics (see OutboxStatistics). */
  private async queued(isNew: boolean): Promise<boolean> {
    if (isNew) await this.outboxStatistics.grew(1);
    return isNew;
  }

  async announcedMilestones(subscriptionId: number): Promise<Set<string>> {
    return new Set((await this.pool.query<{ milestone_id: string }>('SELECT milestone_id FROM announced_milestones WHERE subscription_id = $1', [subscriptionId])).rows.map((r) => r.milestone_id));
  }

  private async record(c: pg.PoolClient | pg.Pool, subscriptionId: number, ids: readonly string[], now: number, baseline: boolean): Promise<void> {
    await c.query('INSERT INTO announced_milestones (subscription_id, milestone_id, announced_at, baseline) SELECT $1, m, $2, $3 FROM unnest($4::text[]) AS m ON CONFLICT DO NOTHING', [subscriptionId, new Date(now).toISOString(), baseline, [...ids]]);
  }

  async recordKnownMilestones(subscriptionId: number, milestoneIds: readonly string[], now: number): Promise<void> {
    await this.record(this.pool, subscriptionId, milestoneIds, now, true);
  }

  async queueAlert(subscriptionId: number, milestoneIds: readonly string[], key: string, payload: Message, now: number): Promise<boolean> {
    return this.queued(
      await this.tx(async (c) => {
        await this.record(c, subscriptionId, milestoneIds, now, false);
        return this.enqueue(c, key, subscriptionId, payload, now);
      }),
    );
  }

  async dueItems(now: number, limit: number): Promise<OutboxItem[]> {
    return this.items((await this.pool.query<OutboxRow>("SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $2", [now, limit])).rows);
  }

  async reserveDue(now: number, limit: number, owner: string, reservedUntil: number): Promise<OutboxItem[]> {
    // One sender reserves at a time: two concurrent reads could each see a channel as free and split
    // its posts between them (READ COMMITTED), and then nobody would keep that channel's spacing.
    const renewBelow = renewReservationBelow(now, reservedUntil);
    const result = await this.tx(async (c) => {
      // The plan is pinned to walking outbox_due in order up to the LIMIT. Right after a fan-out is queued
      // the table's statistics still describe it as it was (a few rows): the planner then chose a bitmap
      // scan of every pending post, probed each one's channel and sorted them all on disk (a million
      // posts: 3.5 s a read instead of 25–150 ms) until autovacuum analysed the table a minute later.
      await c.query(
        "SELECT pg_advisory_xact_lock($1), set_config('enable_bitmapscan', 'off', true), set_config('enable_seqscan', 'off', true), set_config('enable_sort', 'off', true), set_config('jit', 'off', true)",
        [RESERVE_LOCK],
      );
      return c.query<OutboxRow>(
        `WITH picked AS (
           SELECT * FROM outbox o
           WHERE status = 'pending' AND next_attempt_at <= $1 AND (reserved_until IS NULL OR reserved_until < $1 OR reserved_by = $3)
             -- A channel stays with the sender that holds any of its posts (sent ones too, until their
             -- reservation lapses), so its pacing and Retry-After are honoured by one process.
             -- OFFSET 0 keeps this a probe of outbox_channel_holder per candidate, stopping at the LIMIT:
             -- as an anti-join the planner scanned the whole outbox for held rows (1,000,000 posts: 0.6–1.4 s a read).
             AND NOT EXISTS (
               SELECT 1 FROM outbox h
               WHERE h.platform = o.platform AND h.workspace_id = o.workspace_id AND h.channel_id = o.channel_id
                 AND h.reserved_by <> $3 AND h.reserved_until >= $1
               OFFSET 0)
           ORDER BY next_attempt_at, id LIMIT $2
           FOR UPDATE SKIP LOCKED),
         renewed AS (
           UPDATE outbox u SET reserved_by = $3, reserved_until = $4 FROM picked p
           WHERE u.id = p.id AND (p.reserved_by IS DISTINCT FROM $3 OR p.reserved_until < $5))
         SELECT * FROM picked`,
        [now, limit, owner, reservedUntil, renewBelow],
      );
    });
    return (await this.items(result.rows)).sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.id - b.id);
  }

  /** Compare-and-set: of several replicas that saw an item due, exactly one gets to send it. */
  async markSending(ids: readonly number[], now: number, owner: string, holdUntil: number): Promise<number[]> {
    if (ids.length === 0) return [];
    const result = await this.pool.query<{ id: string | number }>(
      "UPDATE outbox SET status = 'sending', attempts = attempts + 1, sending_since = $2, reserved_by = $3, reserved_until = GREATEST(COALESCE(reserved_until, 0), $4) WHERE id = ANY($1::bigint[]) AND status = 'pending' AND (reserved_by IS NULL OR reserved_by = $3 OR reserved_until < $2) RETURNING id",
      [[...ids], now, owner, holdUntil],
    );
    return result.rows.map((r) => Number(r.id));
  }

  async recoverStale(olderThan: number, now: number): Promise<number> {
    // One statement: the rows it takes over are exactly the ones whose history says so.
    const result = await this.pool.query(
      `WITH taken AS (UPDATE outbox SET status = 'pending', uncertain = TRUE WHERE status = 'sending' AND sending_since < $1 RETURNING id, attempts)
       INSERT INTO outbox_events (outbox_id, at, kind, attempt, detail) SELECT id, $2, 'recovered', attempts, 'its sender stopped answering mid-post: re-sent after a check' FROM taken`,
      [olderThan, now],
    );
    return result.rowCount ?? 0;
  }

  async recoverInFlight(now: number): Promise<number> {
    return this.tx(async (c) => {
      await c.query('UPDATE outbox SET reserved_by = NULL, reserved_until = NULL WHERE reserved_by IS NOT NULL');
      const result = await c.query(
        `WITH taken AS (UPDATE outbox SET status = 'pending', uncertain = TRUE WHERE status = 'sending' RETURNING id, attempts)
         INSERT INTO outbox_events (outbox_id, at, kind, attempt, detail) SELECT id, $1, 'recovered', attempts, 'in flight when the process stopped: re-sent after a check' FROM taken`,
        [now],
      );
      return result.rowCount ?? 0;
    });
  }

  async markSent(ids: readonly number[], now: number): Promise<void> {
    await this.pool.query("UPDATE outbox SET status = 'sent', sent_at = $1, last_error = NULL WHERE id = ANY($2::bigint[])", [now, [...ids]]);
  }

  async markRetry(id: number, nextAttemptAt: number, error: string, { refundAttempt, now }: { refundAttempt: boolean; now: number }): Promise<void> {
    await this.transition("status = 'pending', next_attempt_at = $5, attempts = attempts - $6", [id, now, refundAttempt ? 'rate-limited' : 'retry', error, nextAttemptAt, refundAttempt ? 1 : 0]);
  }

  async markDead(id: number, error: string, now: number): Promise<void> {
    await this.transition("status = 'dead'", [id, now, 'dead', error]);
  }

  /** Changes item $1 (`set`, with last_error = $4) and records event $3 at $2 in its history, in one statement. */
  private async transition(set: string, params: [number, number, OutboxEventKind, string, ...unknown[]]): Promise<void> {
    await this.pool.query(
      `WITH changed AS (UPDATE outbox SET ${set}, last_error = $4 WHERE id = $1 RETURNING id, attempts)
       INSERT INTO outbox_events (outbox_id, at, kind, attempt, detail) SELECT id, $2, $3, attempts, $4 FROM changed`,
      params,
    );
  }

  async markRejected(id: number, reason: string, now: number): Promise<void> {
    await this.tx(async (c) => {
      const row = (await c.query<{ subscription_id: string | null }>("UPDATE outbox SET status = 'rejected', last_error = $1 WHERE id = $2 RETURNING subscription_id", [reason, id])).rows[0];
      await c.query("INSERT INTO outbox_events (outbox_id, at, kind, attempt, detail) SELECT id, $2, 'rejected', attempts, $3 FROM outbox WHERE id = $1", [id, now, reason]);
      if (row?.subscription_id == null) return;
      await c.query('UPDATE subscriptions SET disabled_reason = $1, disabled_at = $2 WHERE id = $3', [reason, new Date(now).toISOString(), row.subscription_id]);
      await c.query("UPDATE outbox SET status = 'rejected', last_error = $1 WHERE subscription_id = $2 AND status = 'pending'", [reason, row.subscription_id]);
    });
  }

  async outboxCounts(): Promise<Record<OutboxStatus, number>> {
    const counts: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, dead: 0, rejected: 0 };
    for (const r of (await this.pool.query<{ status: OutboxStatus; n: string }>('SELECT status, COUNT(*) AS n FROM outbox GROUP BY status')).rows) counts[r.status] = Number(r.n);
    return counts;
  }

  async outboxItems(status?: OutboxStatus): Promise<OutboxItem[]> {
    const result = status === undefined ? await this.pool.query<OutboxRow>('SELECT * FROM outbox ORDER BY id') : await this.pool.query<OutboxRow>('SELECT * FROM outbox WHERE status = $1 ORDER BY id', [status]);
    return this.items(result.rows);
  }

  async outboxItem(id: number): Promise<OutboxItem | undefined> {
    return (await this.items((await this.pool.query<OutboxRow>('SELECT * FROM outbox WHERE id = $1', [id])).rows))[0];
  }

  /** Rows as items, shared bodies read once and kept parsed. */
  private async items(rows: OutboxRow[]): Promise<OutboxItem[]> {
    const missing = this.payloads.missing(rows.map((r) => r.payload_hash));
    if (missing.length > 0) {
      for (const r of (await this.pool.query<{ hash: string; payload: Message }>('SELECT hash, payload FROM outbox_payloads WHERE hash = ANY($1)', [missing])).rows) this.payloads.set(r.hash, r.payload);
    }
    return rows.map((r) => toItem(r, r.payload_hash === null ? undefined : this.payloads.get(r.payload_hash)));
  }

  async saveInstallation(platform: string, workspaceId: string, data: unknown, now: number): Promise<void> {
    await this.pool.query(
      'INSERT INTO installations (platform, workspace_id, data, installed_at) VALUES ($1, $2, $3, $4) ON CONFLICT (platform, workspace_id) DO UPDATE SET data = EXCLUDED.data, installed_at = EXCLUDED.installed_at',
      [platform, workspaceId, JSON.stringify(data), new Date(now).toISOString()],
    );
  }

  async fetchInstallation(platform: string, workspaceId: string): Promise<unknown> {
    return (await this.pool.query<{ data: unknown }>('SELECT data FROM installations WHERE platform = $1 AND workspace_id = $2', [platform, workspaceId])).rows[0]?.data;
  }

  async deleteInstallation(platform: string, workspaceId: string): Promise<void> {
    await this.pool.query('DELETE FROM installations WHERE platform = $1 AND workspace_id = $2', [platform, workspaceId]);
  }

  async disableWorkspace(platform: string, workspaceId: string, reason: string, now: number): Promise<number> {
    return this.tx(async (c) => {
      const changed = (await c.query('UPDATE subscriptions SET disabled_reason = $1, disabled_at = $2 WHERE platform = $3 AND workspace_id = $4 AND disabled_reason IS NULL', [reason, new Date(now).toISOString(), platform, workspaceId])).rowCount ?? 0;
      await c.query("UPDATE outbox SET status = 'rejected', last_error = $1 WHERE platform = $2 AND workspace_id = $3 AND status = 'pending'", [reason, platform, workspaceId]);
      return changed;
    });
  }

  async pruneSent(sentBefore: number): Promise<number> {
    return this.tx(async (c) => {
      const pruned = (await c.query("DELETE FROM outbox WHERE status = 'sent' AND sent_at < $1", [sentBefore])).rowCount ?? 0;
      // Shared digest bodies go with the last post that referenced them.
      await c.query('DELETE FROM outbox_payloads p WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.payload_hash = p.hash)');
      return pruned;
    });
  }

  async senderHeartbeat(owner: string, now: number, liveSince: number): Promise<SenderView> {
    return this.tx(async (c) => {
      await c.query('INSERT INTO delivery_senders (owner, seen_at) VALUES ($1, $2) ON CONFLICT (owner) DO UPDATE SET seen_at = EXCLUDED.seen_at', [owner, now]);
      await c.query('DELETE FROM delivery_senders WHERE seen_at < $1', [liveSince]);
      const senders = Number((await c.query<{ n: string }>('SELECT COUNT(*) AS n FROM delivery_senders')).rows[0]?.n ?? 1);
      const pauses = (await c.query<{ platform: string; paused_until: string }>('SELECT platform, paused_until FROM delivery_pauses WHERE paused_until > $1', [now])).rows;
      return { senders, pausedUntil: Object.fromEntries(pauses.map((p) => [p.platform, Number(p.paused_until)])) };
    });
  }

  async removeSender(owner: string, releaseAt: number): Promise<void> {
    await this.tx(async (c) => {
      await c.query('DELETE FROM delivery_senders WHERE owner = $1', [owner]);
      await c.query('UPDATE outbox SET reserved_until = $2 WHERE reserved_by = $1 AND reserved_until > $2', [owner, releaseAt]);
    });
  }

  async pausePlatform(platform: string, until: number): Promise<void> {
    await this.pool.query('INSERT INTO delivery_pauses (platform, paused_until) VALUES ($1, $2) ON CONFLICT (platform) DO UPDATE SET paused_until = GREATEST(delivery_pauses.paused_until, EXCLUDED.paused_until)', [platform, until]);
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.catalog.close();
    await this.pool.end();
  }
}
