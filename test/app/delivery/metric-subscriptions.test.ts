import { describe, expect, it } from 'vitest';
import { queueDueDigests } from '../../../src/app/delivery/digest-scheduler.js';
import { queueNewMilestoneAlerts } from '../../../src/app/delivery/milestone-announcer.js';
import { RivalryCatalog } from '../../../src/core/data/catalog.js';
import { runCommandText } from '../../../src/core/run-command.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { bundledContext, bundledJson, bundledRivalry } from '../../helpers/bundled.js';
import { rivalrySchema } from '../../../src/core/data/schema.js';

describe('a subscription that follows some metrics', () => {
  it('is made with "metric a,b", and its digests and alerts cover those metrics only', async () => {
    const store = new SqliteStore(':memory:');
    const origin = { platform: 'slack', workspaceId: 'T1', channelId: 'C1', userId: 'U1', requestId: 'r', canManageChannel: async () => true };
    const context = { ...bundledContext(), subscriptions: store, origin, now: () => new Date('2026-11-01T00:00:00Z') };
    const bad = await runCommandText('subscribe daily metric capex,net-marjin', context);
    expect(bad.title).toBe('Unknown metric "net-marjin"');
    expect(bad.summary).toContain('Did you mean "net-margin"?');
    const reply = await runCommandText('subscribe daily metric capex,net-margin tz UTC', context);
    expect(reply.fields.find((f) => f.label === 'Metrics')?.value).toBe('Capex, Net margin');
    const [sub] = await store.activeSubscriptions();
    expect(sub?.metrics).toEqual(['capex', 'net-margin']);

    const catalog = new RivalryCatalog([bundledRivalry()]);
    expect(await queueDueDigests(store, catalog, new Date('2026-11-02T12:00:00Z'))).toBe(1);
    const [digest] = await store.outboxItems();
    expect(digest?.payload.table?.rows.map((r) => r[0])).toEqual(['Net margin', 'Capex']);

    // Walmart's FY2027 capex and net income arrive: only the capex/net-margin news reaches this channel.
    const json = bundledJson();
    const add = (metricId: string, company: number, value: number) =>
      (json.metrics.find((m) => (m as unknown as { id: string }).id === metricId)?.series[company]?.points as Array<Record<string, unknown>>).push({ fiscalLabel: 'FY2027', basis: 'annual', start: '2026-02-01', end: '2027-01-31', value, verified: true, source: { document: 'test 10-K', form: '10-K' } });
    add('capex', 1, 140_000); // Walmart outspends Amazon: a capex lead change
    add('net-income', 1, 90_000); // Walmart's record net income: not followed
    add('revenue', 1, 760_000);
    add('operating-income', 1, 40_000);
    const after = new RivalryCatalog([rivalrySchema.parse(json)]);
    expect(await queueNewMilestoneAlerts(store, after, new Date('2026-11-03T12:00:00Z'))).toBe(1);
    const alert = (await store.outboxItems()).find((i) => i.key.startsWith('alert:'));
    const metricsAnnounced = new Set(alert?.payload.fields.map((f) => f.value) ?? []);
    expect([...metricsAnnounced].some((v) => v.includes('capex'))).toBe(true);
    expect([...metricsAnnounced].every((v) => /capex|net margin/i.test(v))).toBe(true);
  });
});
