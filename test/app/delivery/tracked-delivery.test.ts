import { describe, expect, it } from 'vitest';
import { queueDueDigests } from '../../../src/app/delivery/digest-scheduler.js';
import { queueNewMilestoneAlerts } from '../../../src/app/delivery/milestone-announcer.js';
import { RivalryCatalog } from '../../../src/core/data/catalog.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { bundledRivalry } from '../../helpers/bundled.js';
import { newSubscription } from '../../helpers/subscriptions.js';
import { syntheticRivalry } from '../../helpers/synthetic.js';

/** Two companies whose last year ends in June 2026: recent enough to be news. */
const chips = (b: number[]) => syntheticRivalry([{ id: 'nvda', values: [100, 110, 120], firstYear: 2024, fyEndMonth: 6 }, { id: 'amd', values: b, firstYear: 2024, fyEndMonth: 6 }], 'nvda-vs-amd');

describe('digests and alerts for a rivalry tracked in one workspace', () => {
  it('reach that workspace\'s subscribers, and never a channel elsewhere that names the same slug', async () => {
    const store = new SqliteStore(':memory:');
    const here = await store.subscribe(newSubscription({ workspaceId: 'T1', rivalry: 'nvda-vs-amd', createdAt: '2026-11-01T00:00:00.000Z' }), []);
    await store.subscribe(newSubscription({ workspaceId: 'T2', rivalry: 'nvda-vs-amd', createdAt: '2026-11-01T00:00:00.000Z' }), []);
    const before = new RivalryCatalog([bundledRivalry()], [{ workspace: 'slack:T1', rivalry: chips([90, 100, 110]) }]);
    expect(await queueDueDigests(store, before, new Date('2026-11-02T12:00:00Z'))).toBe(1);
    // AMD's new figures overtake: one lead-change alert, to T1's channel only.
    const after = new RivalryCatalog([bundledRivalry()], [{ workspace: 'slack:T1', rivalry: chips([90, 100, 130]) }]);
    expect(await queueNewMilestoneAlerts(store, after, new Date('2026-11-02T12:00:00Z'))).toBe(1);
    const items = await store.outboxItems();
    expect(items.map((i) => `${i.channel.workspaceId} ${i.key.split(':')[0] ?? ''}`)).toEqual(['T1 digest', 'T1 alert']);
    expect(items.every((i) => i.subscriptionId === here.subscription.id)).toBe(true);
    expect(JSON.stringify(items[1]?.payload)).toContain('Amd overtakes Nvda');
  });
});
