import type pg from 'pg';
import type { Message } from '../../core/message/message.js';
import type { Subscription } from '../../core/subscriptions/subscription-service.js';
import type { DigestQueue, QueuedDigest, Shard } from '../digest-queue.js';
import type { OutboxStatistics } from './outbox-statistics.js';
import { inTransaction } from './pg-transaction.js';
import { toSubscription, type SubscriptionRow } from './rows.js';

/** The digest queue on PostgreSQL: the partial index on next_due_at, set-based statements per batch. */
export class PgDigests implements DigestQueue {
  constructor(
    private readonly pool: pg.Pool,
    private readonly outbox: OutboxStatistics,
  ) {}

  async dueSubscriptions(now: number, limit: number, shard: Shard = { index: 0, count: 1 }): Promise<Subscription[]> {
    const rows = await this.pool.query<SubscriptionRow>(
      `(SELECT * FROM subscriptions WHERE disabled_reason IS NULL AND alerts_only = FALSE AND next_due_at IS NULL AND id % $3 = $4 LIMIT $2)
       UNION ALL
       (SELECT * FROM subscriptions WHERE disabled_reason IS NULL AND alerts_only = FALSE AND next_due_at <= $1 AND id % $3 = $4 LIMIT $2)
       LIMIT $2`,
      [now, limit, shard.count, shard.index],
    );
    return rows.rows.map(toSubscription);
  }

  async setNextDue(entries: ReadonlyArray<{ subscriptionId: number; at: number }>): Promise<void> {
    if (entries.length === 0) return;
    await this.pool.query('UPDATE subscriptions s SET next_due_at = e.at FROM unnest($1::bigint[], $2::bigint[]) AS e (id, at) WHERE s.id = e.id', [entries.map((e) => e.subscriptionId), entries.map((e) => e.at)]);
  }

  async queueDigests(items: readonly QueuedDigest[], payloads: ReadonlyMap<string, Message>, now: number): Promise<number> {
    if (items.length === 0) return 0;
    const queued = await this.insert(items, payloads, now);
    await this.outbox.grew(queued);
    return queued;
  }

  private insert(items: readonly QueuedDigest[], payloads: ReadonlyMap<string, Message>, now: number): Promise<number> {
    return inTransaction(this.pool, async (c) => {
      await c.query('INSERT INTO outbox_payloads (hash, payload, created_at) SELECT h, p::jsonb, $3 FROM unnest($1::text[], $2::text[]) AS b (h, p) ON CONFLICT (hash) DO NOTHING', [
        [...payloads.keys()],
        [...payloads.values()].map((m) => JSON.stringify(m)),
        now,
      ]);
      const ids = items.map((d) => d.subscriptionId);
      await c.query('UPDATE subscriptions s SET last_slot = e.slot, next_due_at = e.next FROM unnest($1::bigint[], $2::text[], $3::bigint[]) AS e (id, slot, next) WHERE s.id = e.id', [ids, items.map((d) => d.slot), items.map((d) => d.nextDueAt)]);
      const inserted = await c.query(
        `INSERT INTO outbox (idempotency_key, subscription_id, platform, workspace_id, channel_id, payload_hash, status, next_attempt_at, created_at)
         SELECT e.key, s.id, s.platform, s.workspace_id, s.channel_id, e.hash, 'pending', e.send_from, $4
         FROM unnest($1::text[], $2::bigint[], $3::text[], $5::bigint[]) AS e (key, id, hash, send_from) JOIN subscriptions s ON s.id = e.id
         ON CONFLICT (idempotency_key) DO NOTHING`,
        [items.map((d) => d.key), ids, items.map((d) => d.payloadHash), now, items.map((d) => d.sendFrom)],
      );
      return inserted.rowCount ?? 0;
    });
  }
}
