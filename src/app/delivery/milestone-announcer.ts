import { subscribedRivalry } from '../../core/subscriptions/subscribed-rivalry.js';
import { createHash } from 'node:crypto';
import type { RivalryCatalog } from '../../core/data/catalog.js';
import { filingsBehind } from '../../core/earnings/filing-messages.js';
import { allMilestones } from '../../core/milestones/all-milestones.js';
import { alertMessage } from '../../core/subscriptions/digest-message.js';
import type { Store } from '../../store/store.js';
import { eachActiveSubscription } from '../../store/each-active-subscription.js';
import type { Deliverable } from './scheduler.js';

/**
 * Milestones whose period ended longer ago than this are history, not news: a detector added in a
 * later version must not flood channels with old events. They are recorded as known instead.
 */
export const NEWS_WINDOW_DAYS = 400;

/**
 * Queues one alert per subscription for the milestones it has not been told about, and records them,
 * in one transaction each: every milestone id reaches every subscribed channel once.
 */
export async function queueNewMilestoneAlerts(store: Store, catalog: RivalryCatalog, now: Date, deliverable: Deliverable = () => true): Promise<number> {
  const cutoff = new Date(now.getTime() - NEWS_WINDOW_DAYS * 86_400_000).toISOString().slice(0, 10);
  let queued = 0;
  // Figures of a 10-Q/10-K the earnings watcher handles are announced in its "new period" post instead.
  const watched = await store.filings.watcherAccessions();
  // Subscriptions on a platform not configured here are left unannounced: they hear the news once it is (within the news window).
  for await (const sub of eachActiveSubscription(store)) {
    if (!deliverable(sub)) continue;
    const rivalry = subscribedRivalry(catalog, sub);
    if (rivalry === undefined) continue;
    const known = await store.announcedMilestones(sub.id);
    // A subscription narrowed to some metrics hears about those only (the others stay unannounced, not recorded).
    const unseen = allMilestones(rivalry).filter((m) => !known.has(m.id) && (sub.metrics === undefined || sub.metrics.includes(m.metric)) && !filingsBehind(m).some((a) => watched.has(a)));
    if (unseen.length === 0) continue;
    const news = unseen.filter((m) => m.periodEnd >= cutoff);
    const old = unseen.filter((m) => m.periodEnd < cutoff).map((m) => m.id);
    if (old.length > 0) await store.recordKnownMilestones(sub.id, old, now.getTime());
    if (news.length === 0) continue;
    const ids = news.map((m) => m.id).sort();
    const key = `alert:${sub.id}:${createHash('sha256').update(ids.join('\n')).digest('hex').slice(0, 32)}`;
    if (await store.queueAlert(sub.id, ids, key, alertMessage(rivalry, news), now.getTime())) queued += 1;
  }
  return queued;
}
