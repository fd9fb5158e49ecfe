import { Cron } from 'croner';
import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { COMMANDS } from '../core/commands/index.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { createConsolePoster } from '../adapters/console/console-poster.js';
import { CatalogHolder } from './catalog/catalog-holder.js';
import { trackingFromConfig } from './catalog/tracking-from-config.js';
import { startEarningsWatcher } from './earnings/start-earnings-watcher.js';
import { installationRegistry } from './installation-registry.js';
import { createHandlers } from './command-handler.js';
import { commandAudit } from './audit-trail.js';
import { storeOptions, type Config } from './config.js';
import { DeliveryService } from './delivery/delivery-service.js';
import { LocalScheduler } from './delivery/local-scheduler.js';
import type { Deliverable, DeliveryScheduler } from './delivery/scheduler.js';
import { BUNDLED_RIVALRY_DIR } from './load-data.js';
import { startPlatforms, type Running, type StartOptions } from './serve.js';
import { serveMetrics } from './metrics/serve-metrics.js';
import { watchStore } from './metrics/store-gauges.js';

export interface Bot {
  running: Running;
  holder: CatalogHolder;
  store: Store;
  delivery: DeliveryService;
  handlers: ReturnType<typeof createHandlers>;
  /** Where GET /metrics is served when METRICS_PORT is set (the port bound, for METRICS_PORT=0). */
  metricsPort?: number;
  stop(): Promise<void>;
}

export interface RunBotOptions extends StartOptions {
  rivalryDir?: string;
  /** Where console subscriptions are delivered when no chat platform is configured. */
  consoleOutput?: NodeJS.WritableStream;
}

/** A sender heard from this recently counts as a live replica on /metrics (senders beat every second or so). */
const SENDER_LIVE_MS = 15_000;

/** pg-boss queue of the SEC sync when replicas share PostgreSQL (one replica runs each scheduled sync). */
const SEC_SYNC_QUEUE: PgBoss.Queue = { name: 'rivalry-sec-sync', retryLimit: 0, expireInSeconds: 15 * 60 };

/**
 * The whole bot: the rivalry catalog (shipped files imported into the store, followed as it changes), the store, the configured platforms, and
 * delivery of digests and alerts. The only place all of them meet.
 */
export async function runBot(config: Config, logger: Logger, options: RunBotOptions = {}): Promise<Bot> {
  const dir = options.rivalryDir ?? config.RIVALRY_DIR ?? BUNDLED_RIVALRY_DIR;
  const store = await openStore(storeOptions(config));
  let holder: CatalogHolder;
  try {
    holder = await CatalogHolder.open({ store, dir, logger, pollMs: store.shared ? 2000 : 1000 });
  } catch (error) {
    await store.close();
    throw error;
  }
  const boss = config.DATABASE_URL === undefined ? undefined : await startJobs(config.DATABASE_URL, config.DELIVERY_LEASE_SECONDS, logger);
  const tracking = trackingFromConfig(config, store, holder, logger);
  const audit = commandAudit(store.ops, logger);
  const context = () => ({ catalog: holder.current, commands: COMMANDS, subscriptions: store, tracking, audit });
  const handlers = createHandlers(context, logger, { tokens: store.tokens });
  const readiness = async () => {
    try {
      await store.ping();
      return { database: 'ok' };
    } catch (error) {
      return { database: error instanceof Error ? error.message : String(error) };
    }
  };
  watchStore({ store, catalogVersion: () => holder.servedRevision, liveForMs: SENDER_LIVE_MS });
  const metrics = await serveMetrics(config, logger);
  const running = await startPlatforms(config, handlers, logger, { readiness, installations: installationRegistry(store, logger), extraRoutes: metrics.routes, ...options });
  const posters = options.consoleOutput === undefined ? running.posters : [...running.posters, createConsolePoster(options.consoleOutput)];
  const platforms = new Set(posters.map((p) => p.platform));
  const deliverable: Deliverable = (s) => platforms.has(s.platform);
  await warnUndeliverable(store, platforms, logger);
  const scheduler = await createScheduler(boss, store, holder, deliverable, logger);
  const delivery = new DeliveryService({ store, posters, scheduler, logger, sender: { leaseMs: config.DELIVERY_LEASE_SECONDS * 1000, retentionMs: config.OUTBOX_RETENTION_DAYS * 86_400_000 } });
  await delivery.start();
  holder.watch(() => void delivery.dataChanged());
  const stopSecSync = await scheduleSecSync(config, boss, store, holder, logger);
  const stopWatcher = await startEarningsWatcher(config, store, holder, () => delivery.notify(), deliverable, logger);
  return {
    running,
    holder,
    store,
    delivery,
    handlers,
    ...(metrics.port === undefined ? {} : { metricsPort: metrics.port }),
    stop: async () => {
      stopSecSync();
      await metrics.stop();
      watchStore(undefined); // the store closes below: scrapes stop reading it
      await stopWatcher();
      await holder.close();
      await running.stop();
      await delivery.stop(); // stops pg-boss too: running jobs finish or go back for another replica
      await store.close();
    },
  };
}

/** Replicas on PostgreSQL schedule through pg-boss (loaded only then). */
async function startJobs(url: string, leaseSeconds: number, logger: Logger): Promise<PgBoss> {
  const { startBoss } = await import('./jobs/start-boss.js');
  const { schedulerQueues } = await import('./jobs/boss-scheduler.js');
  return startBoss(url, { leaseSeconds, queues: [...schedulerQueues(leaseSeconds), SEC_SYNC_QUEUE] }, logger);
}

async function createScheduler(boss: PgBoss | undefined, store: Store, holder: CatalogHolder, deliverable: Deliverable, logger: Logger): Promise<DeliveryScheduler> {
  if (boss === undefined) return new LocalScheduler(store, () => holder.current, logger, deliverable);
  const { BossScheduler } = await import('./jobs/boss-scheduler.js');
  return new BossScheduler({ boss, store, catalog: () => holder.current, logger, deliverable });
}

/** Says at start-up which subscriptions wait for a platform this bot is not configured for (they are kept, not dropped). */
async function warnUndeliverable(store: Store, platforms: ReadonlySet<string>, logger: Logger): Promise<void> {
  // Counted in the database: a million subscriptions are not loaded to say so.
  for (const [platform, count] of Object.entries(await store.activeSubscriptionCounts())) {
    if (!platforms.has(platform)) logger.warn({ platform, subscriptions: count }, `${count} subscription(s) are for ${platform}, which is not configured here: their digests and alerts wait until it is`);
  }
}

/** SEC_SYNC_CRON: a croner job in one process, a pg-boss schedule across replicas (so one of them syncs). */
async function scheduleSecSync(config: Config, boss: PgBoss | undefined, store: Store, holder: CatalogHolder, logger: Logger): Promise<() => void> {
  const pattern = config.SEC_SYNC_CRON;
  if (pattern === undefined) {
    await boss?.unschedule(SEC_SYNC_QUEUE.name); // it may have been configured before
    return () => undefined;
  }
  const { secSyncRun } = await import('./sec/scheduled-sync.js');
  const run = secSyncRun(config, store, holder, logger);
  if (boss === undefined) {
    const cron = new Cron(pattern, { timezone: 'UTC', protect: true }, run);
    return () => cron.stop();
  }
  await boss.schedule(SEC_SYNC_QUEUE.name, pattern, {}, { tz: 'UTC' });
  await boss.work(SEC_SYNC_QUEUE.name, run);
  return () => undefined; // pg-boss stops with the scheduler
}
