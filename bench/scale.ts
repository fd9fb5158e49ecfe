/**
 * Scale on SQLite: SUBS subscriptions (default 100,000) across SUBS/100 workspaces and four time zones,
 * one daily slot due for all. Measures the cold and idle scheduler ticks, queueing the slot, outbox
 * bytes per post, and delivering the fan-out through the real outbox sender and Slack poster (in a
 * process of their own, compiled: bench/scale-serve.mjs, so its RSS is a bot's) against a fake Slack
 * (own process) that allows LIMIT posts per second per workspace (default 1) and 1 per second per
 * channel; the bot is configured at 97% of LIMIT (RATE overrides). SERVE_NODE_ARGS passes node flags to
 * the bot's process only (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, `--trace-gc` with SERVE_LOG=file).
 * Prints, last: `scale N subscriptions: queue … duplicates D`. Run: npm run bench:scale
 */
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { loadCatalog } from '../src/app/load-data.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';

const SUBS = Number(process.env['SUBS'] ?? 100_000);
const PER_WORKSPACE = 100;
const LIMIT = Number(process.env['LIMIT'] ?? 1);
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo'];

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
const t = performance.now();
for (let i = 0; i < SUBS; i += 1) {
  const zone = ZONES[i % ZONES.length] ?? 'UTC';
  await store.subscribe({ platform: 'slack', workspaceId: `T${Math.floor(i / PER_WORKSPACE)}`, channelId: `C${i}`, rivalry: rivalry.slug, schedule: { frequency: 'daily', time: localTime(zone), zone }, alertsOnly: false, withChart: false, createdBy: 'U1', createdAt: created }, []);
}
const subscribeS = (performance.now() - t) / 1000;

// The set-up is done: from here the bot's side runs in its own process (compiled, as serve runs).
await store.close();
const bytes = () => {
  const db = new Database(file, { readonly: true });
  const n = (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
  db.close();
  return n; // the logical size, WAL frames included: what the data takes, whatever is checkpointed yet
};
const before = bytes();

const fake = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./fanout-fake-slack.ts', import.meta.url))], { env: { ...process.env, LIMIT: String(LIMIT) }, stdio: ['ignore', 'pipe', 'inherit'] });
const first = await createInterface({ input: fake.stdout })[Symbol.asyncIterator]().next();
const base = `http://127.0.0.1:${(JSON.parse(first.value as string) as { port: number }).port}`;
// SERVE_NODE_ARGS: node flags for the bot's process only (a heap cap, --cpu-prof), not for the set-up or the fake.
const serveArgs = (process.env['SERVE_NODE_ARGS'] ?? '').split(' ').filter((a) => a !== '');
const serve = spawn(process.execPath, [...serveArgs, fileURLToPath(new URL('./scale-serve.mjs', import.meta.url))], {
  env: { ...process.env, DB: file, SLOT: String(slot.getTime()), BASE: base, LIMIT: String(LIMIT), SUBS: String(SUBS) },
  stdio: ['ignore', 'pipe', 'inherit'],
});
// The result is the line that starts with '{' (node flags such as --trace-gc may print before it; SERVE_LOG keeps those).
let result = '';
for await (const text of createInterface({ input: serve.stdout })) {
  if (text.startsWith('{')) {
    result = text;
    break;
  }
  if (process.env['SERVE_LOG'] !== undefined) appendFileSync(process.env['SERVE_LOG'], `${text}\n`);
}
const run = JSON.parse(result) as { coldMs: number; idleMs: number; queueMs: number; queued: number; deliveredS: number; startRss: number; queueRss: number; peakRss: number; peakHeap: number; peakExternal: number; peakStatus: string };
if (run.queued !== SUBS) throw new Error(`queued ${run.queued} of ${SUBS}`);
// Sent posts stay in the outbox (pruned after 30 days): the growth is what one slot costs.
const after = bytes();
const stats = (await (await fetch(`${base}/stats`)).json()) as { ok: number; limited: number; duplicates: number };
// Each workspace allows a burst of LIMIT, then LIMIT a second: its PER_WORKSPACE posts take (PER_WORKSPACE − LIMIT) / LIMIT s; workspaces run side by side.
const minimum = Math.max(1, (PER_WORKSPACE - LIMIT) / LIMIT);
const perPost = (after - before) / SUBS;
const rate = (stats.limited / (stats.ok + stats.limited)) * 100;
process.stdout.write(
  [
    `${SUBS} subscriptions in ${SUBS / PER_WORKSPACE} workspaces, ${ZONES.length} zones; made in ${subscribeS.toFixed(1)} s (this process, RSS ${mib(process.memoryUsage().rss)} MiB)`,
    `bot process (compiled, no tsx): RSS at start ${mib(run.startRss)} MiB, peak while queueing ${mib(run.queueRss)} MiB, peak while sending ${mib(run.peakRss)} MiB (heap ${mib(run.peakHeap)} MiB, external ${mib(run.peakExternal)} MiB at the peak${run.peakStatus === '' ? '' : `; ${run.peakStatus}`})`,
    `cold tick (computes every next-due time) ${run.coldMs.toFixed(0)} ms; idle tick ${run.idleMs.toFixed(1)} ms; queueing the slot ${(run.queueMs / 1000).toFixed(2)} s`,
    `database growth for the slot ${mib(after - before)} MiB = ${perPost.toFixed(0)} B per post`,
    `delivered ${stats.ok} in ${run.deliveredS.toFixed(1)} s against a minimum of ${minimum.toFixed(1)} s (${LIMIT}/s per workspace)`,
    `scale ${SUBS} subscriptions: queue ${(run.queueMs / 1000).toFixed(2)} s, idle tick ${run.idleMs.toFixed(1)} ms, peak RSS ${mib(run.peakRss)} MiB, outbox ${perPost.toFixed(0)} B per subscription per slot, delivery ${(run.deliveredS / minimum).toFixed(2)}× the minimum, 429s ${rate.toFixed(2)}%, duplicates ${stats.duplicates}`,
  ].join('\n') + '\n',
);
fake.kill();
rmSync(dir, { recursive: true, force: true });
