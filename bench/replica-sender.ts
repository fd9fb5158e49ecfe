/** One replica for the replicas benchmark: delivers the shared PostgreSQL outbox until it is empty, then exits. */
import { pino } from 'pino';
import { createSlackPoster } from '../src/adapters/slack/channel-poster.js';
import { OutboxSender } from '../src/app/delivery/outbox-sender.js';
import { PgStore } from '../src/store/postgres/pg-store.js';

const store = await PgStore.open(process.env['DATABASE_URL'] ?? '');
const sender = new OutboxSender({
  store,
  // A token per workspace, as after OAuth installs: the fake limits each workspace on its own.
  posters: [createSlackPoster({ tokenFor: async (workspace) => `xoxb-${workspace}`, apiUrl: process.env['SLACK_API_URL'] ?? '', globalRatePerSecond: Number(process.env['RATE']) })],
  logger: pino({ level: process.env['LOG_LEVEL'] ?? 'silent' }, pino.destination(2)),
  concurrency: 32,
  pollMs: 250,
});
await sender.start();
for (;;) {
  const c = await store.outboxCounts();
  if (c.pending === 0 && c.sending === 0) break;
  await new Promise((r) => setTimeout(r, 100));
}
await sender.stop();
await store.close();
// CPU this replica used (user + system, ms), for the parent to add up.
const cpu = process.cpuUsage();
process.stdout.write(`${JSON.stringify({ cpuMs: Math.round((cpu.user + cpu.system) / 1000) })}\n`);
