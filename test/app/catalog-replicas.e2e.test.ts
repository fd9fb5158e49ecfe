import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/app/config.js';
import { runBot, type Bot } from '../../src/app/run-bot.js';
import { secClientFromConfig } from '../../src/app/sec/sec-from-config.js';
import { syncCatalog } from '../../src/app/sec/sync-rivalries.js';
import type { Origin } from '../../src/core/inbound.js';
import { FakeSec, factsFor } from '../fakes/fake-sec.js';
import { weeklyCompanyFacts, withTrackableCompanies } from '../fakes/sec-companies.js';
import { freshDatabase } from '../helpers/fresh-database.js';
import { memoryLogger } from '../helpers/silent-logger.js';
import { until } from '../helpers/until.js';
import { secEnv } from '../helpers/sec-env.js';

const serverUrl = inject('pgUrl');
const origin = (workspaceId: string): Origin => ({ platform: 'slack', workspaceId, channelId: 'C1', userId: 'UADMIN', requestId: 'r', canManageChannel: async () => true });

/** Two replicas on one PostgreSQL, no shared disk: the catalog is the database's, and both serve it. */
describe.skipIf(serverUrl === '')('the rivalry catalog across replicas', () => {
  const sec = new FakeSec();
  const bots: Bot[] = [];
  const dirs: string[] = [];
  afterAll(async () => {
    for (const b of bots) await b.stop();
    await sec.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('a rivalry tracked through one replica is answered by the other within seconds, and a sync on one changes both', async () => {
    const secBase = await sec.start();
    withTrackableCompanies(sec);
    sec.companies.set('0001018724', factsFor('amazon'));
    sec.companies.set('0000104169', factsFor('walmart'));
    const url = await freshDatabase(serverUrl);
    // Each replica has its own disk (its own SEC cache); the bundled files are the same release.
    const replica = async () => {
      const dir = mkdtempSync(join(tmpdir(), 'rivalry-replica-'));
      dirs.push(dir);
      const config = loadConfig({ DATABASE_URL: url, DATABASE_PATH: join(dir, 'rivalry.db'), ...secEnv(secBase) });
      const bot = await runBot(config, memoryLogger().logger);
      bots.push(bot);
      return { bot, config, ask: (text: string, workspace = 'T1') => bot.handlers.handle({ kind: 'text', text, origin: origin(workspace) }) };
    };
    const [a, b] = await Promise.all([replica(), replica()]);
    if (a === undefined || b === undefined) throw new Error('replicas did not start');

    const tracked = await a.ask('track COST vs TGT');
    expect(tracked.summary).toContain('Now tracking Costco Wholesale vs Target');
    const started = Date.now();
    await until(async () => (await b.ask('compare cost-vs-tgt quarterly')).severity === 'info', 5000);
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await b.ask('compare cost-vs-tgt quarterly', 'T2')).title).toBe('Unknown rivalry "cost-vs-tgt"');
    // Tracking the same pair through the other replica finds it.
    expect((await b.ask('track TGT vs COST')).summary).toContain('already tracked here as "cost-vs-tgt"');

    // Target files a new quarter; a sync on B reaches A's answers too.
    sec.companies.set('0000027419', weeklyCompanyFacts({ cik: '0000027419', entityName: 'TARGET CORP', concept: 'Revenues', firstStart: '2020-02-02', quarterWeeks: [13, 13, 13, 13], annual: [93_561, 106_005, 109_120, 107_412, 106_566, 104_800, 120_000] }));
    const result = await syncCatalog(b.bot.store, [], secClientFromConfig(b.config, memoryLogger().logger, b.bot.store));
    expect(result.failures).toEqual([]);
    expect(result.written).toContain('slack:T1/cost-vs-tgt');
    expect(JSON.stringify(await a.ask('history cost-vs-tgt quarterly'))).not.toContain('Q1 FY2027');
    await until(async () => JSON.stringify(await a.ask('history cost-vs-tgt quarterly')).includes('Q1 FY2027'), 5000);
    expect(JSON.stringify(await b.ask('history cost-vs-tgt quarterly'))).toContain('Q1 FY2027');
  });
});
