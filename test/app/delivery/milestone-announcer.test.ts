import { describe, expect, it } from 'vitest';
import { queueNewMilestoneAlerts } from '../../../src/app/delivery/milestone-announcer.js';
import { RivalryCatalog } from '../../../src/core/data/catalog.js';
import { rivalrySchema } from '../../../src/core/data/schema.js';
import { allMilestones } from '../../../src/core/milestones/all-milestones.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { bundledJson, bundledRivalry } from '../../helpers/bundled.js';
import { newSubscription } from '../../helpers/subscriptions.js';

/** The bundled data plus a new fiscal year for both: what a new pair of 10-Ks would bring. */
function withNextYear() {
  const json = bundledJson();
  const [amazon, walmart] = json.metrics[0]?.series ?? [];
  const source = { document: 'Form 10-K for fiscal 2026 (test)', form: '10-K' };
  amazon?.points.splice(22, 0, { fiscalLabel: 'FY2026', basis: 'annual', start: '2026-01-01', end: '2026-12-31', value: 805_000, verified: true, source });
  walmart?.points.splice(22, 0, { fiscalLabel: 'FY2027', basis: 'annual', start: '2026-02-01', end: '2027-01-31', value: 748_000, verified: true, source });
  return rivalrySchema.parse(json);
}

describe('milestone alerts', () => {
  const today = bundledRivalry();

  it('announces nothing that was known when the channel subscribed', async () => {
    const store = new SqliteStore(':memory:');
    await store.subscribe(newSubscription(), allMilestones(today).map((m) => m.id));
    expect(await queueNewMilestoneAlerts(store, new RivalryCatalog([today]), new Date('2026-11-27T00:00:00Z'))).toBe(0);
    expect(await store.outboxItems()).toEqual([]);
  });

  it('announces each new milestone once per subscribed channel, in one alert per data change', async () => {
    const store = new SqliteStore(':memory:');
    const known = allMilestones(today).map((m) => m.id);
    await store.subscribe(newSubscription({ channelId: 'C1' }), known);
    await store.subscribe(newSubscription({ channelId: 'C2', alertsOnly: true }), known);
    const next = new RivalryCatalog([withNextYear()]);
    const now = new Date('2027-03-01T00:00:00Z');
    await store.subscribe(newSubscription({ platform: 'discord', workspaceId: 'G1', channelId: 'D1' }), known);
    // Discord isn't configured in this process: its channel waits for the news instead of losing it.
    const notDiscord = (sub: { platform: string }) => sub.platform !== 'discord';
    expect(await queueNewMilestoneAlerts(store, next, now, notDiscord)).toBe(2);
    expect(await queueNewMilestoneAlerts(store, next, now, notDiscord)).toBe(0);
    expect(await store.announcedMilestones(3)).toEqual(new Set(known));
    const items = await store.outboxItems();
    expect(items.map((i) => i.channel.channelId)).toEqual(['C1', 'C2']);
    expect(await queueNewMilestoneAlerts(store, next, now)).toBe(1); // Discord configured now: D1 hears it once
    const alert = items[0]?.payload;
    expect(alert?.title).toMatch(/^\d+ new milestones: Amazon vs Walmart$/);
    expect(JSON.stringify(alert)).toContain("Amazon's annual revenue passes $800B for the first time");
    // A channel that subscribes after the change is not told about it as news.
    await store.subscribe(newSubscription({ channelId: 'C3' }), allMilestones(withNextYear()).map((m) => m.id));
    expect(await queueNewMilestoneAlerts(store, next, now)).toBe(0);
    expect((await store.outboxItems()).map((i) => i.channel.channelId)).toEqual(['C1', 'C2', 'D1']);
  });

  it('treats never-seen milestones from long ago as history, not news', async () => {
    const store = new SqliteStore(':memory:');
    await store.subscribe(newSubscription(), []);
    expect(await queueNewMilestoneAlerts(store, new RivalryCatalog([today]), new Date('2026-11-27T00:00:00Z'))).toBe(1);
    const [alert] = await store.outboxItems();
    // Only milestones of the last ~13 months: the FY2025/FY2026 lead change and thresholds, not 2009's streaks.
    expect(JSON.stringify(alert?.payload)).toContain('for the first time on record');
    expect(JSON.stringify(alert?.payload)).not.toContain('FY2009');
    expect((await store.announcedMilestones(1)).size).toBe(allMilestones(today).length);
  });
});
