import type pg from 'pg';
import type { WorkspaceKey } from '../../core/data/catalog.js';
import { pairKey } from '../../core/tracking/tracking-service.js';
import {
  CATALOG_HISTORY_KEPT,
  splitWorkspace,
  workspaceColumn,
  workspaceFromColumn,
  type CatalogKey,
  type CatalogStore,
  type FileImportResult,
  type NewTrackedRivalry,
  type RivalryFileImport,
  type RivalryUpdate,
  type StoredRivalry,
  type TrackInsertResult,
  type UpdateResult,
} from '../catalog-store.js';
import { inTransaction } from './pg-transaction.js';

/** The channel every catalog change is announced on (delivered at commit). */
const CHANNEL = 'rivalry_catalog';

interface CatalogRow {
  workspace: string;
  slug: string;
  origin: 'file' | 'tracked';
  document: unknown;
  version: string;
  created_by: string | null;
  updated_at: string;
}

const toStored = (r: CatalogRow): StoredRivalry => ({
  ...workspaceFromColumn(r.workspace),
  slug: r.slug,
  origin: r.origin,
  document: r.document,
  version: Number(r.version),
  ...(r.created_by === null ? {} : { createdBy: r.created_by }),
  updatedAt: r.updated_at,
});

/** A rolled-back transaction's answer: the outcome without the change. */
class Outcome<T> extends Error {
  constructor(readonly value: T) {
    super('catalog transaction rolled back on purpose');
  }
}

/**
 * The catalog part of PgStore. Every write starts by bumping the revision row, which also serialises
 * catalog writers (limits and uniqueness are checked by one transaction at a time), and NOTIFYs the
 * other replicas at commit.
 */
export class PgCatalog implements CatalogStore {
  private readonly listeners = new Set<() => void>();
  private client: pg.PoolClient | undefined;
  private listening: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly pool: pg.Pool) {}

  private async bump(c: pg.PoolClient): Promise<number> {
    const revision = Number((await c.query<{ revision: string }>('UPDATE catalog_revision SET revision = revision + 1 WHERE id = 1 RETURNING revision')).rows[0]?.revision);
    await c.query('SELECT pg_notify($1, $2)', [CHANNEL, String(revision)]);
    return revision;
  }

  private async remember(c: pg.PoolClient, workspace: string, slug: string, version: number, change: string, document: unknown, at: string): Promise<void> {
    await c.query('INSERT INTO catalog_history (workspace, slug, version, change, document, changed_at) VALUES ($1, $2, $3, $4, $5, $6)', [workspace, slug, version, change, document === null ? null : JSON.stringify(document), at]);
    await c.query('DELETE FROM catalog_history WHERE workspace = $1 AND slug = $2 AND version NOT IN (SELECT version FROM catalog_history WHERE workspace = $1 AND slug = $2 ORDER BY version DESC LIMIT $3)', [workspace, slug, CATALOG_HISTORY_KEPT]);
  }

  /** A transaction whose work may end in an outcome that must not be committed (throw `new Outcome(value)`). */
  private async write<T>(work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    try {
      return await inTransaction(this.pool, work);
    } catch (error) {
      if (error instanceof Outcome) return error.value as T;
      throw error;
    }
  }

  async catalogRevision(): Promise<number> {
    this.ensureListening();
    return Number((await this.pool.query<{ revision: string }>('SELECT revision FROM catalog_revision WHERE id = 1')).rows[0]?.revision ?? 0);
  }

  async catalogKeys(): Promise<CatalogKey[]> {
    const rows = (await this.pool.query<{ workspace: string; slug: string; version: string }>('SELECT workspace, slug, version FROM catalog_rivalries ORDER BY workspace, slug')).rows;
    return rows.map((r) => ({ ...workspaceFromColumn(r.workspace), slug: r.slug, version: Number(r.version) }));
  }

  async catalogDocuments(keys?: ReadonlyArray<Pick<CatalogKey, 'workspace' | 'slug'>>): Promise<StoredRivalry[]> {
    if (keys === undefined) return (await this.pool.query<CatalogRow>('SELECT * FROM catalog_rivalries ORDER BY workspace, slug')).rows.map(toStored);
    if (keys.length === 0) return [];
    const rows = await this.pool.query<CatalogRow>('SELECT r.* FROM catalog_rivalries r JOIN unnest($1::text[], $2::text[]) AS k (workspace, slug) USING (workspace, slug) ORDER BY workspace, slug', [
      keys.map((k) => workspaceColumn(k.workspace)),
      keys.map((k) => k.slug),
    ]);
    return rows.rows.map(toStored);
  }

  async importRivalryFiles(files: readonly RivalryFileImport[], now: number): Promise<FileImportResult[]> {
    const at = new Date(now).toISOString();
    return this.write(async (c) => {
      // Bumped first: replicas importing at the same moment take turns, and each sees what the other stored.
      const revision = await this.bump(c);
      const hashes = new Map((await c.query<{ slug: string; file_hash: string | null }>("SELECT slug, file_hash FROM catalog_rivalries WHERE workspace = ''")).rows.map((r) => [r.slug, r.file_hash]));
      if (files.every((f) => hashes.get(f.slug) === f.fileHash)) throw new Outcome(files.map((): FileImportResult => 'unchanged'));
      const results: FileImportResult[] = [];
      for (const f of files) {
        if (hashes.get(f.slug) === f.fileHash) {
          results.push('unchanged');
          continue;
        }
        await c.query(
          `INSERT INTO catalog_rivalries (workspace, slug, origin, pair_key, document, version, file_hash, created_at, updated_at) VALUES ('', $1, 'file', $2, $3, $4, $5, $6, $6)
           ON CONFLICT (workspace, slug) DO UPDATE SET origin = 'file', pair_key = EXCLUDED.pair_key, document = EXCLUDED.document, version = EXCLUDED.version, file_hash = EXCLUDED.file_hash, updated_at = EXCLUDED.updated_at`,
          [f.slug, pairKey(f.document.companies.map((co) => co.cik)), JSON.stringify(f.document), revision, f.fileHash, at],
        );
        await this.remember(c, '', f.slug, revision, hashes.has(f.slug) ? 'file changed' : 'imported', f.document, at);
        results.push(hashes.has(f.slug) ? 'replaced' : 'added');
      }
      return results;
    });
  }

  async updateRivalries(updates: readonly RivalryUpdate[], change: string, now: number): Promise<UpdateResult> {
    const at = new Date(now).toISOString();
    return this.write(async (c): Promise<UpdateResult> => {
      const revision = await this.bump(c);
      for (const u of updates) {
        const row = (await c.query<{ version: string }>('SELECT version FROM catalog_rivalries WHERE workspace = $1 AND slug = $2 FOR UPDATE', [workspaceColumn(u.workspace), u.slug])).rows[0];
        if (row === undefined || Number(row.version) !== u.expectedVersion) throw new Outcome<UpdateResult>({ ok: false, conflict: `${u.slug} ${row === undefined ? 'was removed' : 'was changed'} meanwhile` });
        await c.query('UPDATE catalog_rivalries SET document = $1, pair_key = $2, version = $3, updated_at = $4 WHERE workspace = $5 AND slug = $6', [
          JSON.stringify(u.document),
          pairKey(u.document.companies.map((co) => co.cik)),
          revision,
          at,
          workspaceColumn(u.workspace),
          u.slug,
        ]);
        await this.remember(c, workspaceColumn(u.workspace), u.slug, revision, change, u.document, at);
      }
      return { ok: true, revision };
    });
  }

  async trackRivalry(entry: NewTrackedRivalry, limit: number, now: number): Promise<TrackInsertResult> {
    const at = new Date(now).toISOString();
    return this.write(async (c): Promise<TrackInsertResult> => {
      // The revision row lock makes concurrent tracks take turns: the checks below see each other's rows.
      const revision = await this.bump(c);
      const refuse = (value: TrackInsertResult) => new Outcome(value);
      const same = (await c.query<{ slug: string }>("SELECT slug FROM catalog_rivalries WHERE workspace = $1 AND pair_key = $2 AND origin = 'tracked'", [entry.workspace, entry.pairKey])).rows[0];
      if (same !== undefined) throw refuse({ kind: 'exists', slug: same.slug });
      if ((await c.query("SELECT 1 FROM catalog_rivalries WHERE slug = $1 AND workspace IN ('', $2)", [entry.slug, entry.workspace])).rowCount !== 0) throw refuse({ kind: 'slug-taken' });
      const count = Number((await c.query<{ n: string }>("SELECT COUNT(*) AS n FROM catalog_rivalries WHERE workspace = $1 AND origin = 'tracked'", [entry.workspace])).rows[0]?.n ?? 0);
      if (count >= limit) throw refuse({ kind: 'limit', count });
      await c.query("INSERT INTO catalog_rivalries (workspace, slug, origin, pair_key, document, version, created_by, created_at, updated_at) VALUES ($1, $2, 'tracked', $3, $4, $5, $6, $7, $7)", [
        entry.workspace,
        entry.slug,
        entry.pairKey,
        JSON.stringify(entry.document),
        revision,
        entry.createdBy,
        at,
      ]);
      await this.remember(c, entry.workspace, entry.slug, revision, `tracked by ${entry.createdBy}`, entry.document, at);
      return { kind: 'created', version: revision };
    });
  }

  async untrackRivalry(workspace: WorkspaceKey, slug: string, now: number): Promise<{ removed: boolean; subscriptionsStopped: number }> {
    const at = new Date(now).toISOString();
    const { platform, workspaceId } = splitWorkspace(workspace);
    return this.write(async (c) => {
      const revision = await this.bump(c);
      const removed = ((await c.query("DELETE FROM catalog_rivalries WHERE workspace = $1 AND slug = $2 AND origin = 'tracked'", [workspace, slug])).rowCount ?? 0) > 0;
      if (!removed) throw new Outcome({ removed, subscriptionsStopped: 0 });
      await this.remember(c, workspace, slug, revision, 'untracked', null, at);
      await c.query(
        "UPDATE outbox SET status = 'rejected', last_error = 'the rivalry was untracked' WHERE status = 'pending' AND subscription_id IN (SELECT id FROM subscriptions WHERE platform = $1 AND workspace_id = $2 AND rivalry = $3)",
        [platform, workspaceId, slug],
      );
      const stopped = await c.query('DELETE FROM subscriptions WHERE platform = $1 AND workspace_id = $2 AND rivalry = $3', [platform, workspaceId, slug]);
      return { removed, subscriptionsStopped: stopped.rowCount ?? 0 };
    });
  }

  async reserveRateSlot(name: string, now: number, gapMs: number): Promise<number> {
    const row = await this.pool.query<{ at: string }>(
      'INSERT INTO rate_slots (name, next_at) VALUES ($1, $2::bigint + $3::bigint) ON CONFLICT (name) DO UPDATE SET next_at = GREATEST(rate_slots.next_at, $2::bigint) + $3::bigint RETURNING next_at - $3::bigint AS at',
      [name, now, gapMs],
    );
    return Number(row.rows[0]?.at ?? now);
  }

  /**
   * LISTEN on one dedicated connection, opened on first use. A lost connection is opened again at the
   * next `catalogRevision` call (readers poll it anyway, so no change is missed meanwhile).
   */
  onCatalogNotice(listener: () => void): () => void {
    this.listeners.add(listener);
    this.ensureListening();
    return () => {
      this.listeners.delete(listener);
    };
  }

  private ensureListening(): void {
    if (this.listening !== undefined || this.listeners.size === 0 || this.closed) return;
    this.listening = this.listen().catch(() => {
      this.listening = undefined;
    });
  }

  private async listen(): Promise<void> {
    const client = await this.pool.connect();
    client.on('notification', (n) => {
      if (n.channel === CHANNEL) for (const l of this.listeners) l();
    });
    client.on('error', () => {
      if (this.client === client) this.client = undefined;
      this.listening = undefined;
      client.release(true);
    });
    await client.query(`LISTEN ${CHANNEL}`);
    this.client = client;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.listening;
    const client = this.client;
    this.client = undefined;
    if (client === undefined) return;
    await client.query(`UNLISTEN ${CHANNEL}`).catch(() => undefined);
    client.release();
  }
}
