import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { RivalryCatalog } from '../../core/data/catalog.js';
import type { Store } from '../../store/store.js';
import { queueDueDigests } from '../delivery/digest-scheduler.js';
import { queueNewMilestoneAlerts } from '../delivery/milestone-announcer.js';
import type { Deliverable, DeliveryScheduler } from '../delivery/scheduler.js';
import { catalogVersion } from '../catalog/catalog-version.js';
import { jobIdFor } from './job-id.js';

export const QUEUES = {
  /** Every minute (pg-boss cron: one job per minute however many replicas run): find due digest slots. */
  tick: 'rivalry-digest-tick',
  /** Per minute, one job per shard of the subscriptions (id from minute and shard): queue the digests due in it. */
  digest: 'rivalry-digest',
  /** One job per data version (id from its fingerprint): queue the new milestones' alerts for every subscription. */
  milestones: 'rivalry-milestones',
} as const;

/** The queues, with how long a job is its worker's (the lease) and how often it is retried. */
export function schedulerQueues(leaseSeconds: number): PgBoss.Queue[] {
  const common = { expireInSeconds: leaseSeconds, retentionMinutes: 7 * 24 * 60 };
  return [
    { name: QUEUES.tick, ...common, retryLimit: 1 },
    { name: QUEUES.digest, ...common, retryLimit: 10, retryDelay: 5, retryBackoff: true },
    // A replica serving other data refuses the job (see onMilestones); retries give the others time to catch up.
    { name: QUEUES.milestones, ...common, retryLimit: 30, retryDelay: 10 },
  ];
}

/** Shards a minute's digest work is split into, so replicas take parts of a large fan-out in parallel. */
const SHARDS = 4;

interface DigestShardJob {
  minute: string;
  shard: number;
}

interface MilestonesJob {
  version: string;
}

export interface BossSchedulerOptions {
  boss: PgBoss;
  store: Store;
  catalog: () => RivalryCatalog;
  logger: Logger;
  /** Whether this process can post to the subscription's platform (replicas are configured alike). */
  deliverable?: Deliverable;
}

/**
 * Scheduling as pg-boss jobs, for replicas sharing PostgreSQL. Job ids derive from what the job is
 * about, so replicas that notice the same slot or data change create one job; a replica that dies
 * mid-job leaves it to expire and be retried by another; every handler is idempotent (the outbox
 * key is unique), so a retried job never queues a post twice.
 */
export class BossScheduler implements DeliveryScheduler {
  private queued: () => void = () => undefined;
  private readonly logger: Logger;
  private readonly deliverable: Deliverable;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: BossSchedulerOptions) {
    this.logger = options.logger.child({ component: 'jobs' });
    this.deliverable = options.deliverable ?? (() => true);
  }

  async start(queued: () => void): Promise<void> {
    this.queued = queued;
    const { boss } = this.options;
    await boss.schedule(QUEUES.tick, '* * * * *', {}, { tz: 'UTC' });
    await boss.work(QUEUES.tick, { pollingIntervalSeconds: 1 }, () => this.onTick());
    await boss.work<Partial<DigestShardJob>>(QUEUES.digest, { pollingIntervalSeconds: 1 }, (jobs) => this.onDigests(jobs.map((j) => j.data)));
    await boss.work<MilestonesJob>(QUEUES.milestones, { pollingIntervalSeconds: 1 }, (jobs) => this.onMilestones(jobs.map((j) => j.data)));
    // Catch up at once rather than at the next minute: missed slots, milestones of data changed while down.
    await this.tick();
    await this.dataChanged();
  }

  /** A tick job for the current minute (the same id on every replica, so one runs). */
  async tick(): Promise<void> {
    const minute = new Date().toISOString().slice(0, 16);
    await this.options.boss.send(QUEUES.tick, {}, { id: jobIdFor(`tick:${minute}`) });
  }

  /** Never rejects (a file change calls it): if the database is away, it tries again until it is back. */
  async dataChanged(): Promise<void> {
    clearTimeout(this.retryTimer);
    const version = catalogVersion(this.options.catalog());
    try {
      await this.options.boss.send(QUEUES.milestones, { version } satisfies MilestonesJob, { id: jobIdFor(`milestones:${version}`) });
    } catch (err) {
      this.logger.error({ err }, 'could not queue the milestone alerts for new data; retrying in 10 s');
      if (!this.stopped) this.retryTimer = setTimeout(() => void this.dataChanged(), 10_000);
    }
  }

  /** The minute's digest work as SHARDS jobs (ids from minute and shard), so replicas queue a large fan-out side by side. */
  private async onTick(): Promise<void> {
    const minute = new Date().toISOString().slice(0, 16);
    await this.options.boss.insert(Array.from({ length: SHARDS }, (_, shard) => ({ name: QUEUES.digest, id: jobIdFor(`digests:${minute}:${shard}`), data: { minute, shard } satisfies DigestShardJob })));
  }

  /** Queues the digests due in a shard (subscription id mod SHARDS); running one twice queues nothing twice. */
  private async onDigests(jobs: ReadonlyArray<Partial<DigestShardJob>>): Promise<void> {
    const { store, catalog } = this.options;
    let queued = 0;
    for (const job of jobs) {
      // A job of an older version (one per slot) carries no shard: the next-due index finds its slot anyway.
      if (job.shard === undefined) continue;
      queued += await queueDueDigests(store, catalog(), new Date(), this.deliverable, { index: job.shard, count: SHARDS });
    }
    if (queued === 0) return;
    this.logger.info({ queued }, 'digests queued');
    this.queued();
  }

  private async onMilestones(jobs: readonly MilestonesJob[]): Promise<void> {
    const catalog = this.options.catalog();
    const mine = catalogVersion(catalog);
    for (const job of jobs) {
      // Announcing from other data would record the wrong milestones as told: leave it to a replica that has it.
      if (job.version !== mine) throw new Error(`this replica serves data version ${mine}, the job is for ${job.version}: retrying later`);
      const queued = await queueNewMilestoneAlerts(this.options.store, catalog, new Date(), this.deliverable);
      if (queued === 0) continue;
      this.logger.info({ queued }, 'milestone alerts queued');
      this.queued();
    }
  }

  /** Graceful: running jobs get up to 10 s to finish; whatever is still running is failed, so another replica retries it. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    await this.options.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }
}
