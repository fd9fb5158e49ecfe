import { existsSync } from 'node:fs';
import type { RivalryCatalog } from '../../core/data/catalog.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import { storeOptions, type Config } from '../config.js';
import { loadCatalog } from '../load-data.js';
import { StoredCatalogReader } from './stored-catalog.js';

/**
 * The catalog for `ask`, `console` and `chart`, which only read: what the database serves (synced
 * figures, this console's tracked rivalries) when there is one that holds rivalries, else the
 * files. They never import files or create a database; `--rivalry-dir` always means those files.
 */
export async function localCatalog(config: Config, rivalryDir: string | undefined): Promise<{ catalog: RivalryCatalog; store?: Store }> {
  const hasDatabase = config.DATABASE_URL !== undefined || existsSync(config.DATABASE_PATH);
  if (rivalryDir !== undefined || !hasDatabase) return { catalog: loadCatalog(rivalryDir ?? config.RIVALRY_DIR) };
  const store = await openStore(storeOptions(config));
  const { catalog } = await new StoredCatalogReader(store).read();
  if (catalog.entries().length > 0) return { catalog, store };
  await store.close();
  return { catalog: loadCatalog(config.RIVALRY_DIR) };
}
