import type pg from 'pg';
import type { AuditEntry } from '../../core/audit/audit-log.js';
import { BACKLOG_STATUSES, type BacklogStatus, type OpsStore, type OutboxEvent, type RetryFilter, type RetryResult, retryRefusal } from '../ops-store.js';
import { auditValues, INSERT_AUDIT_COLUMNS, toAuditEntry } from '../audit-rows.js';
import { inTransaction } from './pg-transaction.js';

type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

async function insertAudit(db: Queryable, e: AuditEntry): Promise<void> {
  await db.query(`INSERT INTO ${INSERT_AUDIT_COLUMNS} VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, auditValues(e));
}

/** Outbox history, re-sends, purges and the audit trail in PostgreSQL. */
export class PgOps implements OpsStore {
  constructor(private readonly pool: pg.Pool) {}

  async record(e: AuditEntry): Promise<void> {
    await insertAudit(this.pool, e);
  }

  async entries(filter: { platform?: string; workspaceId?: string; limit: number }): Promise<AuditEntry[]> {
    const rows = await this.pool.query('SELECT * FROM audit_log WHERE ($1::text IS NULL OR platform = $1) AND ($2::text IS NULL OR workspace_id = $2) ORDER BY at DESC, id DESC LIMIT $3', [
      filter.platform ?? null,
      filter.workspaceId ?? null,
      filter.limit,
    ]);
    return rows.rows.map(toAuditEntry);
  }

  async outboxEvents(id: number): Promise<OutboxEvent[]> {
    const rows = await this.pool.query<{ at: string; kind: OutboxEvent['kind']; attempt: number; detail: string | null }>('SELECT at, kind, attempt, detail FROM outbox_events WHERE outbox_id = $1 ORDER BY id', [id]);
    return rows.rows.map((r) => ({ at: Number(r.at), kind: r.kind, attempt: r.attempt, ...(r.detail === null ? {} : { detail: r.detail }) }));
  }

  async retryDead(filter: RetryFilter, now: number, actor: string): Promise<RetryResult> {
    return inTransaction(this.pool, async (c) => {
      const ids = filter.ids ?? (await this.deadIds(c, filter));
      const result: RetryResult = { requeued: [], skipped: [] };
      for (const id of ids) {
        // The row lock makes a concurrent retry of the same item wait, then find it pending.
        const row = (
          await c.query<{ status: string; subscription_id: string | null; platform: string; workspace_id: string; channel_id: string; idempotency_key: string; subscription_exists: boolean; disabled_reason: string | null }>(
            `SELECT o.status, o.subscription_id, o.platform, o.workspace_id, o.channel_id, o.idempotency_key, s.id IS NOT NULL AS subscription_exists, s.disabled_reason
             FROM outbox o LEFT JOIN subscriptions s ON s.id = o.subscription_id WHERE o.id = $1 FOR UPDATE OF o`,
            [id],
          )
        ).rows[0];
        const refusal = retryRefusal(row);
        if (refusal !== undefined || row === undefined) {
          result.skipped.push({ id, reason: refusal ?? 'no such outbox item' });
          continue;
        }
        await c.query("UPDATE outbox SET status = 'pending', attempts = 0, uncertain = TRUE, next_attempt_at = $1, reserved_by = NULL, reserved_until = NULL WHERE id = $2 AND status = 'dead'", [now, id]);
        await c.query("INSERT INTO outbox_events (outbox_id, at, kind, attempt, detail) VALUES ($1, $2, 'requeued', 0, $3)", [id, now, `by ${actor}`]);
        await insertAudit(c, { at: now, platform: row.platform, workspaceId: row.workspace_id, channelId: row.channel_id, actor, action: 'retry', target: `outbox ${id}`, detail: `post ${row.idempotency_key} re-queued` });
        result.requeued.push(id);
      }
      return result;
    });
  }

  private async deadIds(c: pg.PoolClient, filter: RetryFilter): Promise<number[]> {
    const rows = await c.query<{ id: string }>(
      `SELECT o.id FROM outbox o WHERE o.status = 'dead' AND ($1::text IS NULL OR o.platform = $1)
         AND ($2::bigint IS NULL OR COALESCE((SELECT MAX(e.at) FROM outbox_events e WHERE e.outbox_id = o.id AND e.kind = 'dead'), o.created_at) >= $2)
       ORDER BY o.id`,
      [filter.platform ?? null, filter.since ?? null],
    );
    return rows.rows.map((r) => Number(r.id));
  }

  async purgeRejected(before: number, now: number, actor: string): Promise<number> {
    return inTransaction(this.pool, async (c) => {
      const purged = (await c.query("DELETE FROM outbox WHERE status = 'rejected' AND created_at < $1", [before])).rowCount ?? 0;
      await c.query('DELETE FROM outbox_payloads WHERE NOT EXISTS (SELECT 1 FROM outbox WHERE outbox.payload_hash = outbox_payloads.hash)');
      await insertAudit(c, { at: now, platform: 'cli', actor, action: 'purge', target: 'outbox', detail: `${purged} refused items queued before ${new Date(before).toISOString()}` });
      return purged;
    });
  }

  async oldestPendingQueuedAt(): Promise<number | undefined> {
    const row = (await this.pool.query<{ queued: string | null }>("SELECT MIN(created_at) AS queued FROM outbox WHERE status IN ('pending', 'sending')")).rows[0];
    return row?.queued == null ? undefined : Number(row.queued);
  }

  async liveSenders(since: number): Promise<number> {
    return Number((await this.pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM delivery_senders WHERE seen_at >= $1', [since])).rows[0]?.n ?? 0);
  }

  async outboxBacklog(): Promise<Record<BacklogStatus, number>> {
    const counts: Record<BacklogStatus, number> = { pending: 0, sending: 0, dead: 0, rejected: 0 };
    const rows = await this.pool.query<{ status: BacklogStatus; n: string }>('SELECT status, COUNT(*) AS n FROM outbox WHERE status = ANY($1::text[]) GROUP BY status', [[...BACKLOG_STATUSES]]);
    for (const r of rows.rows) counts[r.status] = Number(r.n);
    return counts;
  }
}
