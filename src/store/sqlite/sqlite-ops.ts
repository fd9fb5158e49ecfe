import type Database from 'better-sqlite3';
import type { AuditEntry } from '../../core/audit/audit-log.js';
import { BACKLOG_STATUSES, type BacklogStatus, type OpsStore, type OutboxEvent, type RetryFilter, type RetryResult, retryRefusal } from '../ops-store.js';
import { statementCache } from './statements.js';
import { type AuditRow, auditValues, INSERT_AUDIT_COLUMNS, toAuditEntry } from '../audit-rows.js';

/** Outbox history, re-sends, purges and the audit trail in SQLite. */
export class SqliteOps implements OpsStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.sql = statementCache(db);
  }

  async record(e: AuditEntry): Promise<void> {
    this.insertAudit(e);
  }

  private insertAudit(e: AuditEntry): void {
    this.sql(`INSERT INTO ${INSERT_AUDIT_COLUMNS} VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(...auditValues(e));
  }

  async entries(filter: { platform?: string; workspaceId?: string; limit: number }): Promise<AuditEntry[]> {
    const rows = this.sql('SELECT * FROM audit_log WHERE (? IS NULL OR platform = ?) AND (? IS NULL OR workspace_id = ?) ORDER BY at DESC, id DESC LIMIT ?').all(
      filter.platform ?? null,
      filter.platform ?? null,
      filter.workspaceId ?? null,
      filter.workspaceId ?? null,
      filter.limit,
    ) as AuditRow[];
    return rows.map(toAuditEntry);
  }

  async outboxEvents(id: number): Promise<OutboxEvent[]> {
    const rows = this.sql('SELECT at, kind, attempt, detail FROM outbox_events WHERE outbox_id = ? ORDER BY id').all(id) as Array<{ at: number; kind: OutboxEvent['kind']; attempt: number; detail: string | null }>;
    return rows.map((r) => ({ at: r.at, kind: r.kind, attempt: r.attempt, ...(r.detail === null ? {} : { detail: r.detail }) }));
  }

  async retryDead(filter: RetryFilter, now: number, actor: string): Promise<RetryResult> {
    return this.db.transaction(() => {
      const ids = filter.ids ?? this.deadIds(filter);
      const result: RetryResult = { requeued: [], skipped: [] };
      const look = this.sql(
        `SELECT o.status, o.subscription_id, o.platform, o.workspace_id, o.channel_id, o.idempotency_key, s.id IS NOT NULL AS subscription_exists, s.disabled_reason
         FROM outbox o LEFT JOIN subscriptions s ON s.id = o.subscription_id WHERE o.id = ?`,
      );
      for (const id of ids) {
        const row = look.get(id) as { status: string; subscription_id: number | null; platform: string; workspace_id: string; channel_id: string; idempotency_key: string; subscription_exists: number; disabled_reason: string | null } | undefined;
        const refusal = retryRefusal(row);
        if (refusal !== undefined || row === undefined) {
          result.skipped.push({ id, reason: refusal ?? 'no such outbox item' });
          continue;
        }
        this.sql("UPDATE outbox SET status = 'pending', attempts = 0, uncertain = 1, next_attempt_at = ?, reserved_by = NULL, reserved_until = NULL WHERE id = ? AND status = 'dead'").run(now, id);
        this.sql("INSERT INTO outbox_events (outbox_id, at, kind, attempt, detail) VALUES (?, ?, 'requeued', 0, ?)").run(id, now, `by ${actor}`);
        this.insertAudit({ at: now, platform: row.platform, workspaceId: row.workspace_id, channelId: row.channel_id, actor, action: 'retry', target: `outbox ${id}`, detail: `post ${row.idempotency_key} re-queued` });
        result.requeued.push(id);
      }
      return result;
    }).immediate();
  }

  private deadIds(filter: RetryFilter): number[] {
    const rows = this.sql(
      `SELECT o.id FROM outbox o WHERE o.status = 'dead' AND (? IS NULL OR o.platform = ?)
         AND (? IS NULL OR COALESCE((SELECT MAX(e.at) FROM outbox_events e WHERE e.outbox_id = o.id AND e.kind = 'dead'), o.created_at) >= ?)
       ORDER BY o.id`,
    ).all(filter.platform ?? null, filter.platform ?? null, filter.since ?? null, filter.since ?? null) as Array<{ id: number }>;
    return rows.map((r) => r.id);
  }

  async purgeRejected(before: number, now: number, actor: string): Promise<number> {
    return this.db.transaction(() => {
      const purged = this.sql("DELETE FROM outbox WHERE status = 'rejected' AND created_at < ?").run(before).changes;
      this.sql('DELETE FROM outbox_payloads WHERE NOT EXISTS (SELECT 1 FROM outbox WHERE outbox.payload_hash = outbox_payloads.hash)').run();
      this.insertAudit({ at: now, platform: 'cli', actor, action: 'purge', target: 'outbox', detail: `${purged} refused items queued before ${new Date(before).toISOString()}` });
      return purged;
    }).immediate();
  }

  async oldestPendingQueuedAt(): Promise<number | undefined> {
    const row = this.sql("SELECT MIN(created_at) AS queued FROM outbox WHERE status IN ('pending', 'sending')").get() as { queued: number | null };
    return row.queued ?? undefined;
  }

  async liveSenders(since: number): Promise<number> {
    return (this.sql('SELECT COUNT(*) AS n FROM delivery_senders WHERE seen_at >= ?').get(since) as { n: number }).n;
  }

  async outboxBacklog(): Promise<Record<BacklogStatus, number>> {
    const counts: Record<BacklogStatus, number> = { pending: 0, sending: 0, dead: 0, rejected: 0 };
    const count = this.sql('SELECT COUNT(*) AS n FROM outbox WHERE status = ?');
    for (const status of BACKLOG_STATUSES) counts[status] = (count.get(status) as { n: number }).n;
    return counts;
  }
}
