import { Cron } from 'croner';
import type { Logger } from 'pino';
import { COMMANDS } from '../core/commands/index.js';
import { openStore } from '../store/open-store.js';
import { createConsolePoster } from '../adapters/console/console-poster.js';
import { CatalogHolder } from './catalog-holder.js';
import { installationRegistry } from './installation-registry.js';
import { createHandlers } from './command-handler.js';
import type { Config } from './config.js';
import { DeliveryService } from './delivery/delivery-service.js';
import { BUNDLED_RIVALRY_DIR, loadCatalog } from './load-data.js';
import { startPlatforms, type Running, type StartOptions } from './serve.js';

export interface Bot {
  running: Running;
  holder: CatalogHolder;
  delivery: DeliveryService;
  handlers: ReturnType<typeof createHandlers>;
  stop(): Promise<void>;
}

export interface RunBotOptions extends StartOptions {
  rivalryDir?: string;
  /** Where console subscriptions are delivered when no chat platform is configured. */
  consoleOutput?: NodeJS.WritableStream;
}

/**
 * The whole bot: data (reloaded when files change), the store, the configured platforms, and
 * delivery of digests and alerts. The only place all of them meet.
 */
export async function runBot(config: Config, logger: Logger, options: RunBotOptions = {}): Promise<Bot> {
  const dir = options.rivalryDir ?? config.RIVALRY_DIR;
  const holder = new CatalogHolder(loadCatalog(dir), dir, logger);
  const store = await openStore({ databasePath: config.DATABASE_PATH, ...(config.DATABASE_URL === undefined ? {} : { databaseUrl: config.DATABASE_URL }) });
  const context = () => ({ catalog: holder.current, commands: COMMANDS, subscriptions: store });
  const handlers = createHandlers(context, logger);
  const readiness = async () => {
    try {
      await store.ping();
      return { database: 'ok' };
    } catch (error) {
      return { database: error instanceof Error ? error.message : String(error) };
    }
  };
  const running = await startPlatforms(config, handlers, logger, { readiness, installations: installationRegistry(store, logger), ...options });
  const posters = options.consoleOutput === undefined ? running.posters : [...running.posters, createConsolePoster(options.consoleOutput)];
  const delivery = new DeliveryService({ store, posters, catalog: () => holder.current, logger, sender: { leaseMs: config.DELIVERY_LEASE_SECONDS * 1000 } });
  await delivery.start();
  holder.watch(dir ?? BUNDLED_RIVALRY_DIR, () => void delivery.dataChanged());
  const secSync = config.SEC_SYNC_CRON === undefined ? undefined : await scheduleSecSync(config, config.SEC_SYNC_CRON, dir ?? BUNDLED_RIVALRY_DIR, holder, delivery, logger);
  return {
    running,
    holder,
    delivery,
    handlers,
    stop: async () => {
      secSync?.stop();
      holder.close();
      await running.stop();
      await delivery.stop();
      await store.close();
    },
  };
}

/** SEC_SYNC_CRON: sync from EDGAR on a schedule; new figures go into service and their milestones out as alerts. */
async function scheduleSecSync(config: Config, pattern: string, dir: string, holder: CatalogHolder, delivery: DeliveryService, logger: Logger): Promise<Cron> {
  const { secClientFromConfig } = await import('./sec/sec-from-config.js');
  const { syncRivalries } = await import('./sec/sync-rivalries.js');
  const { syncReport } = await import('./sec/sync-report.js');
  const client = secClientFromConfig(config, logger);
  return new Cron(pattern, { timezone: 'UTC', protect: true }, async () => {
    const result = await syncRivalries(dir, [], client);
    const report = syncReport(result);
    if (result.failures.length > 0) logger.error({ failures: result.failures }, 'SEC sync failed; data unchanged');
    else logger.info({ summary: report.summary, written: result.written }, 'SEC sync done');
    if (result.written.length > 0 && holder.reload()) await delivery.dataChanged();
  });
}
