import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.js';
import { runBot, type Bot } from '../../src/app/run-bot.js';
import { json } from '../fakes/http-recorder.js';
import { FakeSec } from '../fakes/fake-sec.js';
import { BOT_TOKEN, FakeSlack, SIGNING_SECRET, signedHeaders, slashCommandBody } from '../fakes/fake-slack.js';
import { withTrackableCompanies } from '../fakes/sec-companies.js';
import { memoryLogger } from '../helpers/silent-logger.js';
import { secEnv } from '../helpers/sec-env.js';

/** `/rivalry track` end to end: the real Slack adapter, the bot with its SQLite store, a fake SEC. */
describe('tracking a rivalry from Slack', () => {
  const slack = new FakeSlack();
  const sec = new FakeSec();
  const dir = mkdtempSync(join(tmpdir(), 'rivalry-track-'));
  let bot: Bot;
  let events: string;
  let slackBase: string;
  let config: ReturnType<typeof loadConfig>;
  let n = 0;

  const start = async () => {
    bot = await runBot(config, memoryLogger().logger);
    events = `http://127.0.0.1:${bot.running.port}/slack/events`;
  };

  beforeAll(async () => {
    slackBase = await slack.start();
    const secBase = await sec.start();
    withTrackableCompanies(sec);
    slack.admins.add('UADMIN');
    config = loadConfig({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: `${slackBase}/api/`,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_PATH: join(dir, 'rivalry.db'),
      ...secEnv(secBase),
      RIVALRY_TRACK_LIMIT: '2',
    });
    await start();
  });
  afterAll(async () => {
    await bot.stop();
    await slack.stop();
    await sec.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A slash command as Slack sends it; resolves with what reached response_url, and how long it took. */
  async function ask(text: string, fields: Record<string, string> = {}): Promise<{ type: string; raw: string; ms: number; ackMs: number }> {
    const path = `/response/track-${(n += 1)}`;
    const body = slashCommandBody(text, `${slackBase}${path}`, { user_id: 'UADMIN', ...fields });
    const reply = slack.next(path);
    const started = performance.now();
    const res = await fetch(events, { method: 'POST', body, headers: signedHeaders(body) });
    const ackMs = performance.now() - started;
    expect(res.status).toBe(200);
    const r = await reply;
    return { type: String(r.body['response_type']), raw: r.raw, ms: performance.now() - started, ackMs };
  }

  it('an admin tracks COST vs TGT: acknowledged at once, then the comparison in the channel', async () => {
    const reply = await ask('track COST vs TGT');
    expect(reply.ackMs).toBeLessThan(3000);
    expect(reply.type).toBe('in_channel');
    expect(reply.raw).toContain('Now tracking Costco Wholesale vs Target in this workspace as \\"cost-vs-tgt\\"');
    // Their fiscal years end months apart: the reply compares the quarters that line up.
    expect(reply.raw).toContain('quarterly revenue');
    expect(reply.raw).toContain('63,516'); // Costco Q2 FY2025
    expect(reply.raw).toMatch(/accession 0000909832-/);
  });

  it('the workspace sees it; another workspace does not', async () => {
    const here = await ask('compare cost-vs-tgt quarterly', { user_id: 'U0001' });
    expect(here.type).toBe('in_channel');
    expect(here.raw).toContain('Costco Wholesale');
    const listed = await ask('list', { user_id: 'U0001' });
    expect(listed.raw).toContain('cost-vs-tgt · tracked here');
    expect(listed.raw).toContain('amazon-vs-walmart · shipped with the bot');
    const elsewhere = await ask('compare cost-vs-tgt', { team_id: 'T0002', user_id: 'U0001' });
    expect(elsewhere.type).toBe('ephemeral');
    expect(elsewhere.raw).toContain('Unknown rivalry \\"cost-vs-tgt\\"');
  });

  it('refuses a member who may not manage the channel, creating nothing', async () => {
    const reply = await ask('track NVDA vs AMD', { user_id: 'UMEMBER' });
    expect(reply.type).toBe('ephemeral');
    expect(reply.raw).toContain('Only people who can manage this channel may use \\"track\\"');
    expect((await bot.store.catalog.catalogKeys()).map((k) => k.slug)).not.toContain('nvda-vs-amd');
  });

  it('answers an unknown ticker with a did-you-mean, and the same pair with the existing rivalry', async () => {
    const unknown = await ask('track COSTT vs TGT');
    expect(unknown.type).toBe('ephemeral');
    expect(unknown.raw).toContain('SEC lists no company with ticker \\"COSTT\\". Did you mean \\"COST\\"');
    const again = await ask('track tgt vs cost as other-name');
    expect(again.raw).toContain('TGT vs COST is already tracked here as \\"cost-vs-tgt\\": nothing new was created.');
    const shipped = await ask('track WMT vs AMZN');
    expect(shipped.raw).toContain('ships with the bot as \\"amazon-vs-walmart\\"');
  });

  it('stops at the workspace limit', async () => {
    expect((await ask('track NVDA vs AMD')).raw).toContain('Now tracking Nvidia vs Advanced Micro Devices');
    const full = await ask('track AMZN vs COST');
    expect(full.type).toBe('ephemeral');
    expect(full.raw).toContain('This workspace tracks 2 rivalries, the most this bot allows');
  });

  it('says so when SEC is down, and creates nothing', async () => {
    await ask('untrack nvda-vs-amd');
    const before = await bot.store.catalog.catalogRevision();
    sec.overrides = [(req, res) => (req.path.startsWith('/api/') ? (json(res, 503, { message: 'maintenance' }), true) : false)];
    sec.companies.delete('0001045810');
    try {
      const reply = await ask('track NVDA vs HD');
      expect(reply.type).toBe('ephemeral');
      expect(reply.raw).toContain('SEC EDGAR is not answering');
      expect(reply.raw).toContain('Nothing was created');
    } finally {
      sec.overrides = [];
    }
    expect(await bot.store.catalog.catalogRevision()).toBe(before);
  });

  it('renames a company, and untracks with the subscriptions it had', async () => {
    const renamed = await ask('rename cost-vs-tgt COST Costco');
    expect(renamed.raw).toContain('COST is now shown as \\"Costco\\" (was \\"Costco Wholesale\\")');
    expect((await ask('compare cost-vs-tgt quarterly')).raw).toContain('Costco vs Target');
    const shipped = await ask('rename amazon-vs-walmart AMZN Amazon.com');
    expect(shipped.raw).toContain('ships with the bot');
    expect((await ask('subscribe cost-vs-tgt daily', { channel_id: 'C0042' })).raw).toContain('Subscribed');
    const gone = await ask('untrack cost-vs-tgt');
    expect(gone.type).toBe('in_channel');
    expect(gone.raw).toContain('1 subscription stopped');
    expect(await bot.store.listForWorkspace('slack', 'T0001')).toEqual([]);
  });

  it('records who changed what, shown to the workspace\'s admins with /rivalry audit and to nobody else', async () => {
    const entries = await bot.store.ops.entries({ platform: 'slack', workspaceId: 'T0001', limit: 20 });
    // Only changes that happened: not the refused, misspelt, over-the-limit or SEC-down attempts.
    expect(entries.map((e) => `${e.actor} ${e.action} ${e.target}`).reverse()).toEqual([
      'UADMIN track cost-vs-tgt',
      'UADMIN track nvda-vs-amd',
      'UADMIN untrack nvda-vs-amd',
      'UADMIN rename cost-vs-tgt',
      'UADMIN subscribe cost-vs-tgt',
      'UADMIN untrack cost-vs-tgt',
    ]);
    expect(entries.find((e) => e.action === 'subscribe')).toMatchObject({ channelId: 'C0042', detail: expect.stringContaining('09:00') });
    expect(entries.find((e) => e.action === 'rename')?.detail).toBe('COST: "Costco Wholesale" → "Costco"');
    expect(await bot.store.ops.entries({ platform: 'slack', workspaceId: 'T0002', limit: 20 })).toEqual([]);

    const shown = await ask('audit');
    expect(shown.type).toBe('ephemeral');
    expect(shown.raw).toContain('untrack');
    expect(shown.raw).toContain('UADMIN');
    const member = await ask('audit', { user_id: 'UMEMBER' });
    expect(member.raw).toContain('Not allowed');
  });

  it('keeps tracked rivalries across a restart', async () => {
    await ask('track COST vs TGT');
    await bot.stop();
    await start();
    const reply = await ask('compare cost-vs-tgt quarterly', { user_id: 'U0001' });
    expect(reply.type).toBe('in_channel');
    expect(reply.raw).toContain('Costco Wholesale');
  });
});
