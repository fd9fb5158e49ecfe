import { createHash } from 'node:crypto';
import type { RivalryCatalog } from '../../core/data/catalog.js';
import type { Rivalry } from '../../core/data/schema.js';
import type { Message } from '../../core/message/message.js';
import { digestMessage } from '../../core/subscriptions/digest-message.js';
import { latestDueSlot, nextRuns } from '../../core/subscriptions/schedule.js';
import { subscribedRivalry } from '../../core/subscriptions/subscribed-rivalry.js';
import type { Subscription } from '../../core/subscriptions/subscription-service.js';
import type { QueuedDigest, Shard } from '../../store/digest-queue.js';
import type { Store } from '../../store/store.js';
import type { Deliverable } from './scheduler.js';
import { schedulerLagSeconds } from '../metrics/metrics.js';

const HEADING = { daily: 'Daily digest', weekly: 'Weekly digest', monthly: 'Monthly digest' } as const;

/** Due subscriptions read and queued per batch (one read, one transaction each). */
const PAGE = 1000;
/** A due subscription that can't be served now (its platform isn't configured here, its rivalry is gone) is looked at again after this. */
const RETRY_SKIPPED_MS = 5 * 60_000;

export const digestKey = (subscriptionId: number, slot: string) => `digest:${subscriptionId}:${slot}`;

/**
 * A pass's schedule arithmetic, shared: subscriptions with the same schedule and the same last slot
 * (most of a fan-out) have the same due slot and next slot, and time-zone-aware cron stepping is the
 * costliest thing a pass does.
 */
class SlotMath {
  private readonly due = new Map<string, Date | undefined>();
  private readonly next = new Map<string, number>();

  constructor(private readonly now: Date) {}

  private static key(sub: Subscription, at: Date): string {
    return `${sub.schedule.frequency}|${sub.schedule.weekday ?? ''}|${sub.schedule.monthDay ?? ''}|${sub.schedule.time}|${sub.schedule.zone}|${at.getTime()}`;
  }

  /** The latest slot in (since, now], if any. */
  dueSlot(sub: Subscription, since: Date): Date | undefined {
    const key = SlotMath.key(sub, since);
    if (!this.due.has(key)) this.due.set(key, latestDueSlot(sub.schedule, this.now, since));
    return this.due.get(key);
  }

  /** When the schedule runs next after `after` (epoch ms); far in the future for one that never does. */
  nextAfter(sub: Subscription, after: Date): number {
    const key = SlotMath.key(sub, after);
    let at = this.next.get(key);
    if (at === undefined) {
      at = nextRuns(sub.schedule, after, 1)[0]?.getTime() ?? Number.MAX_SAFE_INTEGER;
      this.next.set(key, at);
    }
    return at;
  }
}

/** Digest bodies of one pass, rendered once per rivalry and variant and shared by every subscription that gets it. */
class DigestBodies {
  private readonly byRivalry = new Map<Rivalry, Map<string, { hash: string; message: Message }>>();

  for(rivalry: Rivalry, sub: Subscription): { hash: string; message: Message } {
    let variants = this.byRivalry.get(rivalry);
    if (variants === undefined) {
      variants = new Map();
      this.byRivalry.set(rivalry, variants);
    }
    const variant = `${sub.schedule.frequency}|${sub.withChart}|${sub.metrics?.join(',') ?? '*'}`;
    let body = variants.get(variant);
    if (body === undefined) {
      const message = digestMessage(rivalry, HEADING[sub.schedule.frequency], { withChart: sub.withChart, ...(sub.metrics === undefined ? {} : { metrics: sub.metrics }) });
      body = { hash: createHash('sha256').update(JSON.stringify(message)).digest('hex').slice(0, 32), message };
      variants.set(variant, body);
    }
    return body;
  }
}

/**
 * Queues every digest due at `now`, for the subscriptions `deliverable` accepts. Each subscription gets
 * at most one: the latest slot since its last one (after three weeks down, one catch-up digest, not
 * three). Due subscriptions come from the next-due index, a batch at a time; each batch is one
 * transaction that queues the posts, marks the slots handled and records the next ones, so a slot is
 * queued once however often (or on however many replicas) this runs.
 */
export async function queueDueDigests(store: Store, catalog: RivalryCatalog, now: Date, deliverable: Deliverable = () => true, shard?: Shard): Promise<number> {
  const bodies = new DigestBodies();
  const math = new SlotMath(now);
  // Posts of one workspace are spread a millisecond apart in the senders' order, so a fan-out is sent
  // workspace after workspace in turn (each at its own rate), not one workspace's hundred posts first.
  const perWorkspace = new Map<string, number>();
  let queued = 0;
  const broken: string[] = [];
  for (;;) {
    const due = await store.digests.dueSubscriptions(now.getTime(), PAGE, shard);
    const later: Array<{ subscriptionId: number; at: number }> = [];
    const items: QueuedDigest[] = [];
    const payloads = new Map<string, Message>();
    for (const sub of due) {
      const since = new Date(sub.lastSlot ?? sub.createdAt);
      const step = nextStep(math, sub, since);
      if ('broken' in step) {
        // One schedule that cannot be computed (a zone this machine's ICU doesn't know) must not hold up everyone else's digests.
        broken.push(`subscription ${sub.id}: ${step.broken}`);
        later.push({ subscriptionId: sub.id, at: now.getTime() + RETRY_SKIPPED_MS });
        continue;
      }
      const rivalry = subscribedRivalry(catalog, sub);
      if ('at' in step) later.push({ subscriptionId: sub.id, at: step.at });
      else if (rivalry === undefined || !deliverable(sub)) later.push({ subscriptionId: sub.id, at: now.getTime() + RETRY_SKIPPED_MS });
      else {
        const body = bodies.for(rivalry, sub);
        payloads.set(body.hash, body.message);
        const workspace = `${sub.platform}:${sub.workspaceId}`;
        const rank = perWorkspace.get(workspace) ?? 0;
        perWorkspace.set(workspace, rank + 1);
        const slot = step.slot.toISOString();
        items.push({ subscriptionId: sub.id, slot, key: digestKey(sub.id, slot), payloadHash: body.hash, nextDueAt: step.nextDueAt, sendFrom: now.getTime() + rank });
      }
    }
    await store.digests.setNextDue(later);
    const added = await store.digests.queueDigests(items, payloads, now.getTime());
    queued += added;
    // Another replica may have queued some of the batch first; then the lag is its to report.
    if (added === items.length) observeLag(items.map((i) => Date.parse(i.slot)));
    if (due.length < PAGE) break;
  }
  if (broken.length > 0) throw new Error(`${queued} digest(s) queued; ${broken.length} schedule(s) could not be computed and are retried in ${RETRY_SKIPPED_MS / 60_000} min: ${broken.slice(0, 5).join('; ')}`);
  return queued;
}

/** A subscription's due slot and the one after it, or when it is next due, or why that can't be computed. */
function nextStep(math: SlotMath, sub: Subscription, since: Date): { slot: Date; nextDueAt: number } | { at: number } | { broken: string } {
  try {
    const slot = math.dueSlot(sub, since);
    return slot === undefined ? { at: math.nextAfter(sub, since) } : { slot, nextDueAt: math.nextAfter(sub, slot) };
  } catch (error) {
    return { broken: error instanceof Error ? error.message : String(error) };
  }
}

/** How late each slot was queued: what "digests are late" alerts are built on. */
function observeLag(slots: number[]): void {
  const at = Date.now();
  for (const slot of slots) schedulerLagSeconds.observe(Math.max(0, (at - slot) / 1000));
}
