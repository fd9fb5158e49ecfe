import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { allMilestones } from '../../src/core/milestones/all-milestones.js';
import { PgStore } from '../../src/store/postgres/pg-store.js';
import { BOT_TOKEN, FakeSlack, SIGNING_SECRET } from '../fakes/fake-slack.js';
import { bundledRivalry } from '../helpers/bundled.js';
import { spawnServe } from '../helpers/spawn-serve.js';
import { newSubscription } from '../helpers/subscriptions.js';
import { until } from '../helpers/until.js';

const serverUrl = inject('pgUrl');
const CHANNELS = 200;
const SLOTS = 5;

/** Two `serve` replicas on one PostgreSQL and one fake Slack: every due post exactly once, even when one dies. */
describe.skipIf(serverUrl === '')('replicas on PostgreSQL', () => {
  const slack = new FakeSlack();
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await slack.stop();
  });

  it('deliver 1,000 due posts across 200 channels exactly once, and finish a killed replica\'s share', async () => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    const dbName = `replicas_${randomBytes(4).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const url = serverUrl.replace(/\/[^/]*$/, `/${dbName}`);

    const base = await slack.start();
    // Slack answers each post after 30 ms (the post lands at once), so kills catch some in flight.
    slack.answerPostsAfter(30);

    // 1,000 posts due now, queued as the scheduler would (five slots for each of 200 channels).
    const store = await PgStore.open(url);
    const known = allMilestones(bundledRivalry()).map((m) => m.id);
    const message = { title: 'Digest', fields: [], context: [], severity: 'info' as const, visibility: 'public' as const, fallbackText: 'Digest' };
    for (let c = 0; c < CHANNELS; c += 1) {
      const { subscription } = await store.subscribe(newSubscription({ channelId: `C${c}`, alertsOnly: true, createdAt: new Date().toISOString() }), known);
      for (let s = 0; s < SLOTS; s += 1) await store.queueDigest(subscription.id, `slot${s}`, `digest:${subscription.id}:slot${s}`, message, Date.now());
    }

    const env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${base}/api/`, DATABASE_URL: url, DELIVERY_RATE_PER_SECOND: '400', DELIVERY_LEASE_SECONDS: '5' };
    const a = await spawnServe(env);
    const b = await spawnServe(env);
    children.push(a.child, b.child);
    await until(() => slack.posted.length >= 150, 30_000);
    a.child.kill('SIGKILL');

    await until(() => new Set(slack.posted.map((p) => p.key)).size >= CHANNELS * SLOTS, 60_000);
    await new Promise((r) => setTimeout(r, 1000));
    const perKey = new Map<string, number>();
    for (const p of slack.posted) perKey.set(p.key ?? '', (perKey.get(p.key ?? '') ?? 0) + 1);
    expect(perKey.size).toBe(CHANNELS * SLOTS);
    expect([...perKey.entries()].filter(([, n]) => n > 1)).toEqual([]);
    await until(async () => (await store.outboxCounts()).sent === CHANNELS * SLOTS, 20_000);
    await store.close();
  }, 60_000);
});
