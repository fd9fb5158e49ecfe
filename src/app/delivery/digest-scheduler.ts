import type { RivalryCatalog } from '../../core/data/catalog.js';
import { digestMessage } from '../../core/subscriptions/digest-message.js';
import { latestDueSlot } from '../../core/subscriptions/schedule.js';
import type { Store } from '../../store/store.js';

const HEADING = { daily: 'Daily digest', weekly: 'Weekly digest', monthly: 'Monthly digest' } as const;

/**
 * Queues every digest that is due at `now`. Each subscription gets at most one per call: the latest
 * slot since the last one it got (or since it subscribed), so a bot that was down for three weeks
 * posts one catch-up digest, not three. Idempotent: the slot is the key.
 */
export async function queueDueDigests(store: Store, catalog: RivalryCatalog, now: Date): Promise<number> {
  let queued = 0;
  for (const sub of await store.activeSubscriptions()) {
    if (sub.alertsOnly) continue;
    const rivalry = catalog.findRivalry(sub.rivalry);
    if (rivalry === undefined) continue; // its data file is gone or broken: nothing truthful to post
    const slot = latestDueSlot(sub.schedule, now, new Date(sub.lastSlot ?? sub.createdAt));
    if (slot === undefined) continue;
    const key = `digest:${sub.id}:${slot.toISOString()}`;
    if (await store.queueDigest(sub.id, slot.toISOString(), key, digestMessage(rivalry, HEADING[sub.schedule.frequency], sub.withChart), now.getTime())) queued += 1;
  }
  return queued;
}
