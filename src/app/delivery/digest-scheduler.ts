import { subscribedRivalry } from '../../core/subscriptions/subscribed-rivalry.js';
import type { RivalryCatalog } from '../../core/data/catalog.js';
import { digestMessage } from '../../core/subscriptions/digest-message.js';
import { latestDueSlot } from '../../core/subscriptions/schedule.js';
import type { Subscription } from '../../core/subscriptions/subscription-service.js';
import type { Store } from '../../store/store.js';
import type { Deliverable } from './scheduler.js';

const HEADING = { daily: 'Daily digest', weekly: 'Weekly digest', monthly: 'Monthly digest' } as const;

/** One digest to post: a subscription's slot, and the key that makes it unique everywhere. */
export interface DueDigest {
  subscriptionId: number;
  /** ISO instant of the slot. */
  slot: string;
  key: string;
}

export const digestKey = (subscriptionId: number, slot: string) => `digest:${subscriptionId}:${slot}`;

/**
 * The digests due at `now`. Each subscription gets at most one: the latest slot since the last one
 * it got (or since it subscribed), so a bot that was down for three weeks posts one catch-up digest,
 * not three.
 */
export function dueDigests(subscriptions: readonly Subscription[], catalog: RivalryCatalog, now: Date): DueDigest[] {
  const due: DueDigest[] = [];
  for (const sub of subscriptions) {
    if (sub.alertsOnly || sub.disabledReason !== undefined) continue;
    if (subscribedRivalry(catalog, sub) === undefined) continue; // its rivalry is gone (untracked, file removed): nothing truthful to post
    const slot = latestDueSlot(sub.schedule, now, new Date(sub.lastSlot ?? sub.createdAt));
    if (slot !== undefined) due.push({ subscriptionId: sub.id, slot: slot.toISOString(), key: digestKey(sub.id, slot.toISOString()) });
  }
  return due;
}

/** Builds the digest and queues it with its slot marked handled, atomically. Idempotent: false when the key was queued before. */
export async function queueDigestSlot(store: Store, catalog: RivalryCatalog, sub: Subscription, slot: string, now: Date): Promise<boolean> {
  const rivalry = subscribedRivalry(catalog, sub);
  if (rivalry === undefined || sub.alertsOnly || sub.disabledReason !== undefined) return false;
  return store.queueDigest(sub.id, slot, digestKey(sub.id, slot), digestMessage(rivalry, HEADING[sub.schedule.frequency], { withChart: sub.withChart, ...(sub.metrics === undefined ? {} : { metrics: sub.metrics }) }), now.getTime());
}

/**
 * Queues every digest that is due at `now` (the single-process scheduler's whole job), for the
 * subscriptions `deliverable` accepts (their platform is configured here); the others keep their slot
 * and get one catch-up digest once it is.
 */
export async function queueDueDigests(store: Store, catalog: RivalryCatalog, now: Date, deliverable: Deliverable = () => true): Promise<number> {
  const subscriptions = (await store.activeSubscriptions()).filter(deliverable);
  const byId = new Map(subscriptions.map((s) => [s.id, s]));
  let queued = 0;
  for (const due of dueDigests(subscriptions, catalog, now)) {
    const sub = byId.get(due.subscriptionId);
    if (sub !== undefined && (await queueDigestSlot(store, catalog, sub, due.slot, now))) queued += 1;
  }
  return queued;
}
