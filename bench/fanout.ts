/**
 * Fan-out of one digest to CHANNELS Slack channels (default 5,000) through the real outbox and Slack
 * poster, against a fake Slack in a child process that enforces 1 msg/s per channel and a global
 * LIMIT msgs/s with 429 + Retry-After. Reports time to finish vs the minimum the limits allow, 429s,
 * and the sender's peak RSS. Run: npm run bench:fanout
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { createSlackPoster } from '../src/adapters/slack/channel-poster.js';
import { OutboxSender } from '../src/app/delivery/outbox-sender.js';
import { loadCatalog } from '../src/app/load-data.js';
import { digestMessage } from '../src/core/subscriptions/digest-message.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';

const CHANNELS = Number(process.env['CHANNELS'] ?? 5000);
const LIMIT = Number(process.env['LIMIT'] ?? 250);
// Pace a little under the platform's limit: timer jitter must not push us over it.
const RATE = Number(process.env['RATE'] ?? Math.floor(LIMIT * 0.96));

const fake = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./fanout-fake-slack.ts', import.meta.url))], { env: { ...process.env, LIMIT: String(LIMIT) }, stdio: ['ignore', 'pipe', 'inherit'] });
const first = await createInterface({ input: fake.stdout })[Symbol.asyncIterator]().next();
const { port } = JSON.parse(first.value as string) as { port: number };
const base = `http://127.0.0.1:${port}`;

const dir = mkdtempSync(join(tmpdir(), 'rivalry-fanout-'));
const store = new SqliteStore(join(dir, 'rivalry.db'));
const rivalry = loadCatalog(undefined).rivalries[0];
if (rivalry === undefined) throw new Error('no bundled rivalry');
const digest = digestMessage(rivalry, 'Weekly digest');
const now = Date.now();
for (let i = 0; i < CHANNELS; i += 1) {
  const { subscription } = await store.subscribe({ platform: 'slack', workspaceId: 'T1', channelId: `C${i}`, rivalry: rivalry.slug, schedule: { frequency: 'weekly', weekday: 'monday', time: '09:00', zone: 'UTC' }, alertsOnly: false, withChart: false, createdBy: 'U1', createdAt: new Date(now).toISOString() }, []);
  await store.queueDigest(subscription.id, '2026-11-30T09:00:00.000Z', `digest:${subscription.id}:2026-11-30T09:00:00.000Z`, digest, now);
}

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const sender = new OutboxSender({ store, posters: [createSlackPoster({ token: 'xoxb-bench', apiUrl: `${base}/api/`, globalRatePerSecond: RATE })], logger: pino({ level: 'silent' }), concurrency: 32 });
const started = Date.now();
await sender.start();
for (;;) {
  const counts = await store.outboxCounts();
  if (counts.pending === 0 && counts.sending === 0) break;
  await new Promise((r) => setTimeout(r, 100));
}
const elapsed = (Date.now() - started) / 1000;
await sender.stop();
clearInterval(sampler);

const stats = (await (await fetch(`${base}/stats`)).json()) as { ok: number; limited: number; duplicates: number };
// The platform allows a burst of LIMIT, then LIMIT per second.
const minimum = Math.max(0, (CHANNELS - LIMIT) / LIMIT);
const counts = await store.outboxCounts();
process.stdout.write(
  [
    `channels ${CHANNELS}, platform limit ${LIMIT}/s global + 1/s per channel, sender rate ${RATE}/s`,
    `finished in ${elapsed.toFixed(2)} s; minimum the limits allow ${minimum.toFixed(2)} s; ratio ${(elapsed / minimum).toFixed(3)}`,
    `posts ok ${stats.ok}, 429s ${stats.limited} (${((stats.limited / (stats.ok + stats.limited)) * 100).toFixed(2)}% of requests), duplicates ${stats.duplicates}`,
    `outbox: ${JSON.stringify(counts)}`,
    `sender peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MiB`,
  ].join('\n') + '\n',
);
await store.close();
fake.kill();
rmSync(dir, { recursive: true, force: true });
