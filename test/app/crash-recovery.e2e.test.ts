import { execFile, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allMilestones } from '../../src/core/milestones/all-milestones.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { BOT_TOKEN, FakeSlack, SIGNING_SECRET } from '../fakes/fake-slack.js';
import { bundledRivalry } from '../helpers/bundled.js';
import { BIN, spawnServe } from '../helpers/spawn-serve.js';
import { newSubscription } from '../helpers/subscriptions.js';
import { until } from '../helpers/until.js';

const CHANNELS = 40;


/** kill -9 in the middle of a fan-out, restart: every due digest reaches Slack exactly once. */
describe('crash safety', () => {
  const slack = new FakeSlack();
  const dir = mkdtempSync(join(tmpdir(), 'rivalry-crash-'));
  const db = join(dir, 'rivalry.db');
  let env: Record<string, string>;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    const base = await slack.start();
    // Slack takes 150 ms to answer each post (the post itself lands at once), so a crash catches some in flight.
    slack.answerPostsAfter(150);
    const store = new SqliteStore(db);
    const known = allMilestones(bundledRivalry()).map((m) => m.id);
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString();
    for (let i = 0; i < CHANNELS; i += 1) await store.subscribe(newSubscription({ channelId: `C${i}`, createdAt: twoDaysAgo }), known);
    await store.close();
    env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${base}/api/`, DATABASE_PATH: db, DELIVERY_RATE_PER_SECOND: '20' };
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await slack.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers each due digest once across a SIGKILL and a restart', async () => {
    ({ child } = await spawnServe(env));
    await until(() => slack.posted.length >= 12, 20_000);
    child.kill('SIGKILL');
    await new Promise((r) => child?.once('exit', r));
    const beforeRestart = slack.posted.length;
    expect(beforeRestart).toBeLessThan(CHANNELS);

    ({ child } = await spawnServe(env));
    await until(() => new Set(slack.posted.map((p) => p.key)).size >= CHANNELS, 30_000);
    // Give a duplicate every chance to show up before counting.
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGTERM');
    await new Promise((r) => child?.once('exit', r));

    const perKey = new Map<string, number>();
    for (const p of slack.posted) perKey.set(p.key ?? '', (perKey.get(p.key ?? '') ?? 0) + 1);
    expect(perKey.size).toBe(CHANNELS);
    expect([...perKey.values()].every((n) => n === 1)).toBe(true);
    expect(slack.to('/api/conversations.history').length).toBeGreaterThan(0); // in-flight posts were checked, not re-sent blindly

    const store = new SqliteStore(db);
    expect(await store.outboxCounts()).toMatchObject({ sent: CHANNELS, pending: 0, sending: 0, dead: 0 });
    await store.close();
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'outbox'], { env: { PATH: process.env['PATH'] ?? '', DATABASE_PATH: db } });
    expect(stdout).toBe(`pending 0 · sending 0 · sent ${CHANNELS} · dead 0 · rejected 0\n`);
  }, 60_000);
});
