import type { Message } from '../core/message/message.js';
import type { Subscription } from '../core/subscriptions/subscription-service.js';

/** Part of the subscriptions, by id modulo `count`, so several workers can share a fan-out. */
export interface Shard {
  index: number;
  count: number;
}

/** One digest to queue: the subscription's slot, its key, the body it shares, and when the subscription is next due. */
export interface QueuedDigest {
  subscriptionId: number;
  /** ISO instant of the slot. */
  slot: string;
  key: string;
  /** The body, stored once (in `payloads`) however many subscriptions share it. */
  payloadHash: string;
  /** Epoch ms of the subscription's following slot. */
  nextDueAt: number;
  /** Epoch ms from which the post may go; also its place in the senders' order. */
  sendFrom: number;
}

/**
 * Digests at scale. Each subscription keeps the time of its next slot, indexed, so a tick reads only
 * what is due; a digest body is rendered once per rivalry, variant and slot, stored once and
 * referenced by every post that carries it.
 */
export interface DigestQueue {
  /** Up to `limit` active digest subscriptions due at `now`, or whose next slot is not computed yet (of one shard, when given). */
  dueSubscriptions(now: number, limit: number, shard?: Shard): Promise<Subscription[]>;
  /** Records when subscriptions are next due (also how a skipped one is retried later). */
  setNextDue(entries: ReadonlyArray<{ subscriptionId: number; at: number }>): Promise<void>;
  /**
   * In one transaction: the bodies (once each), every post referencing its body, each slot marked
   * handled and the next one recorded. Returns how many posts were new (a key queued before is skipped).
   */
  queueDigests(items: readonly QueuedDigest[], payloads: ReadonlyMap<string, Message>, now: number): Promise<number>;
}
