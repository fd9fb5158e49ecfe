import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.js';
import { runBot, type Bot } from '../../src/app/run-bot.js';
import { createMessage } from '../../src/core/message/message.js';
import { allMilestones } from '../../src/core/milestones/all-milestones.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { json } from '../fakes/http-recorder.js';
import { BOT_TOKEN, FakeSlack, SIGNING_SECRET, signedHeaders, slashCommandBody } from '../fakes/fake-slack.js';
import { bundledRivalry } from '../helpers/bundled.js';
import { runCli } from '../helpers/cli-in-process.js';
import { memoryLogger } from '../helpers/silent-logger.js';
import { newSubscription } from '../helpers/subscriptions.js';
import { until } from '../helpers/until.js';

const TOKEN = 'metrics-token-0123456789abcdef';

/** One sample of a Prometheus text scrape: the value of `name` with exactly these labels (0 when absent). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const want = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .sort()
    .join(',');
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (m?.[1] !== name) continue;
    const have = (m[2] ?? '').split(',').filter((p) => p !== '').sort().join(',');
    if (have === want) return Number(m[3]);
  }
  return 0;
}

/**
 * What an operator sees and does, end to end: the bot on SQLite with the real Slack adapter, a fake
 * Slack, /metrics scraped over HTTP, and the CLI run against the same database file.
 */
describe('operations: metrics, dead letters, audit', () => {
  const slack = new FakeSlack();
  const dir = mkdtempSync(join(tmpdir(), 'rivalry-ops-'));
  const db = join(dir, 'rivalry.db');
  let env: Record<string, string>;
  let bot: Bot;
  let base: string;
  let deadId: number;
  let n = 0;
  let logText: () => string = () => '';

  const scrape = async (headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) => fetch(`http://127.0.0.1:${bot.running.port}/metrics`, { headers });
  const metrics = async () => (await scrape()).text();

  beforeAll(async () => {
    base = await slack.start();
    // The first digest post to C1 is rate limited once.
    let limited = false;
    slack.overrides = [
      (req, res) => {
        if (limited || req.path !== '/api/chat.postMessage' || req.body['channel'] !== 'C1') return false;
        limited = true;
        json(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
        return true;
      },
    ];
    const store = new SqliteStore(db);
    const known = allMilestones(bundledRivalry()).map((m) => m.id);
    // C1: a digest due now. C2: one that was dead-lettered before this start (its next one is tomorrow).
    await store.subscribe(newSubscription({ channelId: 'C1', createdAt: new Date(Date.now() - 2 * 86_400_000).toISOString() }), known);
    const { subscription } = await store.subscribe(newSubscription({ channelId: 'C2', createdAt: new Date().toISOString() }), known);
    // Its slot is now: the next one is due tomorrow.
    await store.queueDigest(subscription.id, new Date().toISOString(), 'digest:c2:earlier', createMessage({ title: 'Amazon vs Walmart digest', fallbackText: 'Amazon 716.9 vs Walmart 713.2' }), Date.now() - 3_600_000);
    deadId = (await store.outboxItems('pending'))[0]?.id ?? 0;
    await store.markDead(deadId, 'gave up after 8 attempts: 502 Bad Gateway', Date.now() - 1_800_000);
    // A subscription for a platform this bot does not serve: kept, and said at start-up.
    await store.subscribe(newSubscription({ platform: 'discord', workspaceId: 'G1', channelId: 'D1' }), known);
    await store.close();
    env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${base}/api/`, PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: db, METRICS_TOKEN: TOKEN };
    const log = memoryLogger();
    logText = log.text;
    bot = await runBot(loadConfig(env), log.logger);
  });
  afterAll(async () => {
    await bot.stop();
    await slack.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function ask(text: string, fields: Record<string, string> = {}): Promise<string> {
    const path = `/response/ops-${(n += 1)}`;
    const body = slashCommandBody(text, `${base}${path}`, fields);
    const reply = slack.next(path);
    expect((await fetch(`http://127.0.0.1:${bot.running.port}/slack/events`, { method: 'POST', body, headers: signedHeaders(body) })).status).toBe(200);
    return (await reply).raw;
  }

  it('says at start-up which subscriptions wait for a platform it does not serve, counted in the database', () => {
    expect(logText()).toContain('1 subscription(s) are for discord, which is not configured here');
  });

  it('serves /metrics only with the bearer token', async () => {
    const without = await scrape({});
    expect(without.status).toBe(401);
    expect(without.headers.get('www-authenticate')).toContain('Bearer');
    expect((await scrape({ authorization: 'Bearer not-the-token-at-all-000' })).status).toBe(401);
    expect((await scrape({ authorization: TOKEN })).status).toBe(401);
    const ok = await scrape();
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/plain');
    const text = await ok.text();
    expect(text).toContain('process_resident_memory_bytes');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(sample(text, 'rivalry_replicas_alive')).toBe(1);
    expect(sample(text, 'rivalry_catalog_version')).toBeGreaterThan(0);
  });

  it('counts each command with its outcome and latency', async () => {
    const before = await metrics();
    const labels = { platform: 'slack', command: 'compare', outcome: 'ok' };
    expect(await ask('compare amazon-vs-walmart')).toContain('716.9');
    await ask('compare no-such-rivalry');
    const after = await metrics();
    expect(sample(after, 'rivalry_commands_total', labels)).toBe(sample(before, 'rivalry_commands_total', labels) + 1);
    expect(sample(after, 'rivalry_commands_total', { ...labels, outcome: 'invalid' })).toBe(sample(before, 'rivalry_commands_total', { ...labels, outcome: 'invalid' }) + 1);
    expect(sample(after, 'rivalry_command_duration_seconds_count', { platform: 'slack', command: 'compare' })).toBe(sample(before, 'rivalry_command_duration_seconds_count', { platform: 'slack', command: 'compare' }) + 2);
  });

  it('shows a 429 from Slack in the rate-limited count, and the post going out after it, with its history', async () => {
    await until(() => slack.posted.some((p) => p.channel === 'C1'), 10_000);
    const text = await metrics();
    expect(sample(text, 'rivalry_posts_total', { platform: 'slack', outcome: 'rate-limited' })).toBe(1);
    expect(sample(text, 'rivalry_posts_total', { platform: 'slack', outcome: 'sent' })).toBe(1);
    expect(sample(text, 'rivalry_scheduler_lag_seconds_count')).toBe(1);
    // The sender records answers in batches: wait for this one.
    await until(async () => (await bot.store.outboxItems('sent')).length === 1);
    const sent = (await bot.store.outboxItems('sent'))[0];
    const shown = await runCli(['outbox', 'show', String(sent?.id)], env);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/#\d+ {2}sent {2}slack:T0001\/C1/);
    expect(shown.stdout).toMatch(/rate-limited +attempt 0 {2}429: /);
  });

  it('shows a dead post in the dead count until an operator re-sends it, once, even when two retries race', async () => {
    let text = await metrics();
    expect(sample(text, 'rivalry_outbox_items', { status: 'dead' })).toBe(1);
    const listed = await runCli(['outbox'], env);
    expect(listed.stdout).toContain(`#${deadId}  dead  slack:T0001/C2  digest:c2:earlier  attempts 0  gave up after 8 attempts: 502 Bad Gateway`);
    const history = await runCli(['outbox', 'show', String(deadId)], env);
    expect(history.stdout).toMatch(/dead +attempt 0 {2}gave up after 8 attempts/);

    const [one, two] = await Promise.all([runCli(['outbox', 'retry', String(deadId)], env), runCli(['outbox', 'retry', '--dead', '--platform', 'slack'], env)]);
    const outputs = [one.stdout, two.stdout].join('\n');
    expect(outputs.match(/Re-queued 1 dead post: #\d+/g)).toHaveLength(1);
    await until(() => slack.posted.some((p) => p.channel === 'C2'), 10_000);
    await new Promise((r) => setTimeout(r, 1000)); // a second post would show by now
    expect(slack.posted.filter((p) => p.key === 'digest:c2:earlier')).toHaveLength(1);
    text = await metrics();
    expect(sample(text, 'rivalry_outbox_items', { status: 'dead' })).toBe(0);
    expect(sample(text, 'rivalry_posts_total', { platform: 'slack', outcome: 'sent' })).toBe(2);
    expect(sample(text, 'rivalry_outbox_oldest_pending_seconds')).toBe(0);

    // Once sent, it is no longer dead: a retry says so and changes nothing.
    const again = await runCli(['outbox', 'retry', String(deadId)], env);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain(`Left #${deadId} alone: it is sent, not dead.`);
    const audit = await runCli(['audit'], env);
    expect(audit.stdout.match(/operator:\S+ {2}retry outbox \d+/g)).toHaveLength(1);
  });

  it('refuses bad operator input with what is accepted, changing nothing', async () => {
    expect((await runCli(['outbox', 'retry', 'abc'], env)).stderr).toContain('must be an outbox item id');
    expect((await runCli(['outbox', 'retry'], env)).stderr).toContain('name the items (outbox retry 12 15) or pass --dead');
    expect((await runCli(['outbox', 'retry', '--dead', '--since', 'yesterday'], env)).stderr).toContain('must be a date like 2026-12-01');
    expect((await runCli(['outbox', 'retry', '99999'], env)).stdout).toContain('Left #99999 alone: no such outbox item.');
    const unknown = await runCli(['outbox', 'show', '99999'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No outbox item #99999');
    expect((await runCli(['outbox', 'purge', '--before', '2026-01-01'], env)).stderr).toContain('pass --rejected');
    expect((await runCli(['outbox', 'purge', '--rejected', '--before', '2020-01-01'], env)).stdout).toContain('Purged 0 refused posts queued before 2020-01-01 00:00:00Z.');
  });

  it('records subscribe and unsubscribe with who, where and what, and shows them to the workspace\'s admins', async () => {
    slack.admins.add('UADMIN');
    await ask('subscribe amazon-vs-walmart weekly monday at 08:00 tz Europe/Paris', { user_id: 'UADMIN', channel_id: 'C9' });
    await ask('unsubscribe amazon-vs-walmart', { user_id: 'UADMIN', channel_id: 'C9' });
    const shown = await ask('audit', { user_id: 'UADMIN' });
    expect(shown).toContain('subscribe');
    expect(shown).toContain('unsubscribe');
    expect(shown).toContain('every Monday at 08:00 (Europe/Paris)');
    const cli = await runCli(['audit', '--platform', 'slack', '--workspace', 'T0001', '--limit', '2'], env);
    expect(cli.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/slack:T0001\/C9 {2}UADMIN {2}unsubscribe amazon-vs-walmart$/),
      expect.stringMatching(/slack:T0001\/C9 {2}UADMIN {2}subscribe amazon-vs-walmart {2}\(every Monday at 08:00 \(Europe\/Paris\)\)$/),
    ]);
  });
});
