import type { Subscription } from '../../core/subscriptions/subscription-service.js';

/** Whether this process can post to a subscription's platform (its adapter is configured here). */
export type Deliverable = (s: Subscription) => boolean;

/**
 * Turns due digest slots and new milestones into outbox posts. One process: a timer
 * (LocalScheduler). Replicas on PostgreSQL: pg-boss jobs (BossScheduler).
 */
export interface DeliveryScheduler {
  /** `queued` is called whenever this process queued posts, so its sender looks at once. */
  start(queued: () => void): Promise<void>;
  /** Look for due digests now. */
  tick(): Promise<void>;
  /** New data is in service: announce its new milestones. Never rejects (file watchers call it): failures are logged and retried. */
  dataChanged(): Promise<void>;
  /** Stops taking work; work in progress finishes (or is handed to another replica). */
  stop(): Promise<void>;
}
