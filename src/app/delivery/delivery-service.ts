import type { Logger } from 'pino';
import type { ChannelPoster } from '../../core/delivery/channel-poster.js';
import type { Store } from '../../store/store.js';
import { OutboxSender, type OutboxSenderOptions } from './outbox-sender.js';
import type { DeliveryScheduler } from './scheduler.js';

export interface DeliveryOptions {
  store: Store;
  posters: readonly ChannelPoster[];
  /** What queues digests and alerts (a timer alone, pg-boss jobs on PostgreSQL). */
  scheduler: DeliveryScheduler;
  logger: Logger;
  sender?: Partial<OutboxSenderOptions>;
}

/** Scheduled digests and milestone alerts: queued in the outbox by the scheduler, delivered by one sender per process. */
export class DeliveryService {
  private readonly sender: OutboxSender;

  constructor(private readonly options: DeliveryOptions) {
    this.sender = new OutboxSender({ store: options.store, posters: options.posters, logger: options.logger.child({ component: 'outbox' }), ...options.sender });
  }

  async start(): Promise<void> {
    await this.sender.start();
    await this.options.scheduler.start(() => this.sender.notify());
  }

  /** Posts were queued outside the scheduler (the earnings watcher): the sender looks at once. */
  notify(): void {
    this.sender.notify();
  }

  /** Looks for due digests now. */
  tick(): Promise<void> {
    return this.options.scheduler.tick();
  }

  /** New data is in service: announce its new milestones. */
  dataChanged(): Promise<void> {
    return this.options.scheduler.dataChanged();
  }

  async stop(): Promise<void> {
    await this.options.scheduler.stop();
    await this.sender.stop();
  }
}
