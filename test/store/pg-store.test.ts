import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { PG_MIGRATIONS } from '../../src/store/postgres/migrations.js';
import { PgStore } from '../../src/store/postgres/pg-store.js';
import { MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { runStoreContract } from './store-contract.js';
import { freshDatabase as createDatabase } from '../helpers/fresh-database.js';

const serverUrl = inject('pgUrl');

const freshDatabase = () => createDatabase(serverUrl);

if (serverUrl === '') {
  describe.skip('store contract: postgres (SKIPPED: no PostgreSQL server could be started)', () => {
    it('needs PostgreSQL', () => undefined);
  });
} else {
  runStoreContract('postgres', async () => PgStore.open(await freshDatabase()));

  describe('PgStore migrations', () => {
    it('has the same schema versions as SQLite', () => {
      expect(PG_MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((m) => m.version));
    });

    it('lets replicas that start together migrate once, under the advisory lock', async () => {
      const url = await freshDatabase();
      const stores = await Promise.all(Array.from({ length: 4 }, () => PgStore.open(url)));
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const versions = (await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version);
      await client.end();
      expect(versions).toEqual(PG_MIGRATIONS.map((m) => m.version));
      await Promise.all(stores.map((s) => s.close()));
    });
  });
}
