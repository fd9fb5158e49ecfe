import type { Logger } from 'pino';
import type { CatalogHolder } from '../catalog-holder.js';
import type { Config } from '../config.js';
import { secClientFromConfig } from './sec-from-config.js';
import { syncReport } from './sync-report.js';
import { syncRivalries } from './sync-rivalries.js';

/**
 * One SEC_SYNC_CRON run: sync from EDGAR; new figures go into service and their milestones out as
 * alerts (`dataChanged`). Never throws: a failed sync leaves the data as it was and says why in the log.
 */
export function secSyncRun(config: Config, dir: string, holder: CatalogHolder, dataChanged: () => Promise<void>, logger: Logger): () => Promise<void> {
  const client = secClientFromConfig(config, logger);
  return async () => {
    try {
      const result = await syncRivalries(dir, [], client);
      if (result.failures.length > 0) logger.error({ failures: result.failures }, 'SEC sync failed; data unchanged');
      else logger.info({ summary: syncReport(result).summary, written: result.written }, 'SEC sync done');
      if (result.written.length > 0 && holder.reload()) await dataChanged();
    } catch (err) {
      logger.error({ err }, 'SEC sync failed; data unchanged');
    }
  };
}
