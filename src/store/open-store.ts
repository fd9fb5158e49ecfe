import type { Store } from './store.js';

/** PostgreSQL when a URL is given (shared by replicas), else the embedded SQLite file. Drivers load on demand. */
export async function openStore(options: { databaseUrl?: string; databasePath: string }): Promise<Store> {
  if (options.databaseUrl !== undefined) {
    const { PgStore } = await import('./postgres/pg-store.js');
    return PgStore.open(options.databaseUrl);
  }
  const { SqliteStore } = await import('./sqlite/sqlite-store.js');
  return new SqliteStore(options.databasePath);
}
