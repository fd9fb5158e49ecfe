// The serve side of bench:scale, in its own process and from the compiled bot (dist/, as `serve` runs
// it, without tsx), so its peak RSS is that of a bot process queueing and sending, not of the set-up.
// Reads DB, SLOT (epoch ms), BASE (the fake Slack), LIMIT, SUBS from the environment; prints one JSON line.
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { createSlackPoster } from '../dist/adapters/slack/channel-poster.js';
import { queueDueDigests } from '../dist/app/delivery/digest-scheduler.js';
import { OutboxSender } from '../dist/app/delivery/outbox-sender.js';
import { loadCatalog } from '../dist/app/load-data.js';
import { DEFAULT_HEAP_GROWTH_PERCENT, limitHeapGrowth } from '../dist/app/heap-growth.js';
import { SqliteStore } from '../dist/store/sqlite/sqlite-store.js';

const env = (name) => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};
const slot = Number(env('SLOT'));
const limit = Number(env('LIMIT'));
// The bot is configured a hair under the fake's rate, as an operator would set it under a platform's:
// at exactly the limit, requests paced 1,000 ms apart arrive a few ms early about half the time (the
// fake is busy too) and a third of the posts met a 429. RATE overrides.
const rate = Number(process.env.RATE ?? limit * 0.97);
// As `serve` does (HEAP_GROWTH_PERCENT, default 50; 0: V8's own choice).
limitHeapGrowth(Number(process.env.HEAP_GROWTH_PERCENT ?? DEFAULT_HEAP_GROWTH_PERCENT));
const startRss = process.memoryUsage().rss;
let peakRss = startRss;
let peakHeap = 0;
let peakExternal = 0;
let peakStatus = '';
const sample = () => {
  const m = process.memoryUsage();
  if (m.rss < peakRss) return;
  peakRss = m.rss;
  peakHeap = m.heapTotal;
  peakExternal = m.external;
  // What the rest of the RSS is at the peak: anonymous memory (heap, malloc) or mapped files (node's own code and data).
  try {
    peakStatus = readFileSync('/proc/self/status', 'utf8').split('\n').filter((l) => /^Rss(Anon|File|Shmem):/.test(l)).map((l) => l.replace(/\s+/g, ' ')).join(', ');
  } catch {
    peakStatus = '';
  }
};
const sampler = setInterval(sample, 25);

const store = new SqliteStore(env('DB'));
const catalog = loadCatalog(undefined);
const time = async (at) => {
  const started = performance.now();
  const queued = await queueDueDigests(store, catalog, at);
  return { ms: performance.now() - started, queued };
};
const cold = await time(new Date(slot - 60_000)); // computes every next-due time once
const idle = await time(new Date(slot - 30_000));
const queue = await time(new Date());
const queueRss = peakRss;

const poster = createSlackPoster({ tokenFor: async (ws) => `xoxb-${ws}`, apiUrl: `${env('BASE')}/api/`, globalRatePerSecond: rate });
const sender = new OutboxSender({ store, posters: [poster], logger: pino({ level: 'silent' }), concurrency: 64 });
const t = performance.now();
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
await store.close();
process.stdout.write(`${JSON.stringify({ coldMs: cold.ms, idleMs: idle.ms, queueMs: queue.ms, queued: queue.queued, deliveredS, startRss, queueRss, peakRss, peakHeap, peakExternal, peakStatus })}\n`);
