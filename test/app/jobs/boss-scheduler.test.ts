import pg from 'pg';
import PgBoss from 'pg-boss';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { RivalryCatalog } from '../../../src/core/data/catalog.js';
import { allMilestones } from '../../../src/core/milestones/all-milestones.js';
import { digestKey } from '../../../src/app/delivery/digest-scheduler.js';
import { BossScheduler, QUEUES, schedulerQueues } from '../../../src/app/jobs/boss-scheduler.js';
import { jobIdFor } from '../../../src/app/jobs/job-id.js';
import { startBoss } from '../../../src/app/jobs/start-boss.js';
import { PgStore } from '../../../src/store/postgres/pg-store.js';
import { bundledRivalry } from '../../helpers/bundled.js';
import { freshDatabase } from '../../helpers/fresh-database.js';
import { memoryLogger } from '../../helpers/silent-logger.js';
import { newSubscription } from '../../helpers/subscriptions.js';
import { until } from '../../helpers/until.js';

const serverUrl = inject('pgUrl');
const catalog = new RivalryCatalog([bundledRivalry()]);
const known = allMilestones(bundledRivalry()).map((m) => m.id);
const twoDaysAgo = () => new Date(Date.now() - 2 * 86_400_000).toISOString();

describe.skipIf(serverUrl === '')('BossScheduler (pg-boss)', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function replica(url: string, leaseSeconds = 30) {
    const { logger } = memoryLogger();
    const store = await PgStore.open(url);
    const boss = await startBoss(url, { leaseSeconds, queues: schedulerQueues(leaseSeconds) }, logger);
    let queued = 0;
    const scheduler = new BossScheduler({ boss, store, catalog: () => catalog, logger });
    cleanup.push(async () => {
      await scheduler.stop();
      await store.close();
    });
    return { store, scheduler, start: () => scheduler.start(() => (queued += 1)), queuedCalls: () => queued };
  }

  async function count(url: string, sql: string, params: unknown[] = []): Promise<number> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return Number((await client.query<{ n: string }>(sql, params)).rows[0]?.n);
    } finally {
      await client.end();
    }
  }

  it('queues each due slot once, in shard jobs named by minute and shard, however many replicas start together', async () => {
    const url = await freshDatabase(serverUrl);
    const setup = await PgStore.open(url);
    for (let c = 0; c < 20; c += 1) await setup.subscribe(newSubscription({ channelId: `C${c}`, createdAt: twoDaysAgo(), schedule: { time: '00:00' } }), known);
    await setup.close();

    const replicas = await Promise.all([replica(url), replica(url), replica(url)]);
    await Promise.all(replicas.map((r) => r.start()));
    const store = replicas[0]?.store as PgStore;
    await until(async () => (await store.outboxCounts()).pending === 20, 20_000);

    const today = `${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`;
    expect((await store.outboxItems()).map((i) => i.key).sort()).toEqual((await store.activeSubscriptions()).map((s) => digestKey(s.id, today)).sort());
    // Four shard jobs per minute, named by minute and shard, even though three replicas ticked.
    const jobs = await count(url, 'SELECT COUNT(*) AS n FROM pgboss.job WHERE name = $1', [QUEUES.digest]);
    expect(jobs % 4).toBe(0);
    expect(jobs).toBeGreaterThan(0);
    const minute = new Date().toISOString().slice(0, 16);
    expect(await count(url, 'SELECT COUNT(*) AS n FROM pgboss.job WHERE name = $1 AND id = $2', [QUEUES.digest, jobIdFor(`digests:${minute}:0`)])).toBeLessThanOrEqual(1);
    // The three replicas' start-up fan-outs for the same data are one job.
    expect(await count(url, 'SELECT COUNT(*) AS n FROM pgboss.job WHERE name = $1', [QUEUES.milestones])).toBe(1);
    expect(replicas.reduce((n, r) => n + r.queuedCalls(), 0)).toBeGreaterThan(0);
  }, 40_000);

  it('hands a job whose replica died mid-way to another replica', async () => {
    const url = await freshDatabase(serverUrl);
    const setup = await PgStore.open(url);
    const { subscription } = await setup.subscribe(newSubscription({ channelId: 'C-orphan', createdAt: twoDaysAgo(), schedule: { time: '00:00' } }), known);
    await setup.close();
    const slot = `${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`;

    // The replica that dies: it takes this minute's job for the subscription's shard (2 s lease) and is gone.
    const dead = await startBoss(url, { leaseSeconds: 2, queues: schedulerQueues(2) }, memoryLogger().logger);
    const minute = new Date().toISOString().slice(0, 16);
    const id = jobIdFor(`digests:${minute}:${subscription.id % 4}`);
    await dead.send(QUEUES.digest, { minute, shard: subscription.id % 4 }, { id });
    expect(await dead.fetch(QUEUES.digest)).toHaveLength(1);
    await dead.stop({ graceful: false, close: true, wait: true });

    // Once the lease lapses the job is retried by the survivor; the slot is queued once, whichever job gets there first.
    const survivor = await replica(url, 2);
    await survivor.start();
    await until(async () => (await survivor.store.outboxItems()).length === 1, 45_000);
    expect((await survivor.store.outboxItems()).map((i) => i.key)).toEqual([digestKey(subscription.id, slot)]);
    await until(async () => (await count(url, 'SELECT COUNT(*) AS n FROM pgboss.job WHERE name = $1 AND id = $2 AND retry_count >= 1', [QUEUES.digest, id])) === 1, 45_000);
    expect(await survivor.store.outboxItems()).toHaveLength(1);
  }, 60_000);

  it('leaves a data change it does not serve yet to a replica that does', async () => {
    const url = await freshDatabase(serverUrl);
    const r = await replica(url);
    await r.start();
    const boss = new PgBoss({ connectionString: url, schema: 'pgboss' });
    boss.on('error', () => undefined);
    await boss.start();
    cleanup.push(() => boss.stop({ graceful: false, wait: true }));
    const id = (await boss.send(QUEUES.milestones, { version: 'not-this-one' })) ?? '';
    await until(async () => (await boss.getJobById(QUEUES.milestones, id))?.state === 'retry', 15_000);
  }, 30_000);
});
