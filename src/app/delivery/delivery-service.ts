import type { Logger } from 'pino';
import type { RivalryCatalog } from '../../core/data/catalog.js';
import type { ChannelPoster } from '../../core/delivery/channel-poster.js';
import type { Store } from '../../store/store.js';
import { queueDueDigests } from './digest-scheduler.js';
import { queueNewMilestoneAlerts } from './milestone-announcer.js';
import { OutboxSender, type OutboxSenderOptions } from './outbox-sender.js';

export interface DeliveryOptions {
  store: Store;
  posters: readonly ChannelPoster[];
  catalog: () => RivalryCatalog;
  logger: Logger;
  /** How often due digests are looked for. */
  tickMs?: number;
  sender?: Partial<OutboxSenderOptions>;
}

/** Scheduled digests and milestone alerts, queued in the outbox and delivered by one sender. */
export class DeliveryService {
  private readonly sender: OutboxSender;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> = Promise.resolve();

  constructor(private readonly options: DeliveryOptions) {
    this.sender = new OutboxSender({ store: options.store, posters: options.posters, logger: options.logger.child({ component: 'outbox' }), ...options.sender });
  }

  async start(): Promise<void> {
    await this.sender.start();
    await this.dataChanged();
    await this.tick();
    this.timer = setInterval(() => void this.tick(), this.options.tickMs ?? 30_000);
  }

  /** Queues every due digest. */
  tick(): Promise<void> {
    return this.queue('digests', queueDueDigests);
  }

  /** New data is in service: announce its new milestones. */
  dataChanged(): Promise<void> {
    return this.queue('milestone alerts', queueNewMilestoneAlerts);
  }

  /** Runs one queueing job at a time (timer and reloads may overlap), then wakes the sender if it queued anything. */
  private queue(what: string, job: (store: Store, catalog: RivalryCatalog, now: Date) => Promise<number>): Promise<void> {
    this.ticking = this.ticking.then(async () => {
      try {
        const queued = await job(this.options.store, this.options.catalog(), new Date());
        if (queued === 0) return;
        this.options.logger.info({ queued }, `${what} queued`);
        this.sender.notify();
      } catch (err) {
        this.options.logger.error({ err }, `queueing ${what} failed`);
      }
    });
    return this.ticking;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.ticking;
    await this.sender.stop();
  }
}
