import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Rivalry } from '../../src/core/data/schema.js';
import { allMilestones } from '../../src/core/milestones/all-milestones.js';
import { PgStore } from '../../src/store/postgres/pg-store.js';
import { BOT_TOKEN, FakeSlack, SIGNING_SECRET } from '../fakes/fake-slack.js';
import { spawnServe } from '../helpers/spawn-serve.js';
import { newSubscription } from '../helpers/subscriptions.js';
import { syntheticRivalry } from '../helpers/synthetic.js';
import { until } from '../helpers/until.js';
import { freshDatabase as createDatabase } from '../helpers/fresh-database.js';

const serverUrl = inject('pgUrl');

const freshDatabase = () => createDatabase(serverUrl);

/** A rivalry whose last fiscal year (to June 2026) is recent enough to be news. */
const rivalry = (slug: string, ids: [string, string], a: number[], b: number[]): Rivalry =>
  syntheticRivalry([{ id: ids[0], values: a, firstYear: 2023, fyEndMonth: 6 }, { id: ids[1], values: b, firstYear: 2023, fyEndMonth: 6 }], slug);

const perKey = (posts: ReadonlyArray<{ key?: string | undefined }>) => {
  const counts = new Map<string, number>();
  for (const p of posts) counts.set(p.key ?? '', (counts.get(p.key ?? '') ?? 0) + 1);
  return counts;
};

/**
 * `serve` replicas on one PostgreSQL and one fake Slack, scheduling through pg-boss: every due
 * digest and every milestone alert is posted exactly once, even when a replica dies mid fan-out.
 */
describe.skipIf(serverUrl === '')('replicas on PostgreSQL and pg-boss', () => {
  const fakes: FakeSlack[] = [];
  const children: ChildProcess[] = [];
  const dirs: string[] = [];
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    for (const f of fakes) await f.stop();
  });
  const newSlack = () => {
    const slack = new FakeSlack();
    fakes.push(slack);
    return slack;
  };

  it('post 1,000 due digests across 200 channels exactly once, and finish a killed replica\'s share', async () => {
    const url = await freshDatabase();
    const slack = newSlack();
    const base = await slack.start();
    // Slack answers each post after 30 ms (the post lands at once), so the kill catches some in flight.
    slack.answerPostsAfter(30);

    // Five rivalries; 200 channels subscribed to each, daily at 00:00 UTC since two days ago: 1,000 slots due now.
    const dataDir = mkdtempSync(join(tmpdir(), 'rivalry-replicas-'));
    dirs.push(dataDir);
    const rivalries = [1, 2, 3, 4, 5].map((n) => rivalry(`r${n}`, [`a${n}`, `b${n}`], [100, 110, 120], [150, 155, 160]));
    for (const r of rivalries) writeFileSync(join(dataDir, `${r.slug}.json`), JSON.stringify(r));
    const store = await PgStore.open(url);
    const createdAt = new Date(Date.now() - 2 * 86_400_000).toISOString();
    for (let c = 0; c < 200; c += 1) {
      for (const r of rivalries) {
        await store.subscribe(newSubscription({ channelId: `C${c}`, rivalry: r.slug, createdAt, schedule: { time: '00:00' } }), allMilestones(r).map((m) => m.id));
      }
    }

    const env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${base}/api/`, DATABASE_URL: url, RIVALRY_DIR: dataDir, DELIVERY_RATE_PER_SECOND: '400', DELIVERY_LEASE_SECONDS: '5' };
    const [a, b] = await Promise.all([spawnServe(env), spawnServe(env)]);
    children.push(a.child, b.child);
    await until(() => slack.posted.length >= 150, 30_000);
    a.child.kill('SIGKILL');

    await until(() => perKey(slack.posted).size >= 1000, 60_000);
    await new Promise((r) => setTimeout(r, 1000));
    const counts = perKey(slack.posted);
    expect(counts.size).toBe(1000);
    expect([...counts.keys()].every((k) => k.startsWith('digest:'))).toBe(true);
    expect([...counts.entries()].filter(([, n]) => n > 1)).toEqual([]);
    await until(async () => (await store.outboxCounts()).sent === 1000, 20_000);
    // Per-channel pacing held across the replicas (and the takeover): a channel's five digests came at least ~1 s apart.
    const byChannel = new Map<string, number[]>();
    for (const p of slack.posted) byChannel.set(p.channel, [...(byChannel.get(p.channel) ?? []), Number(p.ts)]);
    const gaps = [...byChannel.values()].flatMap((times) => times.sort((x, y) => x - y).slice(1).map((t, i) => t - (times[i] ?? 0)));
    expect(gaps.length).toBe(800);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(0.9);
    // Each subscription's slot was handled once: the digests' slots are all today's 00:00 UTC.
    const today = `${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`;
    expect(new Set([...counts.keys()].map((k) => k.split(':').slice(2).join(':')))).toEqual(new Set([today]));
    // Graceful shutdown: pg-boss workers stop, pools close, and the process exits by itself, cleanly.
    const exited = new Promise<number | null>((resolve) => b.child.once('exit', (code) => resolve(code)));
    b.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await store.close();
  }, 90_000);

  it('announce a data change once per channel when every replica notices it', async () => {
    const url = await freshDatabase();
    const slack = newSlack();
    const base = await slack.start();
    const dataDir = mkdtempSync(join(tmpdir(), 'rivalry-replicas-'));
    dirs.push(dataDir);
    const before = rivalry('alpha-vs-beta', ['alpha', 'beta'], [100, 110, 120], [150, 155, 160]);
    writeFileSync(join(dataDir, 'alpha-vs-beta.json'), JSON.stringify(before));
    const store = await PgStore.open(url);
    for (let c = 0; c < 50; c += 1) {
      await store.subscribe(newSubscription({ channelId: `M${c}`, rivalry: before.slug, alertsOnly: true }), allMilestones(before).map((m) => m.id));
    }
    const env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${base}/api/`, DATABASE_URL: url, RIVALRY_DIR: dataDir, DELIVERY_LEASE_SECONDS: '5' };
    const replicas = await Promise.all([spawnServe(env), spawnServe(env), spawnServe(env)]);
    children.push(...replicas.map((r) => r.child));

    // FY2026: alpha overtakes beta. All three replicas reload the file and ask for the fan-out.
    writeFileSync(join(dataDir, 'alpha-vs-beta.json'), JSON.stringify(rivalry('alpha-vs-beta', ['alpha', 'beta'], [100, 110, 120, 170], [150, 155, 160, 165])));
    await until(() => perKey(slack.posted).size >= 50, 30_000);
    await new Promise((r) => setTimeout(r, 3000));
    const counts = perKey(slack.posted);
    expect(counts.size).toBe(50);
    expect([...counts.entries()].filter(([, n]) => n > 1)).toEqual([]);
    expect(slack.posted.every((p) => p.key?.startsWith('alert:') === true && /Alpha/.test(p.text))).toBe(true);
    for (const r of replicas) r.child.kill('SIGTERM');
    await store.close();
  }, 60_000);
});
