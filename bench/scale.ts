/**
 * Scale on SQLite: SUBS subscriptions (default 100,000) across SUBS/100 workspaces and four time zones,
 * one daily slot due for all. Measures the cold and idle scheduler ticks, queueing the slot, outbox
 * bytes per post, and delivering the fan-out through the real outbox sender and Slack poster against
 * a fake Slack (own process) that allows LIMIT posts per second per workspace (default 1) and 1 per
 * second per channel. Prints, last: `scale N subscriptions: queue … duplicates D`. Run: npm run bench:scale
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { createSlackPoster } from '../src/adapters/slack/channel-poster.js';
import { queueDueDigests } from '../src/app/delivery/digest-scheduler.js';
import { OutboxSender } from '../src/app/delivery/outbox-sender.js';
import { loadCatalog } from '../src/app/load-data.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';

const SUBS = Number(process.env['SUBS'] ?? 100_000);
const PER_WORKSPACE = 100;
const LIMIT = Number(process.env['LIMIT'] ?? 1);
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo'];

const startRss = process.memoryUsage().rss;
let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const sampler = setInterval(sample, 25);
const mib = (b: number) => (b / 1024 / 1024).toFixed(0);

const dir = mkdtempSync(join(tmpdir(), 'rivalry-scale-'));
const file = join(dir, 'rivalry.db');
const store = new SqliteStore(file);
const catalog = loadCatalog(undefined);
const rivalry = catalog.rivalries[0];
if (rivalry === undefined) throw new Error('no bundled rivalry');

// The slot: the last whole minute before the run, as each zone's local time (posts queued for it are due at once).
const slot = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
const localTimes = new Map(ZONES.map((zone) => [zone, new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(slot)]));
const localTime = (zone: string) => localTimes.get(zone) ?? '00:00';
const created = new Date(slot.getTime() - 86_400_000 + 300_000).toISOString();
let t = performance.now();
for (let i = 0; i < SUBS; i += 1) {
  const zone = ZONES[i % ZONES.length] ?? 'UTC';
  await store.subscribe({ platform: 'slack', workspaceId: `T${Math.floor(i / PER_WORKSPACE)}`, channelId: `C${i}`, rivalry: rivalry.slug, schedule: { frequency: 'daily', time: localTime(zone), zone }, alertsOnly: false, withChart: false, createdBy: 'U1', createdAt: created }, []);
}
const subscribeS = (performance.now() - t) / 1000;

const time = async (at: Date) => {
  const started = performance.now();
  const queued = await queueDueDigests(store, catalog, at);
  return { ms: performance.now() - started, queued };
};
const cold = await time(new Date(slot.getTime() - 60_000)); // computes every next-due time once
const idle = await time(new Date(slot.getTime() - 30_000));
const bytes = () => {
  const db = new Database(file, { readonly: true });
  const n = (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
  db.close();
  return n; // the logical size, WAL frames included: what the data takes, whatever is checkpointed yet
};
await store.ping();
const before = bytes();
const queue = await time(new Date());
const after = bytes();
if (queue.queued !== SUBS) throw new Error(`queued ${queue.queued} of ${SUBS}`);

const fake = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./fanout-fake-slack.ts', import.meta.url))], { env: { ...process.env, LIMIT: String(LIMIT) }, stdio: ['ignore', 'pipe', 'inherit'] });
const first = await createInterface({ input: fake.stdout })[Symbol.asyncIterator]().next();
const base = `http://127.0.0.1:${(JSON.parse(first.value as string) as { port: number }).port}`;
const poster = createSlackPoster({ tokenFor: async (ws) => `xoxb-${ws}`, apiUrl: `${base}/api/`, globalRatePerSecond: LIMIT * 0.9 });
const sender = new OutboxSender({ store, posters: [poster], logger: pino({ level: 'silent' }), concurrency: 64 });
t = performance.now();
await sender.start();
for (;;) {
  const counts = await store.outboxCounts();
  if (counts.pending === 0 && counts.sending === 0) break;
  await new Promise((r) => setTimeout(r, 250));
}
const deliveredS = (performance.now() - t) / 1000;
await sender.stop();
clearInterval(sampler);
sample();
const stats = (await (await fetch(`${base}/stats`)).json()) as { ok: number; limited: number; duplicates: number };
// Each workspace allows a burst of LIMIT, then LIMIT a second: its PER_WORKSPACE posts take (PER_WORKSPACE − LIMIT) / LIMIT s; workspaces run side by side.
const minimum = Math.max(1, (PER_WORKSPACE - LIMIT) / LIMIT);
const perPost = (after - before) / SUBS;
const rate = (stats.limited / (stats.ok + stats.limited)) * 100;
process.stdout.write(
  [
    `${SUBS} subscriptions in ${SUBS / PER_WORKSPACE} workspaces, ${ZONES.length} zones; made in ${subscribeS.toFixed(1)} s; RSS at start ${mib(startRss)} MiB (node + tsx + modules)`,
    `cold tick (computes every next-due time) ${cold.ms.toFixed(0)} ms; idle tick ${idle.ms.toFixed(1)} ms; queueing the slot ${(queue.ms / 1000).toFixed(2)} s`,
    `database growth while queueing ${mib(after - before)} MiB = ${perPost.toFixed(0)} B per post`,
    `delivered ${stats.ok} in ${deliveredS.toFixed(1)} s against a minimum of ${minimum.toFixed(1)} s (${LIMIT}/s per workspace)`,
    `scale ${SUBS} subscriptions: queue ${(queue.ms / 1000).toFixed(2)} s, idle tick ${idle.ms.toFixed(1)} ms, peak RSS ${mib(peakRss)} MiB, outbox ${perPost.toFixed(0)} B per subscription per slot, delivery ${(deliveredS / minimum).toFixed(2)}× the minimum, 429s ${rate.toFixed(2)}%, duplicates ${stats.duplicates}`,
  ].join('\n') + '\n',
);
await store.close();
fake.kill();
rmSync(dir, { recursive: true, force: true });
