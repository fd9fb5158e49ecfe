import type Database from 'better-sqlite3';
import { statementCache } from './statements.js';
import type { Message } from '../../core/message/message.js';
import type { Subscription } from '../../core/subscriptions/subscription-service.js';
import type { DigestQueue, QueuedDigest, Shard } from '../digest-queue.js';
import { toSubscription, type SubscriptionRow } from './rows.js';

/** The digest queue on SQLite: the partial index on next_due_at, one transaction per batch. */
export class SqliteDigests implements DigestQueue {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.sql = statementCache(db);
  }

  async dueSubscriptions(now: number, limit: number, shard?: Shard): Promise<Subscription[]> {
    // Two index range reads rather than an OR, which SQLite would answer with a scan.
    const where = `disabled_reason IS NULL AND alerts_only = 0${shard === undefined ? '' : ` AND id % ${Math.trunc(shard.count)} = ${Math.trunc(shard.index)}`}`;
    const fresh = this.sql(`SELECT * FROM subscriptions WHERE ${where} AND next_due_at IS NULL LIMIT ?`).all(limit) as SubscriptionRow[];
    const due = fresh.length >= limit ? [] : (this.sql(`SELECT * FROM subscriptions WHERE ${where} AND next_due_at <= ? LIMIT ?`).all(now, limit - fresh.length) as SubscriptionRow[]);
    return [...fresh, ...due].map(toSubscription);
  }

  async setNextDue(entries: ReadonlyArray<{ subscriptionId: number; at: number }>): Promise<void> {
    const update = this.sql('UPDATE subscriptions SET next_due_at = ? WHERE id = ?');
    this.db.transaction(() => {
      for (const e of entries) update.run(e.at, e.subscriptionId);
    })();
  }

  async queueDigests(items: readonly QueuedDigest[], payloads: ReadonlyMap<string, Message>, now: number): Promise<number> {
    const body = this.sql('INSERT INTO outbox_payloads (hash, payload, created_at) VALUES (?, ?, ?) ON CONFLICT (hash) DO NOTHING');
    const slot = this.sql('UPDATE subscriptions SET last_slot = ?, next_due_at = ? WHERE id = ?');
    const post = this.sql(
      `INSERT INTO outbox (idempotency_key, subscription_id, platform, workspace_id, channel_id, payload, payload_hash, status, next_attempt_at, created_at)
       SELECT ?, id, platform, workspace_id, channel_id, '', ?, 'pending', ?, ? FROM subscriptions WHERE id = ?
       ON CONFLICT (idempotency_key) DO NOTHING`,
    );
    return this.db.transaction(() => {
      for (const [hash, message] of payloads) body.run(hash, JSON.stringify(message), now);
      let queued = 0;
      for (const d of items) {
        slot.run(d.slot, d.nextDueAt, d.subscriptionId);
        queued += post.run(d.key, d.payloadHash, d.sendFrom, now, d.subscriptionId).changes;
      }
      return queued;
    }).immediate();
  }
}
