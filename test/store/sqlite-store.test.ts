import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { runStoreContract } from './store-contract.js';
import { runCatalogContract } from './catalog-contract.js';
import { runOpsContract } from './ops-contract.js';

runStoreContract('sqlite', async () => new SqliteStore(':memory:'));
runCatalogContract('sqlite', async () => new SqliteStore(':memory:'));
runOpsContract('sqlite', async () => new SqliteStore(':memory:'));

const dir = mkdtempSync(join(tmpdir(), 'rivalry-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SqliteStore file', () => {
  it('creates the file and its folder on first use, in WAL mode, at the latest schema version', async () => {
    const path = join(dir, 'nested', 'rivalry.db');
    const store = new SqliteStore(path);
    await store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: Math.max(...MIGRATIONS.map((m) => m.version)) });
    db.close();
    // Reopening applies nothing twice.
    await new SqliteStore(path).close();
  });
});
