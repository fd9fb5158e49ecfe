import { describe, expect, it } from 'vitest';
import { createMessage } from '../../src/core/message/message.js';
import type { Store } from '../../src/store/store.js';
import { newSubscription } from '../helpers/subscriptions.js';
import { storeTest } from './store-contract.js';

const message = createMessage({ title: 't', fallbackText: 't' });

/** Queues one digest for a new subscription in `channelId` and makes it dead at `deadAt`; returns its id. */
async function deadItem(store: Store, channelId: string, deadAt: number, platform = 'slack'): Promise<number> {
  const { subscription } = await store.subscribe(newSubscription({ platform, channelId }), []);
  await store.queueDigest(subscription.id, `slot-${channelId}`, `digest:${platform}:${channelId}`, message, deadAt - 10);
  const item = (await store.outboxItems('pending')).find((i) => i.key === `digest:${platform}:${channelId}`);
  const id = item?.id ?? 0;
  await store.markSending([id], deadAt - 5, 'sender', deadAt);
  await store.markDead(id, 'gave up after 1 attempts: 502 Bad Gateway', deadAt);
  return id;
}

/** The operator's side of the store: item history, re-sends, purges, the audit trail. */
export function runOpsContract(name: string, open: () => Promise<Store>): void {
  describe(`ops contract: ${name}`, () => {
    const withStore = storeTest(open);

    it('keeps each item\'s history of retries, rate limits, recoveries and its dead letter', withStore(async (store) => {
      const { subscription } = await store.subscribe(newSubscription(), []);
      await store.queueDigest(subscription.id, 's1', 'digest:1:s1', message, 100);
      const id = (await store.outboxItems())[0]?.id ?? 0;
      await store.markSending([id], 100, 'one', 200);
      await store.markRetry(id, 300, '429: slow down', { refundAttempt: true, now: 110 });
      await store.markSending([id], 300, 'one', 400);
      await store.markRetry(id, 500, '502 Bad Gateway', { refundAttempt: false, now: 310 });
      await store.markSending([id], 500, 'one', 600);
      expect(await store.recoverStale(501, 700)).toBe(1);
      await store.markSending([id], 800, 'one', 900);
      await store.markDead(id, 'gave up after 3 attempts: 502', 810);
      expect(await store.ops.outboxEvents(id)).toEqual([
        { at: 110, kind: 'rate-limited', attempt: 0, detail: '429: slow down' },
        { at: 310, kind: 'retry', attempt: 1, detail: '502 Bad Gateway' },
        { at: 700, kind: 'recovered', attempt: 2, detail: expect.stringContaining('re-sent after a check') },
        { at: 810, kind: 'dead', attempt: 3, detail: 'gave up after 3 attempts: 502' },
      ]);
      expect(await store.outboxItem(id)).toMatchObject({ id, status: 'dead', attempts: 3, lastError: 'gave up after 3 attempts: 502', payload: message });
      expect(await store.outboxItem(id + 1000)).toBeUndefined();
      expect(await store.ops.outboxEvents(id + 1000)).toEqual([]);
    }));

    it('re-queues a dead item once with its key, says why it leaves others alone, and records who did it', withStore(async (store) => {
      const dead = await deadItem(store, 'C1', 1000);
      const { subscription } = await store.subscribe(newSubscription({ channelId: 'C2' }), []);
      await store.queueDigest(subscription.id, 'p', 'digest:pending', message, 1000);
      const pending = (await store.outboxItems('pending'))[0]?.id ?? 0;
      const before = await store.outboxCounts();

      const result = await store.ops.retryDead({ ids: [dead, pending, 99_999] }, 2000, 'operator:ana');
      expect(result.requeued).toEqual([dead]);
      expect(result.skipped).toEqual([
        { id: pending, reason: 'it is pending, not dead' },
        { id: 99_999, reason: 'no such outbox item' },
      ]);
      expect(await store.outboxItem(dead)).toMatchObject({ status: 'pending', attempts: 0, uncertain: true, nextAttemptAt: 2000, key: 'digest:slack:C1' });
      expect(await store.outboxCounts()).toEqual({ ...before, dead: before.dead - 1, pending: before.pending + 1 });
      expect((await store.ops.outboxEvents(dead)).at(-1)).toEqual({ at: 2000, kind: 'requeued', attempt: 0, detail: 'by operator:ana' });
      const [entry] = await store.ops.entries({ limit: 5 });
      // Recorded where it applies, so the workspace's admins see it in /rivalry audit.
      expect(entry).toMatchObject({ at: 2000, platform: 'slack', workspaceId: 'T0001', channelId: 'C1', actor: 'operator:ana', action: 'retry', target: `outbox ${dead}` });
      // The due item goes out like any other.
      expect((await store.dueItems(2000, 10)).map((i) => i.id)).toContain(dead);
    }));

    it('re-queues each dead item exactly once when two operators retry at the same time', withStore(async (store) => {
      const ids = [await deadItem(store, 'C1', 1000), await deadItem(store, 'C2', 1000), await deadItem(store, 'C3', 1000)];
      const [a, b] = await Promise.all([store.ops.retryDead({ ids }, 2000, 'operator:a'), store.ops.retryDead({}, 2000, 'operator:b')]);
      expect([...a.requeued, ...b.requeued].sort((x, y) => x - y)).toEqual(ids);
      const events = (await Promise.all(ids.map((id) => store.ops.outboxEvents(id)))).flat().filter((e) => e.kind === 'requeued');
      expect(events).toHaveLength(3);
      expect((await store.ops.entries({ limit: 10 })).filter((e) => e.action === 'retry')).toHaveLength(3);
    }));

    it('re-sends every dead item of a platform, dead since a time, but not those whose subscription is gone or stopped', withStore(async (store) => {
      const old = await deadItem(store, 'C1', 1000);
      const recent = await deadItem(store, 'C2', 5000);
      const discord = await deadItem(store, 'C3', 5000, 'discord');
      const unsubscribed = await deadItem(store, 'C4', 5000);
      await store.unsubscribe({ platform: 'slack', workspaceId: 'T0001', channelId: 'C4' }, 'amazon-vs-walmart');
      expect(await store.ops.retryDead({ platform: 'slack', since: 4000 }, 6000, 'operator:ana')).toEqual({
        requeued: [recent],
        skipped: [{ id: unsubscribed, reason: expect.stringContaining('subscription was removed') }],
      });
      expect((await store.outboxItems('dead')).map((i) => i.id).sort((x, y) => x - y)).toEqual([old, discord, unsubscribed].sort((x, y) => x - y));
      expect((await store.ops.retryDead({ ids: [unsubscribed] }, 6000, 'operator:ana')).requeued).toEqual([]);
    }));

    it('purges refused items queued before a date, with their history, and records it once', withStore(async (store) => {
      const { subscription } = await store.subscribe(newSubscription(), []);
      for (const [slot, at] of [['old', 1000], ['new', 9000]] as const) {
        await store.queueDigest(subscription.id, slot, `digest:${slot}`, message, at);
        const id = (await store.outboxItems('pending'))[0]?.id ?? 0;
        await store.markRejected(id, 'channel_not_found', at + 1);
        await store.subscribe(newSubscription(), []); // re-enable, so the next one queues
      }
      expect(await store.ops.purgeRejected(5000, 10_000, 'operator:ana')).toBe(1);
      expect((await store.outboxItems('rejected')).map((i) => i.key)).toEqual(['digest:new']);
      const [entry] = await store.ops.entries({ limit: 1 });
      expect(entry).toMatchObject({ actor: 'operator:ana', action: 'purge', target: 'outbox', detail: expect.stringContaining('1 refused items') });
    }));

    it('keeps the audit trail per workspace, newest first', withStore(async (store) => {
      await store.ops.record({ at: 1, platform: 'slack', workspaceId: 'T1', channelId: 'C1', actor: 'U1', action: 'subscribe', target: 'amazon-vs-walmart', detail: 'daily at 09:00' });
      await store.ops.record({ at: 2, platform: 'slack', workspaceId: 'T2', actor: 'U2', action: 'track', target: 'nvda-vs-amd' });
      await store.ops.record({ at: 3, platform: 'discord', workspaceId: 'T1', actor: 'U3', action: 'untrack', target: 'x' });
      await store.ops.record({ at: 4, platform: 'slack', workspaceId: 'T1', actor: 'U1', action: 'unsubscribe', target: 'amazon-vs-walmart' });
      expect(await store.ops.entries({ platform: 'slack', workspaceId: 'T1', limit: 10 })).toEqual([
        { at: 4, platform: 'slack', workspaceId: 'T1', actor: 'U1', action: 'unsubscribe', target: 'amazon-vs-walmart' },
        { at: 1, platform: 'slack', workspaceId: 'T1', channelId: 'C1', actor: 'U1', action: 'subscribe', target: 'amazon-vs-walmart', detail: 'daily at 09:00' },
      ]);
      expect((await store.ops.entries({ limit: 2 })).map((e) => e.at)).toEqual([4, 3]);
    }));

    it('reports the backlog, the oldest unsent item and the live senders', withStore(async (store) => {
      expect(await store.ops.oldestPendingQueuedAt()).toBeUndefined();
      const { subscription } = await store.subscribe(newSubscription(), []);
      await store.queueDigest(subscription.id, 'a', 'digest:a', message, 1000);
      await store.queueDigest(subscription.id, 'b', 'digest:b', message, 2000);
      expect(await store.ops.oldestPendingQueuedAt()).toBe(1000);
      const [first] = await store.outboxItems('pending');
      await store.markSending([first?.id ?? 0], 1500, 'one', 2000);
      expect(await store.ops.outboxBacklog()).toEqual({ pending: 1, sending: 1, dead: 0, rejected: 0 });
      await store.markSent([first?.id ?? 0], 1600);
      expect(await store.ops.outboxBacklog()).toEqual({ pending: 1, sending: 0, dead: 0, rejected: 0 });
      expect(await store.ops.oldestPendingQueuedAt()).toBe(2000);
      await store.senderHeartbeat('one', 5000, 0);
      await store.senderHeartbeat('two', 9000, 0);
      expect(await store.ops.liveSenders(6000)).toBe(1);
      expect(await store.ops.liveSenders(0)).toBe(2);
    }));
  });
}
