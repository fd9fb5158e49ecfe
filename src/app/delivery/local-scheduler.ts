import type { Logger } from 'pino';
import type { RivalryCatalog } from '../../core/data/catalog.js';
import type { Store } from '../../store/store.js';
import { queueDueDigests } from './digest-scheduler.js';
import { queueNewMilestoneAlerts } from './milestone-announcer.js';
import type { Deliverable, DeliveryScheduler } from './scheduler.js';

/** The single-process scheduler: looks for due digests every `tickMs` and queues alerts when data changes. */
export class LocalScheduler implements DeliveryScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private queued: () => void = () => undefined;

  constructor(
    private readonly store: Store,
    private readonly catalog: () => RivalryCatalog,
    private readonly logger: Logger,
    /** Whether this process can post to the subscription's platform. */
    private readonly deliverable: Deliverable = () => true,
    private readonly tickMs = 30_000,
  ) {}

  async start(queued: () => void): Promise<void> {
    this.queued = queued;
    await this.dataChanged();
    await this.tick();
    this.timer = setInterval(() => void this.tick(), this.tickMs);
  }

  tick(): Promise<void> {
    return this.run('digests', queueDueDigests);
  }

  dataChanged(): Promise<void> {
    return this.run('milestone alerts', queueNewMilestoneAlerts);
  }

  /** One queueing job at a time (the timer and reloads may overlap). */
  private run(what: string, job: (store: Store, catalog: RivalryCatalog, now: Date, deliverable: Deliverable) => Promise<number>): Promise<void> {
    this.running = this.running.then(async () => {
      try {
        const queued = await job(this.store, this.catalog(), new Date(), this.deliverable);
        if (queued === 0) return;
        this.logger.info({ queued }, `${what} queued`);
        this.queued();
      } catch (err) {
        this.logger.error({ err }, `queueing ${what} failed`);
      }
    });
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
