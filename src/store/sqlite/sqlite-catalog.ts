import type Database from 'better-sqlite3';
import { statementCache } from './statements.js';
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

interface CatalogRow {
  workspace: string;
  slug: string;
  origin: 'file' | 'tracked';
  document: string;
  version: number;
  file_hash: string | null;
  created_by: string | null;
  updated_at: string;
}

const toStored = (r: CatalogRow): StoredRivalry => ({
  ...workspaceFromColumn(r.workspace),
  slug: r.slug,
  origin: r.origin,
  document: JSON.parse(r.document) as unknown,
  version: r.version,
  ...(r.created_by === null ? {} : { createdBy: r.created_by }),
  updatedAt: r.updated_at,
});

/** The catalog part of SqliteStore. Writes are IMMEDIATE transactions: other processes on the file wait their turn. */
export class SqliteCatalog implements CatalogStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.sql = statementCache(db);
  }

  /** Bumps the revision; the caller is inside a write transaction. */
  private bump(): number {
    return (this.sql('UPDATE catalog_revision SET revision = revision + 1 WHERE id = 1 RETURNING revision').get() as { revision: number }).revision;
  }

  private remember(workspace: string, slug: string, version: number, change: string, document: string | null, at: string): void {
    this.sql('INSERT INTO catalog_history (workspace, slug, version, change, document, changed_at) VALUES (?, ?, ?, ?, ?, ?)').run(workspace, slug, version, change, document, at);
    this.db
      .prepare('DELETE FROM catalog_history WHERE workspace = ? AND slug = ? AND version NOT IN (SELECT version FROM catalog_history WHERE workspace = ? AND slug = ? ORDER BY version DESC LIMIT ?)')
      .run(workspace, slug, workspace, slug, CATALOG_HISTORY_KEPT);
  }

  async catalogRevision(): Promise<number> {
    return (this.sql('SELECT revision FROM catalog_revision WHERE id = 1').get() as { revision: number }).revision;
  }

  async catalogKeys(): Promise<CatalogKey[]> {
    const rows = this.sql('SELECT workspace, slug, version FROM catalog_rivalries ORDER BY workspace, slug').all() as Array<{ workspace: string; slug: string; version: number }>;
    return rows.map((r) => ({ ...workspaceFromColumn(r.workspace), slug: r.slug, version: r.version }));
  }

  async catalogDocuments(keys?: ReadonlyArray<Pick<CatalogKey, 'workspace' | 'slug'>>): Promise<StoredRivalry[]> {
    if (keys === undefined) return (this.sql('SELECT * FROM catalog_rivalries ORDER BY workspace, slug').all() as CatalogRow[]).map(toStored);
    const one = this.sql('SELECT * FROM catalog_rivalries WHERE workspace = ? AND slug = ?');
    return keys.flatMap((k) => {
      const row = one.get(workspaceColumn(k.workspace), k.slug) as CatalogRow | undefined;
      return row === undefined ? [] : [toStored(row)];
    });
  }

  async importRivalryFiles(files: readonly RivalryFileImport[], now: number): Promise<FileImportResult[]> {
    const at = new Date(now).toISOString();
    return this.db.transaction(() => {
      let revision: number | undefined;
      return files.map((f): FileImportResult => {
        const current = this.sql("SELECT file_hash FROM catalog_rivalries WHERE workspace = '' AND slug = ?").get(f.slug) as { file_hash: string | null } | undefined;
        if (current !== undefined && current.file_hash === f.fileHash) return 'unchanged';
        revision ??= this.bump();
        const text = JSON.stringify(f.document);
        this.db
          .prepare(
            `INSERT INTO catalog_rivalries (workspace, slug, origin, pair_key, document, version, file_hash, created_at, updated_at) VALUES ('', ?, 'file', ?, ?, ?, ?, ?, ?)
             ON CONFLICT (workspace, slug) DO UPDATE SET origin = 'file', pair_key = excluded.pair_key, document = excluded.document, version = excluded.version, file_hash = excluded.file_hash, updated_at = excluded.updated_at`,
          )
          .run(f.slug, pairKey(f.document.companies.map((c) => c.cik)), text, revision, f.fileHash, at, at);
        this.remember('', f.slug, revision, current === undefined ? 'imported' : 'file changed', text, at);
        return current === undefined ? 'added' : 'replaced';
      });
    }).immediate();
  }

  async updateRivalries(updates: readonly RivalryUpdate[], change: string, now: number): Promise<UpdateResult> {
    const at = new Date(now).toISOString();
    return this.db.transaction((): UpdateResult => {
      const read = this.sql('SELECT version FROM catalog_rivalries WHERE workspace = ? AND slug = ?');
      for (const u of updates) {
        const row = read.get(workspaceColumn(u.workspace), u.slug) as { version: number } | undefined;
        if (row?.version !== u.expectedVersion) return { ok: false, conflict: `${u.slug} ${row === undefined ? 'was removed' : 'was changed'} meanwhile` };
      }
      const revision = this.bump();
      const write = this.sql('UPDATE catalog_rivalries SET document = ?, pair_key = ?, version = ?, updated_at = ? WHERE workspace = ? AND slug = ?');
      for (const u of updates) {
        const text = JSON.stringify(u.document);
        write.run(text, pairKey(u.document.companies.map((c) => c.cik)), revision, at, workspaceColumn(u.workspace), u.slug);
        this.remember(workspaceColumn(u.workspace), u.slug, revision, change, text, at);
      }
      return { ok: true, revision };
    }).immediate();
  }

  async trackRivalry(entry: NewTrackedRivalry, limit: number, now: number): Promise<TrackInsertResult> {
    const at = new Date(now).toISOString();
    return this.db.transaction((): TrackInsertResult => {
      const same = this.sql("SELECT slug FROM catalog_rivalries WHERE workspace = ? AND pair_key = ? AND origin = 'tracked'").get(entry.workspace, entry.pairKey) as { slug: string } | undefined;
      if (same !== undefined) return { kind: 'exists', slug: same.slug };
      if (this.sql("SELECT 1 FROM catalog_rivalries WHERE slug = ? AND workspace IN ('', ?)").get(entry.slug, entry.workspace) !== undefined) return { kind: 'slug-taken' };
      const count = (this.sql("SELECT COUNT(*) AS n FROM catalog_rivalries WHERE workspace = ? AND origin = 'tracked'").get(entry.workspace) as { n: number }).n;
      if (count >= limit) return { kind: 'limit', count };
      const revision = this.bump();
      const text = JSON.stringify(entry.document);
      this.db
        .prepare("INSERT INTO catalog_rivalries (workspace, slug, origin, pair_key, document, version, created_by, created_at, updated_at) VALUES (?, ?, 'tracked', ?, ?, ?, ?, ?, ?)")
        .run(entry.workspace, entry.slug, entry.pairKey, text, revision, entry.createdBy, at, at);
      this.remember(entry.workspace, entry.slug, revision, `tracked by ${entry.createdBy}`, text, at);
      return { kind: 'created', version: revision };
    }).immediate();
  }

  async untrackRivalry(workspace: WorkspaceKey, slug: string, now: number): Promise<{ removed: boolean; subscriptionsStopped: number }> {
    const at = new Date(now).toISOString();
    const { platform, workspaceId } = splitWorkspace(workspace);
    return this.db.transaction(() => {
      const removed = this.sql("DELETE FROM catalog_rivalries WHERE workspace = ? AND slug = ? AND origin = 'tracked'").run(workspace, slug).changes > 0;
      if (!removed) return { removed, subscriptionsStopped: 0 };
      this.remember(workspace, slug, this.bump(), 'untracked', null, at);
      const subs = `SELECT id FROM subscriptions WHERE platform = ? AND workspace_id = ? AND rivalry = ?`;
      this.sql(`UPDATE outbox SET status = 'rejected', last_error = 'the rivalry was untracked' WHERE status = 'pending' AND subscription_id IN (${subs})`).run(platform, workspaceId, slug);
      const subscriptionsStopped = this.sql('DELETE FROM subscriptions WHERE platform = ? AND workspace_id = ? AND rivalry = ?').run(platform, workspaceId, slug).changes;
      return { removed, subscriptionsStopped };
    }).immediate();
  }

  async reserveRateSlot(name: string, now: number, gapMs: number): Promise<number> {
    return this.db.transaction(() => {
      const row = this.sql('SELECT next_at FROM rate_slots WHERE name = ?').get(name) as { next_at: number } | undefined;
      const at = Math.max(now, row?.next_at ?? 0);
      this.sql('INSERT INTO rate_slots (name, next_at) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET next_at = excluded.next_at').run(name, at + gapMs);
      return at;
    }).immediate();
  }

  /** SQLite has no notifications: readers poll the revision. */
  onCatalogNotice(): () => void {
    return () => undefined;
  }
}
