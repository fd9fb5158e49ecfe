/**
 * Fan-out of one digest to CHANNELS Slack channels with 1, 2 and 4 replicas sharing one PostgreSQL
 * outbox, against the rate-limited fake Slack (1/s per channel, LIMIT/s for the workspace). Every
 * replica is configured with the same rate (4% under the limit); they split it between themselves
 * through the store. WORKSPACES=N spreads the channels over N workspaces, each limited on its own.
 * PROFILE_DIR=dir writes a CPU profile per replica. Needs PostgreSQL binaries. Run: npm run bench:replicas
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { loadCatalog } from '../src/app/load-data.js';
import { digestMessage } from '../src/core/subscriptions/digest-message.js';
import { PgStore } from '../src/store/postgres/pg-store.js';
import startPostgres from '../test/setup/postgres.js';
import { freshDatabase } from '../test/helpers/fresh-database.js';

const CHANNELS = Number(process.env['CHANNELS'] ?? 5000);
const LIMIT = Number(process.env['LIMIT'] ?? 250);
/** Channels are spread over this many workspaces, each with its own LIMIT. */
const WORKSPACES = Number(process.env['WORKSPACES'] ?? 1);
const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));

let serverUrl = '';
const stopPostgres = await startPostgres({ provide: (_k: string, v: string) => (serverUrl = v) } as never);
if (serverUrl === '') throw new Error('PostgreSQL could not be started');

const rivalry = loadCatalog(undefined).rivalries[0];
if (rivalry === undefined) throw new Error('no rivalry');
const digest = digestMessage(rivalry, 'Weekly digest');

for (const replicas of (process.env['REPLICAS'] ?? '1,2,4').split(',').map(Number)) {
  const url = await freshDatabase(serverUrl);
  const store = await PgStore.open(url);
  for (let i = 0; i < CHANNELS; i += 1) {
    const { subscription } = await store.subscribe({ platform: 'slack', workspaceId: `T${i % WORKSPACES}`, channelId: `C${i}`, rivalry: rivalry.slug, schedule: { frequency: 'weekly', weekday: 'monday', time: '09:00', zone: 'UTC' }, alertsOnly: false, withChart: false, createdBy: 'U1', createdAt: new Date().toISOString() }, []);
    await store.queueDigest(subscription.id, 'slot', `digest:${subscription.id}:slot`, digest, Date.now());
  }
  const fake = spawn(process.execPath, ['--import', 'tsx', here('./fanout-fake-slack.ts')], { env: { ...process.env, LIMIT: String(LIMIT) }, stdio: ['ignore', 'pipe', 'inherit'] });
  const { port } = JSON.parse((await createInterface({ input: fake.stdout })[Symbol.asyncIterator]().next()).value as string) as { port: number };
  const started = Date.now();
  const children = Array.from({ length: replicas }, () =>
    spawn(process.execPath, [...(process.env['PROFILE_DIR'] === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${process.env['PROFILE_DIR']}`]), '--import', 'tsx', here('./replica-sender.ts')], { env: { ...process.env, DATABASE_URL: url, SLACK_API_URL: `http://127.0.0.1:${port}/api/`, RATE: String(Math.floor(LIMIT * 0.96)) }, stdio: ['ignore', 'pipe', 'inherit'] }),
  );
  const cpuMs = (await Promise.all(children.map(async (c) => {
    let out = '';
    c.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise((r) => c.once('exit', r));
    return (JSON.parse(out.trim().split('\n').pop() ?? '{"cpuMs":0}') as { cpuMs: number }).cpuMs;
  }))).reduce((a, b) => a + b, 0);
  const elapsed = (Date.now() - started) / 1000;
  const stats = (await (await fetch(`http://127.0.0.1:${port}/stats`)).json()) as { ok: number; limited: number; duplicates: number; firstOkAt: number; lastOkAt: number };
  const posting = (stats.lastOkAt - stats.firstOkAt) / 1000;
  // The busiest workspace bounds the time: a burst of LIMIT, then LIMIT a second.
  const perWorkspace = Math.ceil(CHANNELS / WORKSPACES);
  const minimum = Math.max(0, perWorkspace - LIMIT) / LIMIT;
  process.stdout.write(`${WORKSPACES} workspace(s), ${replicas} replica(s): ${elapsed.toFixed(2)} s (minimum ${minimum.toFixed(2)} s, ratio ${(elapsed / minimum).toFixed(3)}; includes process start-up), first to last post ${posting.toFixed(2)} s (ratio ${(posting / minimum).toFixed(3)}), replicas' CPU ${(cpuMs / 1000).toFixed(1)} s, ok ${stats.ok}, 429s ${stats.limited}, duplicates ${stats.duplicates}, outbox ${JSON.stringify(await store.outboxCounts())}\n`);
  fake.kill();
  await store.close();
}
stopPostgres?.();
