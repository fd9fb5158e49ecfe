import { describe, expect, it } from 'vitest';
import { createMessage } from '../../src/core/message/message.js';
import type { Store } from '../../src/store/store.js';
import { newSubscription } from '../helpers/subscriptions.js';
import { eachActiveSubscription } from '../../src/store/each-active-subscription.js';

const message = createMessage({ title: 't', fallbackText: 't' });

/** A test body run against a freshly opened store, closed afterwards whatever happens. */
export const storeTest = (open: () => Promise<Store>) => (test: (store: Store) => Promise<void>) => async () => {
  const store = await open();
  try {
    await test(store);
  } finally {
    await store.close();
  }
};

/** What every Store implementation must do alike: `runStoreContract('sqlite', () => new SqliteStore(':memory:'))`. */
export function runStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract: ${name}`, () => {
    const withStore = storeTest(open);

    it('pages the active subscriptions by id and counts them per platform without loading them', withStore(async (store) => {
      for (const [platform, channel] of [['slack', 'C1'], ['slack', 'C2'], ['discord', 'C3'], ['slack', 'C4'], ['teams', 'C5']] as const) await store.subscribe(newSubscription({ platform, channelId: channel }), []);
      await store.subscribe(newSubscription({ channelId: 'C6' }), []);
      const { subscription: stopped } = await store.subscribe(newSubscription({ channelId: 'C7' }), []);
      await store.queueDigest(stopped.id, 's', 'digest:stopped', message, 1);
      await store.markRejected((await store.outboxItems('pending'))[0]?.id ?? 0, 'channel_not_found', 2);
      expect(await store.activeSubscriptionCounts()).toEqual({ slack: 4, discord: 1, teams: 1 });
      const paged: string[] = [];
      for await (const s of eachActiveSubscription(store, 2)) paged.push(s.channelId);
      expect(paged).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C6']);
      expect((await store.activeSubscriptions()).map((s) => s.channelId)).toEqual(paged);
    }));

    it('keeps workspaces apart', withStore(async (store) => {
      await store.subscribe(newSubscription({ workspaceId: 'T1', channelId: 'C1' }), []);
      await store.subscribe(newSubscription({ workspaceId: 'T2', channelId: 'C1' }), []);
      await store.subscribe(newSubscription({ platform: 'discord', workspaceId: 'T1', channelId: 'C1' }), []);
      expect((await store.listForWorkspace('slack', 'T1')).map((s) => `${s.workspaceId}/${s.channelId}`)).toEqual(['T1/C1']);
      expect(await store.unsubscribe({ platform: 'slack', workspaceId: 'T2', channelId: 'C1' }, 'amazon-vs-walmart')).toBe(true);
      expect(await store.unsubscribe({ platform: 'slack', workspaceId: 'T2', channelId: 'C1' }, 'amazon-vs-walmart')).toBe(false);
      expect(await store.listForWorkspace('slack', 'T1')).toHaveLength(1);
      expect(await store.listForWorkspace('discord', 'T1')).toHaveLength(1);
    }));

    it('re-subscribing updates in place and re-enables a stopped subscription', withStore(async (store) => {
      const { subscription, created } = await store.subscribe(newSubscription({ withChart: true }), []);
      expect(created).toBe(true);
      expect(subscription).toMatchObject({ withChart: true, alertsOnly: false, schedule: { frequency: 'daily', time: '09:00', zone: 'UTC' } });
      await store.queueDigest(subscription.id, '2026-01-02T09:00:00.000Z', 'd1', message, 1);
      const [item] = await store.dueItems(10, 10);
      await store.markRejected(item?.id ?? 0, 'not_in_channel: invite the app', 2);
      expect((await store.listForWorkspace('slack', 'T0001'))[0]?.disabledReason).toBe('not_in_channel: invite the app');
      expect(await store.activeSubscriptions()).toEqual([]);
      const again = await store.subscribe(newSubscription({ schedule: { time: '10:00' } }), []);
      expect(again.created).toBe(false);
      expect(again.subscription.disabledReason).toBeUndefined();
      expect(again.subscription.lastSlot).toBeUndefined();
      expect(again.subscription.schedule.time).toBe('10:00');
    }));

    it('keeps the metrics a subscription follows, and forgets them when it is replaced by one that follows all', withStore(async (store) => {
      const { subscription } = await store.subscribe(newSubscription({ metrics: ['capex', 'net-margin'] }), []);
      expect(subscription.metrics).toEqual(['capex', 'net-margin']);
      expect((await store.activeSubscriptions())[0]?.metrics).toEqual(['capex', 'net-margin']);
      const all = await store.subscribe(newSubscription(), []);
      expect(all.subscription.metrics).toBeUndefined();
    }));

    it('records the milestone log: known at subscribe, announced with the alert, atomically', withStore(async (store) => {
      const { subscription } = await store.subscribe(newSubscription(), ['m1', 'm2']);
      expect([...(await store.announcedMilestones(subscription.id))].sort()).toEqual(['m1', 'm2']);
      await store.recordKnownMilestones(subscription.id, ['m0'], 5);
      expect(await store.queueAlert(subscription.id, ['m3', 'm4'], 'alert:1:x', message, 5)).toBe(true);
      expect(await store.queueAlert(subscription.id, ['m3', 'm4'], 'alert:1:x', message, 6)).toBe(false);
      expect([...(await store.announcedMilestones(subscription.id))].sort()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
      expect((await store.outboxItems()).map((i) => i.key)).toEqual(['alert:1:x']);
    }));

    it('keeps installations per workspace, and stops a workspace that removed the app', withStore(async (store) => {
      await store.saveInstallation('slack', 'T9', { bot: { token: 'xoxb-1' } }, 1);
      await store.saveInstallation('slack', 'T9', { bot: { token: 'xoxb-2' } }, 2);
      expect(await store.fetchInstallation('slack', 'T9')).toEqual({ bot: { token: 'xoxb-2' } });
      expect(await store.fetchInstallation('slack', 'T8')).toBeUndefined();
      const { subscription } = await store.subscribe(newSubscription({ workspaceId: 'T9' }), []);
      await store.subscribe(newSubscription({ workspaceId: 'T10' }), []);
      await store.queueDigest(subscription.id, 's', 'digest:T9', message, 1);
      expect(await store.disableWorkspace('slack', 'T9', 'app uninstalled', 3)).toBe(1);
      await store.deleteInstallation('slack', 'T9');
      expect(await store.fetchInstallation('slack', 'T9')).toBeUndefined();
      expect((await store.activeSubscriptions()).map((s) => s.workspaceId)).toEqual(['T10']);
      expect((await store.outboxItems('rejected')).map((i) => i.key)).toEqual(['digest:T9']);
    }));

    it('reserves due items for one sender at a time, and keeps a channel with its sender', withStore(async (store) => {
      const ids: Record<string, number> = {};
      for (const [key, channel] of [['a', 'C1'], ['b', 'C2'], ['c', 'C3']] as const) {
        ids[channel] = (await store.subscribe(newSubscription({ channelId: channel }), [])).subscription.id;
        await store.queueDigest(ids[channel] ?? 0, key, `digest:${key}`, message, 10);
      }
      expect((await store.reserveDue(10, 2, 'one', 100)).map((i) => i.key)).toEqual(['digest:a', 'digest:b']);
      expect((await store.reserveDue(10, 5, 'two', 100)).map((i) => i.key)).toEqual(['digest:c']);
      expect((await store.reserveDue(10, 5, 'one', 100)).map((i) => i.key)).toEqual(['digest:a', 'digest:b']);
      // An expired reservation is anyone's.
      expect((await store.reserveDue(101, 5, 'two', 200)).map((i) => i.key)).toEqual(['digest:a', 'digest:b', 'digest:c']);
      // A new post for C1 stays with the sender holding C1's other post, so pacing happens in one place.
      await store.queueDigest(ids['C1'] ?? 0, 'e', 'digest:e', message, 150);
      expect(await store.reserveDue(150, 5, 'three', 300)).toEqual([]);
      expect((await store.reserveDue(150, 5, 'two', 300)).map((i) => i.key)).toEqual(['digest:a', 'digest:b', 'digest:c', 'digest:e']);
      // Once 'two' has sent C1's posts, C1 is still its own until the reservation lapses: another sender
      // taking the next post at once would break the channel's spacing.
      for (const key of ['digest:a', 'digest:e']) {
        const item = (await store.outboxItems()).find((i) => i.key === key);
        await store.markSending([item?.id ?? 0], 160, 'two', 300);
        await store.markSent([item?.id ?? 0], 161);
      }
      // A sender whose reservation another has since taken over may not send the item.
      const b = (await store.outboxItems()).find((i) => i.key === 'digest:b');
      expect(await store.markSending([b?.id ?? 0], 165, 'one', 300)).toEqual([]);
      await store.queueDigest(ids['C1'] ?? 0, 'f', 'digest:f', message, 170);
      expect((await store.reserveDue(170, 5, 'three', 400)).map((i) => i.key)).toEqual([]);
      expect((await store.reserveDue(301, 5, 'three', 400)).map((i) => i.key)).toEqual(['digest:b', 'digest:c', 'digest:f']);
    }));

    it('holds a channel for the sender whose post is in flight, past its reservation, until the hold ends', withStore(async (store) => {
      const { subscription } = await store.subscribe(newSubscription({ channelId: 'CSLOW' }), []);
      await store.queueDigest(subscription.id, 's1', 'digest:slow:1', message, 10);
      await store.queueDigest(subscription.id, 's2', 'digest:slow:2', message, 10);
      const [first] = await store.reserveDue(10, 1, 'one', 50);
      expect(await store.markSending([first?.id ?? 0], 40, 'one', 500)).toEqual([first?.id]);
      // The platform is slow to answer: one's reservation (50) has lapsed, but the hold (500) keeps CSLOW.
      expect(await store.reserveDue(100, 5, 'two', 200)).toEqual([]);
      // A sender that stops cuts its holds short, to when the channel's spacing is kept.
      await store.removeSender('one', 120);
      expect((await store.reserveDue(121, 5, 'two', 600)).map((i) => i.key)).toEqual(['digest:slow:2']);
    }));

    it('marks a batch as sending in one call: the items still pending and not held by another live sender', withStore(async (store) => {
      const ids: number[] = [];
      for (const channelId of ['CB1', 'CB2', 'CB3']) {
        const { subscription } = await store.subscribe(newSubscription({ channelId }), []);
        await store.queueDigest(subscription.id, 's', `digest:batch:${channelId}`, message, 10);
      }
      for (const item of await store.reserveDue(10, 5, 'one', 100)) ids.push(item.id);
      expect(ids).toHaveLength(3);
      expect(await store.markSending([ids[2] ?? 0], 20, 'one', 500)).toEqual([ids[2]]);
      // Another sender may not take what 'one' holds; 'one' gets the two still pending, not the one already sending.
      expect(await store.markSending(ids, 30, 'two', 500)).toEqual([]);
      expect((await store.markSending(ids, 30, 'one', 500)).sort((a, b) => a - b)).toEqual([ids[0], ids[1]]);
      expect((await store.outboxItems('sending')).map((i) => i.attempts)).toEqual([1, 1, 1]);
      expect(await store.markSending([], 40, 'one', 500)).toEqual([]);
    }));

    it('queues each idempotency key once and settles items through their states', withStore(async (store) => {
      const { subscription } = await store.subscribe(newSubscription(), []);
      expect(await store.queueDigest(subscription.id, 's1', 'digest:1:s1', message, 100)).toBe(true);
      expect(await store.queueDigest(subscription.id, 's1', 'digest:1:s1', message, 100)).toBe(false);
      expect((await store.listForWorkspace('slack', 'T0001'))[0]?.lastSlot).toBe('s1');
      const [item] = await store.dueItems(100, 10);
      expect(item?.payload).toEqual(message);
      expect(item?.channel).toEqual({ platform: 'slack', workspaceId: 'T0001', channelId: 'C0001' });
      // Two senders see the same due item: exactly one may send it.
      expect(await Promise.all([store.markSending([item?.id ?? 0], 100, 'one', 200), store.markSending([item?.id ?? 0], 100, 'two', 200)])).toEqual(expect.arrayContaining([[item?.id], []]));
      expect(await store.recoverStale(100, 150)).toBe(0);
      expect(await store.recoverStale(101, 150)).toBe(1);
      await store.markSending([item?.id ?? 0], 201, 'one', 300); // the winner's hold (200) has lapsed: anyone may
      expect(await store.recoverInFlight(250)).toBe(1);
      const [recovered] = await store.dueItems(100, 10);
      expect(recovered).toMatchObject({ uncertain: true, attempts: 2, status: 'pending' });
      await store.markRetry(recovered?.id ?? 0, 500, '429', { refundAttempt: true, now: 260 });
      expect(await store.dueItems(499, 10)).toEqual([]);
      expect((await store.dueItems(500, 10))[0]?.attempts).toBe(1);
      await store.markSent([recovered?.id ?? 0], 600);
      expect(await store.outboxCounts()).toEqual({ pending: 0, sending: 0, sent: 1, dead: 0, rejected: 0 });
      await store.queueDigest(subscription.id, 's2', 'digest:1:s2', message, 700);
      const [dead] = await store.dueItems(700, 10);
      await store.markDead(dead?.id ?? 0, 'gave up', 710);
      expect((await store.outboxItems('dead')).map((i) => i.lastError)).toEqual(['gave up']);
      // Pruning removes sent posts older than the cutoff only; dead ones stay to be looked at.
      expect(await store.pruneSent(600)).toBe(0);
      expect(await store.pruneSent(601)).toBe(1);
      expect(await store.outboxCounts()).toEqual({ pending: 0, sending: 0, sent: 0, dead: 1, rejected: 0 });
      await store.ping();
    }));

    it('counts live senders for rate shares and shares a platform pause with all of them', withStore(async (store) => {
      expect(await store.senderHeartbeat('a', 1000, 0)).toEqual({ senders: 1, pausedUntil: {} });
      expect((await store.senderHeartbeat('b', 1500, 0)).senders).toBe(2);
      // a's last beat (1000) is older than the live window: b is alone now.
      expect((await store.senderHeartbeat('b', 9000, 2000)).senders).toBe(1);
      await store.pausePlatform('discord', 12_000);
      await store.pausePlatform('discord', 11_000); // an earlier end never shortens a pause
      expect((await store.senderHeartbeat('a', 9500, 2000)).pausedUntil).toEqual({ discord: 12_000 });
      expect((await store.senderHeartbeat('a', 12_500, 2000)).pausedUntil).toEqual({});
      await store.removeSender('b', 12_600);
      expect((await store.senderHeartbeat('a', 12_600, 0)).senders).toBe(1);
    }));
  });
}
