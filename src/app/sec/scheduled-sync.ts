import type { Logger } from 'pino';
import type { Store } from '../../store/store.js';
import type { CatalogHolder } from '../catalog/catalog-holder.js';
import type { Config } from '../config.js';
import { secClientFromConfig } from './sec-from-config.js';
import { syncReport } from './sync-report.js';
import { syncCatalog } from './sync-rivalries.js';
import { secLastSuccess, secSyncs } from '../metrics/metrics.js';

/**
 * One SEC_SYNC_CRON run: sync the whole catalog from EDGAR into the store. New figures go into
 * service on every replica (the holders follow the store) and their milestones out as alerts. Never
 * throws: a failed sync leaves the data as it was and says why in the log.
 */
export function secSyncRun(config: Config, store: Store, holder: CatalogHolder, logger: Logger): () => Promise<void> {
  const client = secClientFromConfig(config, logger, store);
  return async () => {
    try {
      const result = await syncCatalog(store, [], client);
      if (result.failures.length > 0) {
        secSyncs.inc({ outcome: 'failed' });
        logger.error({ failures: result.failures }, 'SEC sync failed; data unchanged');
      } else {
        secSyncs.inc({ outcome: 'ok' });
        secLastSuccess.set(Date.now() / 1000);
        logger.info({ summary: syncReport(result).summary, written: result.written }, 'SEC sync done');
      }
      if (result.written.length > 0) await holder.refresh();
    } catch (err) {
      secSyncs.inc({ outcome: 'failed' });
      logger.error({ err }, 'SEC sync failed; data unchanged');
    }
  };
}
