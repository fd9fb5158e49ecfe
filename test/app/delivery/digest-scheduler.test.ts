import { describe, expect, it } from 'vitest';
import { queueDueDigests } from '../../../src/app/delivery/digest-scheduler.js';
import { RivalryCatalog } from '../../../src/core/data/catalog.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { bundledRivalry } from '../../helpers/bundled.js';
import { newSubscription } from '../../helpers/subscriptions.js';

const catalog = new RivalryCatalog([bundledRivalry()]);

/** Runs the scheduler on a fake clock, every `stepMinutes`, and returns the digest slots queued. */
async function runClock(store: SqliteStore, fromIso: string, toIso: string, stepMinutes = 10): Promise<string[]> {
  for (let t = Date.parse(fromIso); t <= Date.parse(toIso); t += stepMinutes * 60_000) await queueDueDigests(store, catalog, new Date(t));
  return (await store.outboxItems()).map((i) => i.key.split(':').slice(2).join(':'));
}

const local = (iso: string, zone: string) => new Intl.DateTimeFormat('sv-SE', { timeZone: zone, dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));

describe('digest scheduling on a fake clock', () => {
  it('Europe/Berlin spring forward: 02:30 does not exist on 29 Mar; the digest comes once, at 03:00', async () => {
    const store = new SqliteStore(':memory:');
    await store.subscribe(newSubscription({ createdAt: '2026-03-27T00:00:00.000Z', schedule: { time: '02:30', zone: 'Europe/Berlin' } }), []);
    const slots = await runClock(store, '2026-03-27T00:00:00Z', '2026-03-31T12:00:00Z');
    expect(slots.map((s) => local(s, 'Europe/Berlin'))).toEqual(['2026-03-27 02:30', '2026-03-28 02:30', '2026-03-29 03:00', '2026-03-30 02:30', '2026-03-31 02:30']);
  });

  it('Europe/Berlin fall back: 02:30 happens twice on 25 Oct; the digest comes once', async () => {
    const store = new SqliteStore(':memory:');
    await store.subscribe(newSubscription({ createdAt: '2026-10-23T12:00:00.000Z', schedule: { time: '02:30', zone: 'Europe/Berlin' } }), []);
    const slots = await runClock(store, '2026-10-23T12:00:00Z', '2026-10-27T12:00:00Z');
    expect(slots.map((s) => local(s, 'Europe/Berlin'))).toEqual(['2026-10-24 02:30', '2026-10-25 02:30', '2026-10-26 02:30', '2026-10-27 02:30']);
  });

  it('America/New_York: weekly Sunday 01:30 across the fall-back night, and a daily 02:30 across spring forward', async () => {
    const weekly = new SqliteStore(':memory:');
    await weekly.subscribe(newSubscription({ createdAt: '2026-10-24T00:00:00.000Z', schedule: { frequency: 'weekly', weekday: 'sunday', time: '01:30', zone: 'America/New_York' } }), []);
    const sundays = await runClock(weekly, '2026-10-24T00:00:00Z', '2026-11-10T00:00:00Z');
    expect(sundays.map((s) => local(s, 'America/New_York'))).toEqual(['2026-10-25 01:30', '2026-11-01 01:30', '2026-11-08 01:30']);

    const daily = new SqliteStore(':memory:');
    await daily.subscribe(newSubscription({ createdAt: '2026-03-07T00:00:00.000Z', schedule: { time: '02:30', zone: 'America/New_York' } }), []);
    const days = await runClock(daily, '2026-03-07T00:00:00Z', '2026-03-09T23:00:00Z');
    expect(days.map((s) => local(s, 'America/New_York'))).toEqual(['2026-03-07 02:30', '2026-03-08 03:00', '2026-03-09 02:30']);
  });

  it('after downtime, one catch-up digest for the latest missed slot, not one per slot', async () => {
    const store = new SqliteStore(':memory:');
    await store.subscribe(newSubscription({ createdAt: '2026-01-01T00:00:00.000Z', schedule: { frequency: 'weekly', weekday: 'monday', time: '09:00', zone: 'UTC' } }), []);
    // Down from New Year until 1 Feb (four Mondays missed), then up again.
    expect(await queueDueDigests(store, catalog, new Date('2026-02-01T12:00:00Z'))).toBe(1);
    expect(await queueDueDigests(store, catalog, new Date('2026-02-01T12:05:00Z'))).toBe(0);
    const items = await store.outboxItems();
    expect(items.map((i) => i.key)).toEqual([`digest:1:2026-01-26T09:00:00.000Z`]);
    expect(items[0]?.payload.title).toBe('Weekly digest: Amazon vs Walmart (annual)');
    expect(items[0]?.payload.table?.rows.map((r) => r[0])).toEqual(['Revenue', 'Operating income', 'Net income', 'Operating margin', 'Net margin', 'Capex', 'Operating cash flow', 'Free cash flow']);
    expect(await queueDueDigests(store, catalog, new Date('2026-02-02T09:00:00Z'))).toBe(1);
  });

  it('queues everyone else\'s digest when one schedule cannot be computed, and says which one', async () => {
    const store = new SqliteStore(':memory:');
    await store.subscribe(newSubscription({ channelId: 'C1', createdAt: '2026-01-01T00:00:00.000Z' }), []);
    await store.subscribe(newSubscription({ channelId: 'C2', createdAt: '2026-01-01T00:00:00.000Z', schedule: { zone: 'Mars/Olympus_Mons' } }), []);
    await store.subscribe(newSubscription({ channelId: 'C3', createdAt: '2026-01-01T00:00:00.000Z' }), []);
    await expect(queueDueDigests(store, catalog, new Date('2026-01-02T12:00:00Z'))).rejects.toThrow(/^2 digest\(s\) queued; 1 schedule\(s\) could not be computed and are retried in 5 min: subscription 2: /);
    expect((await store.outboxItems()).map((i) => i.channel.channelId)).toEqual(['C1', 'C3']);
    // Not retried before its time, so a tick a minute later queues nothing and fails nothing.
    expect(await queueDueDigests(store, catalog, new Date('2026-01-02T12:01:00Z'))).toBe(0);
  });

  it('sends no digests to alerts-only or disabled subscriptions, nor for a rivalry whose data is gone', async () => {
    const store = new SqliteStore(':memory:');
    await store.subscribe(newSubscription({ alertsOnly: true }), []);
    await store.subscribe(newSubscription({ channelId: 'C2', rivalry: 'gone-vs-away' }), []);
    expect(await queueDueDigests(store, catalog, new Date('2026-02-01T12:00:00Z'))).toBe(0);
  });

  it('holds digests for a platform this bot does not post to, and catches up once when it does', async () => {
    const store = new SqliteStore(':memory:');
    await store.subscribe(newSubscription({ platform: 'discord', createdAt: '2026-01-01T00:00:00.000Z' }), []);
    const slackOnly = (s: { platform: string }) => s.platform === 'slack';
    expect(await queueDueDigests(store, catalog, new Date('2026-01-05T12:00:00Z'), slackOnly)).toBe(0);
    expect(await store.outboxItems()).toEqual([]);
    // Discord configured a week later: one digest, for the latest slot.
    expect(await queueDueDigests(store, catalog, new Date('2026-01-12T12:00:00Z'))).toBe(1);
    expect((await store.outboxItems()).map((i) => i.key)).toEqual(['digest:1:2026-01-12T09:00:00.000Z']);
  });
});
