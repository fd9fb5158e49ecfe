/**
 * Scale on PostgreSQL with two replicas of the real bot (`serve` with DATABASE_URL, pg-boss scheduling):
 * SUBS subscriptions (default 10,000) across SUBS/100 workspaces and four time zones, one daily slot due
 * for all, against the rate-limited fake Slack of bench:scale (own process; 1 post/s per channel, LIMIT
 * per second per workspace told apart by the bot token, default 1). Workspaces are OAuth installs in the
 * database, so each replica posts with the workspace's own token, as a multi-workspace deployment does.
 *
 * Steps: a throwaway PostgreSQL on 127.0.0.1 (fsync off, like the test setup); the schema by migration;
 * the replicas started once on the empty database and stopped (schema, pg-boss, catalog import, and the
 * start-up milestone pass, which then has nothing to announce: the data does not change during the run);
 * subscriptions and installations inserted server-side (INSERT … SELECT FROM generate_series), each with
 * its next due time already recorded, as after earlier slots; two replicas started; the slot falls on the
 * next whole minute after they are up, where pg-boss's cron tick picks it up.
 *
 * Measures: time from the slot to every digest queued (from the replicas' "digests queued" lines), and
 * to the last one delivered, against the minimum the fake's limits allow; 429s; duplicates (keys posted
 * twice at the fake, and outbox rows per subscription); each replica's RSS (VmRSS sampled every 200 ms and
 * VmHWM from /proc) and CPU; PostgreSQL's CPU; database size.
 *
 * DELIVER=all (default) waits for every post; DELIVER=<seconds> stops that long after queueing (for sizes
 * whose delivery at the fake's limits takes too long). Prints, last:
 * `scale-pg N subscriptions, 2 replicas: queue X s, delivery … , 429s P%, duplicates D, RSS A/B MiB, database S MiB`.
 * Run: node --import tsx bench/scale-pg.ts (SUBS=100000 …)
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadCatalog } from '../src/app/load-data.js';
import { PgStore } from '../src/store/postgres/pg-store.js';

const SUBS = Number(process.env['SUBS'] ?? 10_000);
const PER_WORKSPACE = 100;
const WORKSPACES = Math.ceil(SUBS / PER_WORKSPACE);
const LIMIT = Number(process.env['LIMIT'] ?? 1);
const REPLICAS = Number(process.env['REPLICAS'] ?? 2);
const DELIVER = process.env['DELIVER'] ?? 'all';
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo'];
const root = fileURLToPath(new URL('..', import.meta.url));
const mib = (b: number) => (b / 1024 / 1024).toFixed(0);
const log = (line: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);

// ---- the bot, compiled from this checkout into a private directory (dist/ is shared with others) ----
const build = join(root, 'var', 'scale-pg');
if (process.env['SCALE_PG_BUILD'] !== '0' || !existsSync(join(build, 'dist', 'app', 'main.js'))) {
  mkdirSync(build, { recursive: true });
  // dist/app/load-data.js finds the bundled rivalries at ../../data; package.json makes the output ES modules.
  for (const name of ['data', 'package.json']) if (!existsSync(join(build, name))) symlinkSync(join(root, name), join(build, name));
  const t = performance.now();
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', join(build, 'dist'), '--sourceMap', 'false'], { stdio: 'inherit' });
  log(`bot compiled in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
const MAIN = join(build, 'dist', 'app', 'main.js');

// ---- a throwaway PostgreSQL on loopback ----
function findBin(name: string): string {
  const dir = '/usr/lib/postgresql';
  const found = existsSync(dir) ? readdirSync(dir).sort().reverse().map((v) => join(dir, v, 'bin', name)).find((p) => existsSync(p)) : undefined;
  if (found === undefined) throw new Error(`${name} not found (install the postgresql package)`);
  return found;
}
const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address() as { port: number };
    s.close(() => resolve(port));
  });
});
const pgDir = mkdtempSync(join(tmpdir(), 'rivalry-scale-pg-'));
const asRoot = process.getuid?.() === 0;
const runPg = (bin: string, args: string[]) => (asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', bin, ...args], { stdio: 'pipe' }) : execFileSync(bin, args, { stdio: 'pipe' }));
if (asRoot) chownSync(pgDir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
const pgPort = await freePort();
runPg(findBin('initdb'), ['-D', join(pgDir, 'data'), '-A', 'trust', '-U', 'rivalry', '-E', 'UTF8', '--no-sync']);
runPg(findBin('pg_ctl'), ['-D', join(pgDir, 'data'), '-l', join(pgDir, 'log'), '-w', '-o', `-p ${pgPort} -k ${pgDir} -h 127.0.0.1 -c fsync=off -c max_connections=200 -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all`, 'start']);
const stopPg = () => {
  try {
    runPg(findBin('pg_ctl'), ['-D', join(pgDir, 'data'), '-m', 'immediate', 'stop']);
  } finally {
    rmSync(pgDir, { recursive: true, force: true });
  }
};
const postmaster = Number(readFileSync(join(pgDir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
const url = `postgres://rivalry@127.0.0.1:${pgPort}/postgres`;

// ---- /proc accounting ----
const TICK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());
const statusKb = (pid: number, field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
/** CPU (ms) of a process; with `children`, also its current children's (PostgreSQL's backends). */
function cpuMs(pid: number, children = false): number {
  const of = (p: number | string) => {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      // utime + stime, and for the postmaster cutime + cstime (backends that have exited)
      return { ppid: Number(fields[1]), ms: ((Number(fields[11]) + Number(fields[12]) + (children && Number(p) === pid ? Number(fields[13]) + Number(fields[14]) : 0)) * 1000) / TICK };
    } catch {
      return { ppid: -1, ms: 0 };
    }
  };
  let ms = of(pid).ms;
  if (children) for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) if (of(p).ppid === pid) ms += of(p).ms;
  return ms;
}

// ---- schema, fake Slack ----
const store = await PgStore.open(url); // migrates
const db = new pg.Client({ connectionString: url });
await db.connect();
// Where PostgreSQL's time goes (reset when the slot falls due; printed at the end).
await db.query('CREATE EXTENSION pg_stat_statements');
const fake = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench', 'fanout-fake-slack.ts')], { env: { ...process.env, LIMIT: String(LIMIT) }, stdio: ['ignore', 'pipe', 'inherit'] });
const fakePort = (JSON.parse((await createInterface({ input: fake.stdout })[Symbol.asyncIterator]().next()).value as string) as { port: number }).port;
const fakeStats = async () => (await (await fetch(`http://127.0.0.1:${fakePort}/stats`)).json()) as { ok: number; limited: number; perChannelLimited: number; duplicates: number; firstOkAt: number; lastOkAt: number };

// ---- replicas of the real bot ----
interface Replica {
  child: ChildProcess;
  pid: number;
  peakRss: number;
  queued: Array<{ at: number; queued: number }>;
  warnings: number;
  lines: string[];
}
const env = {
  PATH: process.env['PATH'] ?? '',
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'info',
  DATABASE_URL: url,
  // OAuth: a bot token per workspace, read from the installations table (as after installs).
  SLACK_CLIENT_ID: '123.456',
  SLACK_CLIENT_SECRET: 'scale-pg-client-secret',
  SLACK_STATE_SECRET: 'scale-pg-state-secret',
  SLACK_SIGNING_SECRET: 'scale-pg-signing-secret',
  SLACK_API_URL: `http://127.0.0.1:${fakePort}/api/`,
  // The deployment's rate per workspace, 10% under the fake's; the replicas split it between them.
  DELIVERY_RATE_PER_SECOND: String(LIMIT * 0.9),
  SEC_WATCH_SECONDS: '0',
  NODE_OPTIONS: process.env['REPLICA_NODE_OPTIONS'] ?? '',
};
async function startReplica(): Promise<Replica> {
  const child = spawn(process.execPath, [MAIN, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'], cwd: build });
  const replica: Replica = { child, pid: child.pid ?? 0, peakRss: 0, queued: [], warnings: 0, lines: [] };
  let err = '';
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('rivalry-bot serving')) resolve();
    });
    // The log (JSON on stderr): when each shard job queued its digests, and any warning.
    createInterface({ input: child.stderr! }).on('line', (line) => {
      err = (err + line + '\n').slice(-4000);
      if (!line.startsWith('{')) return;
      const entry = JSON.parse(line) as { msg?: string; queued?: number; time?: number; level?: number };
      if (entry.msg === 'digests queued') replica.queued.push({ at: entry.time ?? Date.now(), queued: entry.queued ?? 0 });
      else if ((entry.level ?? 0) >= 40) {
        replica.warnings += 1;
        if (entry.msg !== 'rate limited' && !/metrics is served/.test(entry.msg ?? '') && replica.lines.length < 5) replica.lines.push(line.slice(0, 300));
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
  return replica;
}
const stopReplica = (r: Replica) =>
  new Promise<void>((resolve) => {
    if (r.child.exitCode !== null) return resolve();
    r.child.once('exit', () => resolve());
    r.child.kill('SIGTERM');
  });

// Once on the empty database: migrations, pg-boss's schema and queues, the catalog import and the
// start-up milestone pass happen here, not in the measured run.
let t = performance.now();
const warm = await Promise.all(Array.from({ length: REPLICAS }, startReplica));
// Until the start-up milestone job has run (its id is the data version: the measured start finds it done).
for (let i = 0; ; i += 1) {
  const done = await db.query("SELECT 1 FROM pgboss.job WHERE name = 'rivalry-milestones' AND state = 'completed'");
  if (done.rowCount === 1) break;
  if (i > 600) throw new Error('the milestone job did not complete during the warm-up');
  await new Promise((r) => setTimeout(r, 100));
}
await Promise.all(warm.map(stopReplica));
log(`warm-up start and stop of ${REPLICAS} replicas on the empty database: ${((performance.now() - t) / 1000).toFixed(1)} s`);

// ---- subscriptions, in bulk ----
const rivalry = loadCatalog(undefined).rivalries[0];
if (rivalry === undefined) throw new Error('no bundled rivalry');
// The slot: a whole minute far enough ahead for the insert and the replicas' start (checked below).
const margin = 20_000 + (SUBS / 1_000_000) * 200_000;
const slot = new Date(Math.ceil((Date.now() + margin) / 60_000) * 60_000);
const localTime = (zone: string) => new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(slot);
const schedules = ZONES.map((zone) => JSON.stringify({ frequency: 'daily', time: localTime(zone), zone }));
const created = new Date(slot.getTime() - 86_400_000 + 300_000).toISOString();
t = performance.now();
const CHUNK = 100_000;
for (let from = 0; from < SUBS; from += CHUNK) {
  await db.query(
    `INSERT INTO subscriptions (platform, workspace_id, channel_id, rivalry, schedule, alerts_only, with_chart, created_by, created_at, next_due_at)
     SELECT 'slack', 'T' || (i / ${PER_WORKSPACE}), 'C' || i, $1, ($2::jsonb[])[1 + i % ${ZONES.length}], FALSE, FALSE, 'U1', $3, $4
     FROM generate_series($5::bigint, $6::bigint) AS i`,
    [rivalry.slug, schedules, created, slot.getTime(), from, Math.min(SUBS, from + CHUNK) - 1],
  );
}
await db.query(
  `INSERT INTO installations (platform, workspace_id, data, installed_at)
   SELECT 'slack', 'T' || w, jsonb_build_object('team', jsonb_build_object('id', 'T' || w), 'bot', jsonb_build_object('token', 'xoxb-T' || w, 'id', 'B1', 'userId', 'U0')), $2
   FROM generate_series(0, $1::int - 1) AS w`,
  [WORKSPACES, new Date().toISOString()],
);
await db.query('VACUUM ANALYZE subscriptions');
await db.query('VACUUM ANALYZE installations');
const insertS = (performance.now() - t) / 1000;
const dbSize = async () => Number((await db.query<{ n: string }>('SELECT pg_database_size(current_database()) AS n')).rows[0]?.n ?? 0);
const sizeBefore = await dbSize();
log(`${SUBS} subscriptions in ${WORKSPACES} workspaces inserted in ${insertS.toFixed(1)} s; database ${mib(sizeBefore)} MiB; slot ${slot.toISOString()}`);

// ---- the run ----
t = performance.now();
const replicas = await Promise.all(Array.from({ length: REPLICAS }, startReplica));
const startS = (performance.now() - t) / 1000;
const cpuAtReady = replicas.map((r) => cpuMs(r.pid));
const pgCpuAtReady = cpuMs(postmaster, true);
log(`${REPLICAS} replicas up in ${startS.toFixed(1)} s (pids ${replicas.map((r) => r.pid).join(', ')}); RSS ${replicas.map((r) => mib(statusKb(r.pid, 'VmRSS'))).join('/')} MiB; slot in ${((slot.getTime() - Date.now()) / 1000).toFixed(0)} s`);
if (Date.now() >= slot.getTime()) throw new Error('the slot passed before the replicas were up: raise the margin');
let phase: 'idle' | 'queueing' | 'sending' = 'idle';
const peakRss = { idle: replicas.map(() => 0), queueing: replicas.map(() => 0), sending: replicas.map(() => 0) };
const sampler = setInterval(() => {
  replicas.forEach((r, i) => {
    try {
      const rss = statusKb(r.pid, 'VmRSS');
      peakRss[phase][i] = Math.max(peakRss[phase][i] ?? 0, rss);
    } catch {
      // exited
    }
  });
}, 200);
const totalQueued = () => replicas.reduce((n, r) => n + r.queued.reduce((m, q) => m + q.queued, 0), 0);
const idleCpuFrom = replicas.map((r) => cpuMs(r.pid));
const idleFrom = performance.now();
while (Date.now() < slot.getTime()) await new Promise((r) => setTimeout(r, 100));
const idleCpuPerMin = replicas.map((r, i) => ((cpuMs(r.pid) - (idleCpuFrom[i] ?? 0)) / ((performance.now() - idleFrom) / 60_000)));
phase = 'queueing';
await db.query('SELECT pg_stat_statements_reset()');
const cpuAtSlot = replicas.map((r) => cpuMs(r.pid));
const pgCpuAtSlot = cpuMs(postmaster, true);
const deadline = slot.getTime() + 15 * 60_000;
while (totalQueued() < SUBS) {
  if (Date.now() > deadline) throw new Error(`only ${totalQueued()} of ${SUBS} queued after 15 minutes`);
  await new Promise((r) => setTimeout(r, 100));
}
const queuedAt = Math.max(...replicas.flatMap((r) => r.queued.map((q) => q.at)));
const queueS = (queuedAt - slot.getTime()) / 1000;
const shardTimes = replicas.map((r) => r.queued.map((q) => `${((q.at - slot.getTime()) / 1000).toFixed(1)} s (${q.queued})`).join(', '));
phase = 'sending';
const cpuAtQueued = replicas.map((r) => cpuMs(r.pid));
const pgCpuAtQueued = cpuMs(postmaster, true);
const sizeQueued = await dbSize();
log(`queued ${totalQueued()} ${queueS.toFixed(1)} s after the slot; shard jobs finished at: ${shardTimes.map((s, i) => `replica ${i + 1}: ${s || 'none'}`).join('; ')}`);

const window = DELIVER === 'all' ? Infinity : Number(DELIVER) * 1000;
const sendUntil = Date.now() + window;
let stats = await fakeStats();
let lastLog = Date.now();
while (stats.ok < SUBS && Date.now() < sendUntil) {
  await new Promise((r) => setTimeout(r, 500));
  stats = await fakeStats();
  if (Date.now() - lastLog > 30_000) {
    lastLog = Date.now();
    log(`delivered ${stats.ok} (${stats.limited} 429s)`);
  }
}
const doneAt = Date.now();
const cpuAtDone = replicas.map((r) => cpuMs(r.pid));
const pgCpuAtDone = cpuMs(postmaster, true);
clearInterval(sampler);
const hwm = replicas.map((r) => statusKb(r.pid, 'VmHWM'));
await Promise.all(replicas.map(stopReplica));
stats = await fakeStats();
const rows = (await db.query<{ n: string; subs: string; sent: string }>("SELECT COUNT(*) AS n, COUNT(DISTINCT subscription_id) AS subs, COUNT(*) FILTER (WHERE status = 'sent') AS sent FROM outbox")).rows[0];
const tables = (await db.query<{ t: string; n: string }>("SELECT relname AS t, pg_total_relation_size(c.oid) AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND s.nspname IN ('public', 'pgboss') ORDER BY 2 DESC LIMIT 4")).rows;
const sizeAfter = await dbSize();
// pg-boss's own record of the slot's jobs: when the cron tick ran, and each shard job's start and end.
const jobs = (await db.query<{ name: string; data: { shard?: number }; created: number; started: number; completed: number }>(
  `SELECT name, data, extract(epoch FROM created_on) * 1000 AS created, extract(epoch FROM started_on) * 1000 AS started, extract(epoch FROM completed_on) * 1000 AS completed
   FROM pgboss.job WHERE name IN ('rivalry-digest-tick', 'rivalry-digest') AND created_on >= $1 ORDER BY created_on`,
  [slot],
)).rows;
const rel = (ms: number | null) => (ms === null ? '?' : ((Number(ms) - slot.getTime()) / 1000).toFixed(1));
const jobLine = jobs.map((j) => `${j.name === 'rivalry-digest' ? `shard ${j.data.shard ?? '?'}` : 'tick'} ${rel(j.started)}→${rel(j.completed)}`).join(', ');
const topStatements = (await db.query<{ ms: number; calls: string; rows: string; q: string }>(
  "SELECT total_exec_time AS ms, calls, rows, regexp_replace(left(query, 110), '\\s+', ' ', 'g') AS q FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 6",
)).rows;

// Each workspace allows a burst of LIMIT, then LIMIT a second: its PER_WORKSPACE posts take (PER_WORKSPACE − LIMIT) / LIMIT s; workspaces run side by side.
const minimum = Math.max(1, (Math.min(PER_WORKSPACE, SUBS) - LIMIT) / LIMIT);
const firstPostS = (stats.firstOkAt - slot.getTime()) / 1000;
const postingS = (stats.lastOkAt - stats.firstOkAt) / 1000;
const complete = stats.ok >= SUBS;
const rate = stats.ok + stats.limited === 0 ? 0 : (stats.limited / (stats.ok + stats.limited)) * 100;
const sec = (ms: number) => (ms / 1000).toFixed(1);
const perReplica = (f: (i: number) => string) => replicas.map((_, i) => f(i)).join(' / ');
process.stdout.write(
  [
    `${SUBS} subscriptions in ${WORKSPACES} workspaces, ${ZONES.length} zones, ${REPLICAS} replicas; fake Slack ${LIMIT}/s per workspace, 1/s per channel; inserted in ${insertS.toFixed(1)} s; replicas up in ${startS.toFixed(1)} s`,
    `idle: RSS peak ${perReplica((i) => mib(peakRss.idle[i] ?? 0))} MiB, CPU ${perReplica((i) => (idleCpuPerMin[i] ?? 0).toFixed(0))} ms per minute (start-up CPU ${perReplica((i) => sec(cpuAtReady[i] ?? 0))} s)`,
    `queueing: all ${SUBS} queued ${queueS.toFixed(1)} s after the slot; replicas' CPU ${perReplica((i) => sec((cpuAtQueued[i] ?? 0) - (cpuAtSlot[i] ?? 0)))} s, PostgreSQL's ${sec(pgCpuAtQueued - pgCpuAtSlot)} s; RSS peak ${perReplica((i) => mib(peakRss.queueing[i] ?? 0))} MiB; database ${mib(sizeBefore)} → ${mib(sizeQueued)} MiB`,
    `pg-boss jobs (s after the slot, started→completed): ${jobLine}`,
    `sending${complete ? '' : ` (stopped after ${DELIVER} s)`}: ${stats.ok} delivered, first post ${firstPostS.toFixed(1)} s after the slot, first to last ${postingS.toFixed(1)} s against a minimum of ${minimum.toFixed(1)} s (${complete ? `${(postingS / minimum).toFixed(2)}×` : `${(stats.ok / Math.max(0.001, (doneAt - stats.firstOkAt) / 1000)).toFixed(0)} posts/s`}); 429s ${stats.limited} (${stats.perChannelLimited} per channel); replicas' CPU ${perReplica((i) => sec((cpuAtDone[i] ?? 0) - (cpuAtQueued[i] ?? 0)))} s, PostgreSQL's ${sec(pgCpuAtDone - pgCpuAtQueued)} s; RSS peak ${perReplica((i) => mib(peakRss.sending[i] ?? 0))} MiB`,
    `outbox: ${rows?.n} rows for ${rows?.subs} subscriptions, ${rows?.sent} sent; PostgreSQL CPU from ready to done ${sec(pgCpuAtDone - pgCpuAtReady)} s; database ${mib(sizeAfter)} MiB (${tables.map((x) => `${x.t} ${mib(Number(x.n))}`).join(', ')})`,
    `PostgreSQL's statements from the slot on, by time: ${topStatements.map((x) => `\n  ${(x.ms / 1000).toFixed(1)} s, ${x.calls} calls, ${x.rows} rows: ${x.q}`).join('')}`,
    `warnings logged by the replicas: ${perReplica((i) => String(replicas[i]?.warnings ?? 0))}${replicas.some((r) => r.lines.length > 0) ? ` (other than rate limits: ${replicas.flatMap((r) => r.lines).slice(0, 3).join(' | ')})` : ''}`,
    `scale-pg ${SUBS} subscriptions, ${REPLICAS} replicas: queue ${queueS.toFixed(1)} s, delivery ${complete ? `${postingS.toFixed(1)} s = ${(postingS / minimum).toFixed(2)}× the minimum` : `${stats.ok} of ${SUBS} in ${DELIVER} s`}, 429s ${rate.toFixed(2)}%, duplicates ${stats.duplicates + Number(rows?.n ?? 0) - Number(rows?.subs ?? 0)}, peak RSS ${perReplica((i) => mib(hwm[i] ?? 0))} MiB, database ${mib(sizeAfter)} MiB`,
  ].join('\n') + '\n',
);
await db.end();
await store.close();
fake.kill();
stopPg();
