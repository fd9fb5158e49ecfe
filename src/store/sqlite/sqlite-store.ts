import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Message } from '../../core/message/message.js';
import type { ChannelRef, NewSubscription, Subscription } from '../../core/subscriptions/subscription-service.js';
import { renewReservationBelow, type OutboxItem, type OutboxStatus, type SenderView, type Store } from '../store.js';
import type { OutboxEventKind } from '../ops-store.js';
import { MIGRATIONS } from './migrations.js';
import { metricsColumn, toItem, toSubscription, type OutboxRow, type SubscriptionRow } from './rows.js';
import { SqliteCatalog } from './sqlite-catalog.js';
import { SqliteFilings } from './sqlite-filings.js';
import { SqliteTokens } from './sqlite-tokens.js';
import { SqliteDigests } from './sqlite-digests.js';
import { SqliteOps } from './sqlite-ops.js';
import { statementCache } from './statements.js';
import { PayloadCache } from '../payload-cache.js';

/** Applies the migrations this database has not seen yet; returns the schema version. */
export function migrate(db: Database.Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((r) => r.version));
  for (const m of MIGRATIONS) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)').run(m.version, m.description, new Date().toISOString());
    })();
  }
  return Math.max(0, ...MIGRATIONS.map((m) => m.version));
}

/** The embedded default: one SQLite file (WAL), created on first use. */
export class SqliteStore implements Store {
  readonly shared = false;
  readonly catalog: SqliteCatalog;
  readonly filings: SqliteFilings;
  readonly tokens: SqliteTokens;
  readonly digests: SqliteDigests;
  readonly ops: SqliteOps;
  private readonly payloads = new PayloadCache();
  private readonly db: Database.Database;
  private readonly sql: (sql: string) => Database.Statement;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
    this.sql = statementCache(this.db);
    this.catalog = new SqliteCatalog(this.db);
    this.filings = new SqliteFilings(this.db);
    this.tokens = new SqliteTokens(this.db);
    this.digests = new SqliteDigests(this.db);
    this.ops = new SqliteOps(this.db);
  }

  async subscribe(input: NewSubscription, knownMilestoneIds: readonly string[]): Promise<{ subscription: Subscription; created: boolean }> {
    return this.db.transaction(() => {
      const existing = this.sql('SELECT id FROM subscriptions WHERE platform = ? AND workspace_id = ? AND channel_id = ? AND rivalry = ?')
        .get(input.platform, input.workspaceId, input.channelId, input.rivalry) as { id: number } | undefined;
      let id: number;
      if (existing === undefined) {
        id = Number(
          this.sql('INSERT INTO subscriptions (platform, workspace_id, channel_id, rivalry, schedule, alerts_only, with_chart, metrics, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
            .run(input.platform, input.workspaceId, input.channelId, input.rivalry, JSON.stringify(input.schedule), input.alertsOnly ? 1 : 0, input.withChart ? 1 : 0, metricsColumn(input.metrics), input.createdBy, input.createdAt).lastInsertRowid,
        );
      } else {
        id = existing.id;
        // A new schedule starts counting from now: no catch-up for slots of the old one.
        this.sql('UPDATE subscriptions SET schedule = ?, alerts_only = ?, with_chart = ?, metrics = ?, created_by = ?, created_at = ?, last_slot = NULL, next_due_at = NULL, disabled_reason = NULL, disabled_at = NULL WHERE id = ?')
          .run(JSON.stringify(input.schedule), input.alertsOnly ? 1 : 0, input.withChart ? 1 : 0, metricsColumn(input.metrics), input.createdBy, input.createdAt, id);
      }
      const known = this.sql('INSERT OR IGNORE INTO announced_milestones (subscription_id, milestone_id, announced_at, baseline) VALUES (?, ?, ?, 1)');
      for (const m of knownMilestoneIds) known.run(id, m, input.createdAt);
      const row = this.sql('SELECT * FROM subscriptions WHERE id = ?').get(id) as SubscriptionRow;
      return { subscription: toSubscription(row), created: existing === undefined };
    })();
  }

  async unsubscribe(channel: ChannelRef, rivalry: string): Promise<boolean> {
    const result = this.sql('DELETE FROM subscriptions WHERE platform = ? AND workspace_id = ? AND channel_id = ? AND rivalry = ?')
      .run(channel.platform, channel.workspaceId, channel.channelId, rivalry);
    return result.changes > 0;
  }

  async listForWorkspace(platform: string, workspaceId: string): Promise<Subscription[]> {
    const rows = this.sql('SELECT * FROM subscriptions WHERE platform = ? AND workspace_id = ? ORDER BY channel_id, rivalry').all(platform, workspaceId) as SubscriptionRow[];
    return rows.map(toSubscription);
  }

  async activeSubscriptions(page?: { afterId: number; limit: number }): Promise<Subscription[]> {
    const rows = page === undefined ? this.sql('SELECT * FROM subscriptions WHERE disabled_reason IS NULL ORDER BY id').all() : this.sql('SELECT * FROM subscriptions WHERE disabled_reason IS NULL AND id > ? ORDER BY id LIMIT ?').all(page.afterId, page.limit);
    return (rows as SubscriptionRow[]).map(toSubscription);
  }

  async activeSubscriptionCounts(): Promise<Record<string, number>> {
    const rows = this.sql('SELECT platform, COUNT(*) AS n FROM subscriptions WHERE disabled_reason IS NULL GROUP BY platform').all() as Array<{ platform: string; n: number }>;
    return Object.fromEntries(rows.map((r) => [r.platform, r.n]));
  }

  private enqueue(key: string, subscriptionId: number, payload: Message, now: number): boolean {
    const sub = this.sql('SELECT platform, workspace_id, channel_id FROM subscriptions WHERE id = ?').get(subscriptionId) as { platform: string; workspace_id: string; channel_id: string } | undefined;
    if (sub === undefined) return false;
    const result = this.sql(
        `INSERT INTO outbox (idempotency_key, subscription_id, platform, workspace_id, channel_id, payload, status, next_attempt_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`,
      )
      .run(key, subscriptionId, sub.platform, sub.workspace_id, sub.channel_id, JSON.stringify(payload), now, now);
    return result.changes > 0;
  }

  async queueDigest(subscriptionId: number, slot: string, key: string, payload: Message, now: number): Promise<boolean> {
    return this.db.transaction(() => {
      this.sql('UPDATE subscriptions SET last_slot = ? WHERE id = ?').run(slot, subscriptionId);
      return this.enqueue(key, subscriptionId, payload, now);
    })();
  }

  async announcedMilestones(subscriptionId: number): Promise<Set<string>> {
    const rows = this.sql('SELECT milestone_id FROM announced_milestones WHERE subscription_id = ?').all(subscriptionId) as Array<{ milestone_id: string }>;
    return new Set(rows.map((r) => r.milestone_id));
  }

  async recordKnownMilestones(subscriptionId: number, milestoneIds: readonly string[], now: number): Promise<void> {
    this.db.transaction(() => {
      const record = this.sql('INSERT OR IGNORE INTO announced_milestones (subscription_id, milestone_id, announced_at, baseline) VALUES (?, ?, ?, 1)');
      for (const m of milestoneIds) record.run(subscriptionId, m, new Date(now).toISOString());
    })();
  }

  async queueAlert(subscriptionId: number, milestoneIds: readonly string[], key: string, payload: Message, now: number): Promise<boolean> {
    return this.db.transaction(() => {
      const record = this.sql('INSERT OR IGNORE INTO announced_milestones (subscription_id, milestone_id, announced_at, baseline) VALUES (?, ?, ?, 0)');
      for (const m of milestoneIds) record.run(subscriptionId, m, new Date(now).toISOString());
      return this.enqueue(key, subscriptionId, payload, now);
    })();
  }

  async dueItems(now: number, limit: number): Promise<OutboxItem[]> {
    const rows = this.sql("SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?").all(now, limit) as OutboxRow[];
    return this.items(rows);
  }

  async reserveDue(now: number, limit: number, owner: string, reservedUntil: number): Promise<OutboxItem[]> {
    return this.db.transaction(() => {
      const rows = this.sql(
          `SELECT * FROM outbox o WHERE status = 'pending' AND next_attempt_at <= ? AND (reserved_until IS NULL OR reserved_until < ? OR reserved_by = ?)
             AND NOT EXISTS (SELECT 1 FROM outbox h WHERE h.platform = o.platform AND h.workspace_id = o.workspace_id AND h.channel_id = o.channel_id
                             AND h.reserved_by <> ? AND h.reserved_until >= ?)
           ORDER BY next_attempt_at, id LIMIT ?`,
        )
        .all(now, now, owner, owner, now, limit) as Array<OutboxRow & { reserved_by: string | null; reserved_until: number | null }>;
      const renewBelow = renewReservationBelow(now, reservedUntil);
      const reserve = this.sql('UPDATE outbox SET reserved_by = ?, reserved_until = ? WHERE id = ?');
      for (const r of rows) if (r.reserved_by !== owner || (r.reserved_until ?? 0) < renewBelow) reserve.run(owner, reservedUntil, r.id);
      return this.items(rows);
    })();
  }

  async markSending(ids: readonly number[], now: number, owner: string, holdUntil: number): Promise<number[]> {
    const mark = this.sql(
      "UPDATE outbox SET status = 'sending', attempts = attempts + 1, sending_since = ?, reserved_by = ?, reserved_until = MAX(COALESCE(reserved_until, 0), ?) WHERE id = ? AND status = 'pending' AND (reserved_by IS NULL OR reserved_by = ? OR reserved_until < ?)",
    );
    return this.db.transaction(() => ids.filter((id) => mark.run(now, owner, holdUntil, id, owner, now).changes === 1))();
  }

  async recoverStale(olderThan: number, now: number): Promise<number> {
    return this.db.transaction(() => {
      this.sql("INSERT INTO outbox_events (outbox_id, at, kind, attempt, detail) SELECT id, ?, 'recovered', attempts, 'its sender stopped answering mid-post: re-sent after a check' FROM outbox WHERE status = 'sending' AND sending_since < ?").run(now, olderThan);
      return this.sql("UPDATE outbox SET status = 'pending', uncertain = 1 WHERE status = 'sending' AND sending_since < ?").run(olderThan).changes;
    })();
  }

  async recoverInFlight(now: number): Promise<number> {
    return this.db.transaction(() => {
      // Alone on this file: reservations and sender records belong to the process that died.
      this.sql('UPDATE outbox SET reserved_by = NULL, reserved_until = NULL WHERE reserved_by IS NOT NULL').run();
      this.sql('DELETE FROM delivery_senders').run();
      this.sql("INSERT INTO outbox_events (outbox_id, at, kind, attempt, detail) SELECT id, ?, 'recovered', attempts, 'in flight when the process stopped: re-sent after a check' FROM outbox WHERE status = 'sending'").run(now);
      return this.sql("UPDATE outbox SET status = 'pending', uncertain = 1 WHERE status = 'sending'").run().changes;
    })();
  }

  async markSent(ids: readonly number[], now: number): Promise<void> {
    const mark = this.sql("UPDATE outbox SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ?");
    this.db.transaction(() => {
      for (const id of ids) mark.run(now, id);
    })();
  }

  async markRetry(id: number, nextAttemptAt: number, error: string, { refundAttempt, now }: { refundAttempt: boolean; now: number }): Promise<void> {
    this.db.transaction(() => {
      this.sql("UPDATE outbox SET status = 'pending', next_attempt_at = ?, last_error = ?, attempts = attempts - ? WHERE id = ?").run(nextAttemptAt, error, refundAttempt ? 1 : 0, id);
      this.event(id, now, refundAttempt ? 'rate-limited' : 'retry', error);
    })();
  }

  async markDead(id: number, error: string, now: number): Promise<void> {
    this.db.transaction(() => {
      this.sql("UPDATE outbox SET status = 'dead', last_error = ? WHERE id = ?").run(error, id);
      this.event(id, now, 'dead', error);
    })();
  }

  private event(id: number, now: number, kind: OutboxEventKind, detail: string): void {
    this.sql('INSERT INTO outbox_events (outbox_id, at, kind, attempt, detail) SELECT id, ?, ?, attempts, ? FROM outbox WHERE id = ?').run(now, kind, detail, id);
  }

  async markRejected(id: number, reason: string, now: number): Promise<void> {
    this.db.transaction(() => {
      const row = this.sql('SELECT subscription_id FROM outbox WHERE id = ?').get(id) as { subscription_id: number | null } | undefined;
      this.sql("UPDATE outbox SET status = 'rejected', last_error = ? WHERE id = ?").run(reason, id);
      this.event(id, now, 'rejected', reason);
      if (row?.subscription_id != null) {
        this.sql('UPDATE subscriptions SET disabled_reason = ?, disabled_at = ? WHERE id = ?').run(reason, new Date(now).toISOString(), row.subscription_id);
        // Nothing else queued for that subscription can be delivered either.
        this.sql("UPDATE outbox SET status = 'rejected', last_error = ? WHERE subscription_id = ? AND status = 'pending'").run(reason, row.subscription_id);
      }
    })();
  }

  async outboxCounts(): Promise<Record<OutboxStatus, number>> {
    const counts: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, dead: 0, rejected: 0 };
    for (const r of this.sql('SELECT status, COUNT(*) AS n FROM outbox GROUP BY status').all() as Array<{ status: OutboxStatus; n: number }>) counts[r.status] = r.n;
    return counts;
  }

  async outboxItems(status?: OutboxStatus): Promise<OutboxItem[]> {
    const rows = (status === undefined ? this.sql('SELECT * FROM outbox ORDER BY id').all() : this.sql('SELECT * FROM outbox WHERE status = ? ORDER BY id').all(status)) as OutboxRow[];
    return this.items(rows);
  }

  async outboxItem(id: number): Promise<OutboxItem | undefined> {
    const row = this.sql('SELECT * FROM outbox WHERE id = ?').get(id) as OutboxRow | undefined;
    return row === undefined ? undefined : this.items([row])[0];
  }

  /** Rows as items, shared bodies read once and kept parsed. */
  private items(rows: OutboxRow[]): OutboxItem[] {
    const read = this.sql('SELECT payload FROM outbox_payloads WHERE hash = ?');
    for (const hash of this.payloads.missing(rows.map((r) => r.payload_hash))) {
      const row = read.get(hash) as { payload: string } | undefined;
      if (row !== undefined) this.payloads.set(hash, JSON.parse(row.payload) as Message);
    }
    return rows.map((r) => toItem(r, r.payload_hash === null ? undefined : this.payloads.get(r.payload_hash)));
  }

  async saveInstallation(platform: string, workspaceId: string, data: unknown, now: number): Promise<void> {
    this.sql('INSERT INTO installations (platform, workspace_id, data, installed_at) VALUES (?, ?, ?, ?) ON CONFLICT (platform, workspace_id) DO UPDATE SET data = excluded.data, installed_at = excluded.installed_at')
      .run(platform, workspaceId, JSON.stringify(data), new Date(now).toISOString());
  }

  async fetchInstallation(platform: string, workspaceId: string): Promise<unknown> {
    const row = this.sql('SELECT data FROM installations WHERE platform = ? AND workspace_id = ?').get(platform, workspaceId) as { data: string } | undefined;
    return row === undefined ? undefined : JSON.parse(row.data);
  }

  async deleteInstallation(platform: string, workspaceId: string): Promise<void> {
    this.sql('DELETE FROM installations WHERE platform = ? AND workspace_id = ?').run(platform, workspaceId);
  }

  async disableWorkspace(platform: string, workspaceId: string, reason: string, now: number): Promise<number> {
    return this.db.transaction(() => {
      const changed = this.sql('UPDATE subscriptions SET disabled_reason = ?, disabled_at = ? WHERE platform = ? AND workspace_id = ? AND disabled_reason IS NULL').run(reason, new Date(now).toISOString(), platform, workspaceId).changes;
      this.sql("UPDATE outbox SET status = 'rejected', last_error = ? WHERE platform = ? AND workspace_id = ? AND status = 'pending'").run(reason, platform, workspaceId);
      return changed;
    })();
  }

  async pruneSent(sentBefore: number): Promise<number> {
    return this.db.transaction(() => {
      const pruned = this.sql("DELETE FROM outbox WHERE status = 'sent' AND sent_at < ?").run(sentBefore).changes;
      // Shared digest bodies go with the last post that referenced them.
      this.sql('DELETE FROM outbox_payloads WHERE NOT EXISTS (SELECT 1 FROM outbox WHERE outbox.payload_hash = outbox_payloads.hash)').run();
      return pruned;
    })();
  }

  async senderHeartbeat(owner: string, now: number, liveSince: number): Promise<SenderView> {
    return this.db.transaction(() => {
      this.sql('INSERT INTO delivery_senders (owner, seen_at) VALUES (?, ?) ON CONFLICT (owner) DO UPDATE SET seen_at = excluded.seen_at').run(owner, now);
      this.sql('DELETE FROM delivery_senders WHERE seen_at < ?').run(liveSince);
      const senders = (this.sql('SELECT COUNT(*) AS n FROM delivery_senders').get() as { n: number }).n;
      const pauses = this.sql('SELECT platform, paused_until FROM delivery_pauses WHERE paused_until > ?').all(now) as Array<{ platform: string; paused_until: number }>;
      return { senders, pausedUntil: Object.fromEntries(pauses.map((p) => [p.platform, p.paused_until])) };
    })();
  }

  async removeSender(owner: string, releaseAt: number): Promise<void> {
    this.db.transaction(() => {
      this.sql('DELETE FROM delivery_senders WHERE owner = ?').run(owner);
      this.sql('UPDATE outbox SET reserved_until = ? WHERE reserved_by = ? AND reserved_until > ?').run(releaseAt, owner, releaseAt);
    })();
  }

  async pausePlatform(platform: string, until: number): Promise<void> {
    this.sql('INSERT INTO delivery_pauses (platform, paused_until) VALUES (?, ?) ON CONFLICT (platform) DO UPDATE SET paused_until = MAX(paused_until, excluded.paused_until)').run(platform, until);
  }

  async ping(): Promise<void> {
    this.sql('SELECT 1').get();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
