import pg from 'pg';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';

export interface BossOptions {
  /** Seconds a job may stay active before pg-boss deems its worker dead and retries it elsewhere. */
  leaseSeconds: number;
  /** The queues this process works on, created (or updated) at start. */
  queues: readonly PgBoss.Queue[];
}

/** Serialises replicas' queue creation (see createQueues). */
const QUEUE_LOCK = 727_002;

/**
 * pg-boss on the bot's PostgreSQL database (its own `pgboss` schema, installed or migrated at start
 * by pg-boss itself, safely when replicas start together), with the bot's queues in place.
 */
export async function startBoss(url: string, { leaseSeconds, queues }: BossOptions, logger: Logger): Promise<PgBoss> {
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
  await createQueues(url, boss, queues);
  return boss;
}

/**
 * Creating a queue creates and attaches a partition table; two replicas doing it at once deadlock
 * in PostgreSQL (seen in our replica tests), so they take turns under an advisory lock.
 */
async function createQueues(url: string, boss: PgBoss, queues: readonly PgBoss.Queue[]): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: 'rivalry-bot' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [QUEUE_LOCK]);
    for (const queue of queues) {
      if ((await boss.getQueue(queue.name)) === null) await boss.createQueue(queue.name, queue);
      else await boss.updateQueue(queue.name, queue); // options may have changed (e.g. DELIVERY_LEASE_SECONDS)
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [QUEUE_LOCK]).catch(() => undefined);
    await client.end();
  }
}
