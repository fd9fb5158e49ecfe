import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Store } from '../../store/store.js';
import type { CatalogHolder } from '../catalog/catalog-holder.js';
import type { Config } from '../config.js';
import type { Deliverable } from '../delivery/scheduler.js';
import { EarningsWatcher } from './earnings-watcher.js';

/** Starts the earnings watcher when SEC access is configured and SEC_WATCH_SECONDS is not 0; returns how to stop it. */
export async function startEarningsWatcher(config: Config, store: Store, holder: CatalogHolder, queued: () => void, deliverable: Deliverable, logger: Logger): Promise<() => Promise<void>> {
  if (config.SEC_WATCH_SECONDS === 0 || config.SEC_USER_AGENT === undefined) {
    if (config.SEC_WATCH_SECONDS !== 0) logger.info('earnings watcher off: it needs SEC_USER_AGENT to read SEC filing indexes');
    return async () => undefined;
  }
  const { secClientFromConfig } = await import('../sec/sec-from-config.js');
  const { syncCatalog } = await import('../sec/sync-rivalries.js');
  const { describeKey } = await import('../catalog/stored-catalog.js');
  const client = secClientFromConfig(config, logger, store);
  const watcher = new EarningsWatcher({
    store,
    catalog: () => holder.current,
    refresh: () => holder.refresh(),
    fetchIndex: (cik) => client.submissions(cik),
    syncCompany: async (cik) => {
      const names = holder.current.entries().filter(({ rivalry }) => rivalry.companies.some((c) => c.cik === cik)).map(({ workspace, rivalry }) => describeKey({ ...(workspace === undefined ? {} : { workspace }), slug: rivalry.slug }));
      return names.length === 0 ? [] : (await syncCatalog(store, names, client)).failures;
    },
    queued,
    deliverable,
    intervalMs: config.SEC_WATCH_SECONDS * 1000,
    owner: randomUUID(),
    logger: logger.child({ component: 'earnings' }),
  });
  watcher.start();
  return () => watcher.stop();
}
