import PgBoss from 'pg-boss';
import type { Logger } from 'pino';

export interface BossOptions {
  /** Seconds a job may stay active before pg-boss deems its worker dead and retries it elsewhere. */
  leaseSeconds: number;
}

/**
 * pg-boss on the bot's PostgreSQL database (its own `pgboss` schema, installed or migrated at start
 * by pg-boss itself, safely when replicas start together).
 */
export async function startBoss(url: string, { leaseSeconds }: BossOptions, logger: Logger): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    schema: 'pgboss',
    application_name: 'rivalry-bot',
    max: 4,
    // Expired jobs (their replica died) are found by maintenance: check often enough that a dead
    // replica's jobs move on within about one lease.
    maintenanceIntervalSeconds: Math.max(1, Math.min(60, Math.floor(leaseSeconds / 2))),
    // Cron jobs (the digest tick) are created within ~10 s of the minute.
    cronMonitorIntervalSeconds: 10,
    cronWorkerIntervalSeconds: 2,
  });
  // An EventEmitter 'error' without a listener would crash the process; pg-boss retries by itself.
  boss.on('error', (err) => logger.error({ err }, 'pg-boss error'));
  await boss.start();
  return boss;
}
